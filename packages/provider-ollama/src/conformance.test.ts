import { createClient } from '@switchyard/core';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { ollama } from './ollama.js';

// The testkit's contract suite in Ollama's wire format: chat, streaming, tool calls, completions,
// embeddings, error statuses, malformed answers, refused connections, cancellation, and the fake
// credential (sent as a proxy's authorization header) nowhere in errors, events or traces.
describeProviderConformance({
  name: 'ollama',
  createProvider: ({ baseURL, apiKey }) => ollama({ baseURL, headers: { authorization: `Bearer ${apiKey}` } }),
  dialect: 'ollama',
  models: { chat: 'llama3.2', completion: 'llama3.2', embedding: 'all-minilm' },
  createClient,
});
