import { inspect } from 'node:util';
import { Secret, createClient, createTransport, isProvider, isSwitchyardError } from '@switchyard/core';
import type { ClientEvent } from '@switchyard/core';
import type { CredentialSource, HttpTransport } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from './openai-compatible.js';
import { testCallContext } from './test-support/call-context.js';

const KEY = 'sk-live-0123456789abcdefXYZW';
const answer = { id: 'x', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

let server: TestServer;
let http: HttpTransport;
beforeAll(async () => {
  server = await startTestServer();
  http = createTransport();
});
afterAll(async () => {
  await http.close();
  await server.close();
});
beforeEach(() => server.reset());

function invalid(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe('openaiCompatible() options', () => {
  it('makes a contract-v1 provider with every task, local by default on loopback', () => {
    const provider = openaiCompatible({ id: 'vllm', baseURL: 'http://localhost:8000/v1/' });
    expect(isProvider(provider)).toBe(true);
    expect(provider.kind).toBe('local');
    expect(openaiCompatible({ id: 'x', baseURL: 'https://api.example.com/v1', region: 'eu' })).toMatchObject({ kind: 'cloud', region: 'eu' });
    for (const task of ['chat', 'streamChat', 'complete', 'streamComplete', 'embed', 'textToImage', 'listModels', 'health'] as const) {
      expect(typeof provider[task]).toBe('function');
    }
  });

  it('rejects bad options with messages that say what to fix', () => {
    expect(invalid(() => openaiCompatible({ id: '', baseURL: 'http://localhost:8000/v1' }))).toContain('id must be 1-64 letters');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'localhost:8000' }))).toContain('absolute http(s) URL');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://user:pw@api.example.com/v1' }))).toContain('must not contain a user name or password');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://api.example.com/v1', headers: { Authorization: `Bearer ${KEY}` } }))).toContain('pass the key as apiKey');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://api.example.com/v1', apiKey: '' }))).toContain('apiKey must not be empty');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://api.example.com/v1', apiKey: 42 as never }))).toContain('apiKey must be a string, a Secret, or a credential source');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://api.example.com/v1', apiKey: `${KEY}\n` }))).toContain('line break');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://x.dev/v1', apiKye: KEY } as never))).toContain('apiKye');
    expect(invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://x.dev/v1', pricing: { type: 'per-token', inputPerMillion: -1, outputPerMillion: 1 } }))).toContain('inputPerMillion must be >= 0');
    expect(invalid(() => openaiCompatible(undefined as never))).toContain('Invalid openaiCompatible() options');
  });

  it('never echoes the key in validation messages', () => {
    const message = invalid(() => openaiCompatible({ id: 'a', baseURL: 'https://x.dev/v1', apiKey: `${KEY}\r\n` }));
    expect(message).not.toContain(KEY);
  });

  it('answers supportsModel and pricing from its options', () => {
    const perModel = openaiCompatible({ id: 'a', baseURL: 'https://x.dev/v1', models: ['small'], pricing: { small: { type: 'per-token', inputPerMillion: 0.1, outputPerMillion: 0.2 } } });
    expect(perModel.supportsModel('small', 'chat')).toBe(true);
    expect(perModel.supportsModel('large', 'chat')).toBe(false);
    expect(perModel.pricing).toBeTypeOf('function');
    expect(perModel.pricing?.('small', 'chat')).toEqual({ type: 'per-token', inputPerMillion: 0.1, outputPerMillion: 0.2 });
    expect(perModel.pricing?.('large', 'chat')).toBeUndefined();
    const flat = openaiCompatible({ id: 'a', baseURL: 'https://x.dev/v1', pricing: { type: 'per-request', perRequest: 0.01 } });
    expect(flat.pricing).toBeTypeOf('function');
    expect(flat.pricing?.('anything', 'embed')).toEqual({ type: 'per-request', perRequest: 0.01 });
    expect(flat.supportsModel('anything', 'chat')).toBe(true);
  });

  it('has no pricing() without a price, and a client over it bills exactly as over one whose pricing() answers undefined', async () => {
    const unpriced = openaiCompatible({ id: 'a', baseURL: `${server.url}/v1` });
    expect('pricing' in unpriced).toBe(false);
    server.route('POST', '/v1/chat/completions', reply.json({ ...answer, usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } }));
    // The shape every openaiCompatible() provider had before: a pricing() that knows no price. A client
    // loads its Billing for it; without one it keeps UnpricedBilling. Costs, usage and events must match.
    const answersUndefined = { ...openaiCompatible({ id: 'a', baseURL: `${server.url}/v1` }), pricing: () => undefined };
    const observe = async (provider: typeof unpriced) => {
      const events: ClientEvent[] = [];
      const client = createClient({ providers: [provider], onEvent: (event) => events.push(event) });
      const response = await client.chat(request);
      const { since: _since, ...clientUsage } = client.usage();
      await client.close();
      // Timings and clock readings differ between any two runs; everything else must not.
      const untimed = (key: string, value: unknown): unknown => (key.endsWith('Ms') || key === 'startedAt' || key === 'at' ? undefined : value);
      return { text: response.text, cost: response.cost, usage: response.usage, clientUsage, events: JSON.parse(JSON.stringify(events, untimed)) as unknown };
    };
    const withoutPricing = await observe(unpriced);
    expect(withoutPricing.text).toBe('ok');
    expect(withoutPricing.cost).toMatchObject({ basis: 'unknown', reason: expect.stringContaining('no price is known for model "m" on provider "a"') as unknown });
    expect(withoutPricing.clientUsage.totals).toMatchObject({ requests: 1, inputTokens: 7, outputTokens: 3, costUsd: 0, unknownCostRequests: 1 });
    expect(withoutPricing).toEqual(await observe(answersUndefined));
  });
});

describe('credentials', () => {
  const call = (provider: ReturnType<typeof openaiCompatible>) => provider.chat(request, testCallContext(http, { task: 'chat', model: 'm' }));

  it('sends a string, a Secret or a credential source as a Bearer token, and custom headers', async () => {
    server.route('POST', '/v1/chat/completions', reply.json(answer));
    await call(openaiCompatible({ id: 'a', baseURL: `${server.url}/v1`, apiKey: KEY, headers: { 'OpenAI-Organization': 'org-1' } }));
    await call(openaiCompatible({ id: 'a', baseURL: `${server.url}/v1`, apiKey: new Secret(KEY) }));
    const source: CredentialSource = async () => ({ secret: new Secret(KEY), source: 'test' });
    await call(openaiCompatible({ id: 'a', baseURL: `${server.url}/v1`, apiKey: source }));
    expect(server.requests.map((sent) => sent.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`, `Bearer ${KEY}`]);
    expect(server.requests[0]!.headers['openai-organization']).toBe('org-1');
  });

  it('sends no authorization to a local server without a key, and a bare key in apiKeyHeader', async () => {
    server.route('POST', '/v1/chat/completions', reply.json(answer));
    await call(openaiCompatible({ id: 'a', baseURL: `${server.url}/v1` }));
    await call(openaiCompatible({ id: 'a', baseURL: `${server.url}/v1`, apiKey: KEY, apiKeyHeader: 'api-key' }));
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[1]!.headers.authorization).toBeUndefined();
    expect(server.requests[1]!.headers['api-key']).toBe(KEY);
  });

  it('keeps the key out of the provider object, error messages, toJSON and inspect when a server echoes it', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }, { status: 401 }));
    const provider = openaiCompatible({ id: 'a', baseURL: `${server.url}/v1`, apiKey: KEY });
    expect(JSON.stringify(provider)).not.toContain(KEY);
    expect(inspect(provider, { depth: 10, showHidden: true })).not.toContain(KEY);
    const error = await call(provider).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('auth');
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it('refuses, at construction, a key for plain HTTP to a host that is not loopback', () => {
    const message = invalid(() => openaiCompatible({ id: 'a', baseURL: 'http://203.0.113.7:8000/v1', apiKey: KEY }));
    expect(message).toContain('plain HTTP');
    expect(message).not.toContain(KEY);
    expect(openaiCompatible({ id: 'a', baseURL: 'http://203.0.113.7:8000/v1' }).kind).toBe('cloud');
  });

  it('merges providerOptions for this provider id only into the body', async () => {
    server.route('POST', '/v1/chat/completions', reply.json(answer));
    await openaiCompatible({ id: 'mine', baseURL: `${server.url}/v1` }).chat(
      { ...request, providerOptions: { mine: { top_k: 5, chat_template_kwargs: { enable_thinking: false } }, other: { ignored: true } } },
      testCallContext(http, { task: 'chat', model: 'm' }),
    );
    expect(server.requests[0]!.json).toMatchObject({ top_k: 5, chat_template_kwargs: { enable_thinking: false } });
    expect(server.requests[0]!.json).not.toHaveProperty('ignored');
    const error = await openaiCompatible({ id: 'mine', baseURL: `${server.url}/v1` })
      .chat({ ...request, providerOptions: { mine: { stream: true } } }, testCallContext(http, { task: 'chat', model: 'm' }))
      .catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
    expect((error as Error).message).toContain('"stream" is set by the call');
    expect(server.requests).toHaveLength(1);
  });
});
