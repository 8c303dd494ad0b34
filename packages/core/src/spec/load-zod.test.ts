import { createRequire } from 'node:module';
import { reply, startTestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import { ask, completion, wireProvider } from '../client/openai-wire-provider.test-support.js';
import { createTransport } from '../http/create-transport.js';
import { loadZod } from './load-zod.js';

// loadZod requires zod's CommonJS build, so the require cache tells whether it ran. (testkit imports
// zod's ESM build itself, which this check does not see and which is not Switchyard's cold path.)
const requireCache = createRequire(import.meta.url).cache;
const zodLoaded = (): boolean => Object.keys(requireCache).some((path) => /[\\/]zod[\\/]/.test(path));

describe('zod stays off the happy path', () => {
  it('an ordinary client completes a chat without loading zod; the first invalid input loads it and gets the schema message', async () => {
    expect(zodLoaded()).toBe(false);
    const server = await startTestServer();
    server.route('POST', '/v1/chat/completions', reply.json(completion('hi')));
    const client = createClient({
      providers: [wireProvider({ id: 'a', baseUrl: server.url }), wireProvider({ id: 'b', baseUrl: server.url })],
      models: { small: { a: 'test-model', b: 'test-model' } },
      retry: { maxRetries: 1 },
      timeouts: { totalMs: 30_000 },
    });
    expect((await client.chat(ask('small'), { provider: 'auto' })).text).toBe('hi');
    // A provider with a price: the client bills (Billing, its quota limiter without limits) without zod.
    const priced = createClient({ providers: [wireProvider({ id: 'p', baseUrl: server.url, pricing: { type: 'per-request', perRequest: 0.01 } })] });
    expect((await priced.chat(ask())).cost).toMatchObject({ amount: 0.01 });
    await priced.close();
    const transport = createTransport({ timeouts: { headersMs: 5_000 } });
    expect((await (await transport.request({ method: 'POST', url: `${server.url}/v1/chat/completions`, json: {} })).json()) as object).toMatchObject({ id: 'chatcmpl-test' });
    await transport.close();
    expect(zodLoaded()).toBe(false);

    expect(() => createClient({ providers: [wireProvider({ id: 'a', baseUrl: server.url })], retry: { maxRetries: -1 } })).toThrow(
      'Invalid createClient() options: retry.maxRetries: maxRetries must be >= 0.',
    );
    expect(zodLoaded()).toBe(true);
    expect(loadZod()).toBe(loadZod());
    await client.close();
    await server.close();
  });
});
