import { createClient } from '@switchyard/core';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { huggingface } from './huggingface.js';

// Testkit's provider conformance suite in its Hugging Face dialect: the router and the Hub both on
// the suite's loopback server, through core's real client and transport.
describeProviderConformance({
  name: 'huggingface',
  createProvider: ({ baseURL, apiKey }) => huggingface({ token: apiKey, routerUrl: baseURL, hubUrl: baseURL }),
  dialect: 'hf',
  models: {
    chat: 'meta-llama/Llama-3.1-8B-Instruct',
    embedding: 'sentence-transformers/all-MiniLM-L6-v2',
    image: 'stabilityai/stable-diffusion-xl-base-1.0',
  },
  createClient,
});
