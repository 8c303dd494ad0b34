import { createClient } from '@switchyard/core';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { openaiCompatible } from './openai-compatible.js';

// The testkit's contract suite: chat, streaming, tool calls, completions, embeddings, images,
// error statuses, malformed answers, refused connections, cancellation, and no credential anywhere.
describeProviderConformance({
  name: 'openai-compat',
  createProvider: ({ baseURL, apiKey }) => openaiCompatible({ id: 'compat', baseURL, apiKey }),
  dialect: 'openai',
  models: { chat: 'gpt-4o-mini', completion: 'gpt-3.5-turbo-instruct', embedding: 'text-embedding-3-small', image: 'dall-e-3' },
  createClient,
});
