// Mirrors packages/testkit/README.md, section "A third-party wire format: CustomDialect", and the
// suite call of "Provider conformance suite" (with the template's provider standing in for
// `./acme.js`). The README's main example is compiled and run by packages/testkit/src/readme-example.test.ts.
import { createClient } from '@switchyard/core';
import { fault, reply, type CustomDialect } from '@switchyard/testkit';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { acme } from 'switchyard-provider-acme';

export const acmeDialect: CustomDialect = {
  name: 'acme',
  baseURL: (serverUrl) => `${serverUrl}/acme/v2`,
  endpoint: (task, model, stream) => ({ method: 'POST', path: stream ? '/acme/v2/stream' : '/acme/v2/generate' }),
  chat: (scenario) => reply.json({ output: scenario.text, stop: scenario.finishReason, tokens: scenario.usage }),
  // Each delta in its own chunk; the suite cuts streams after two chunks, so both must carry text.
  streamChat: (scenario) => reply.ndjson([...scenario.deltas.map((text) => ({ text })), { done: true, tokens: scenario.usage }]),
  error: (scenario) => fault.status(scenario.status, { retryAfter: scenario.retryAfterSeconds, body: { message: scenario.message } }),
};

export function registerSuite(): void {
  describeProviderConformance({
    name: 'acme',
    createProvider: ({ baseURL, apiKey }) => acme({ baseURL, apiKey }),
    dialect: 'openai', // 'openai' | 'ollama' | 'hf' | your own CustomDialect
    models: { chat: 'acme-chat', completion: 'acme-text', embedding: 'acme-embed', image: 'acme-image' },
    createClient,
  });
}
