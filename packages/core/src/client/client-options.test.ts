import { reply, startTestServer } from '@switchyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../spec/provider.js';
import { createClient } from './create-client.js';
import { callOptionsSchema, looksLikeCallOptions } from './client-options.js';
import type { ClientOptions } from './client-options.js';
import { ask, completion, wireProvider } from './openai-wire-provider.test-support.js';

const provider = (id: string): Provider => wireProvider({ id, baseUrl: 'http://127.0.0.1:9' });

function rejection(options: unknown): string {
  try {
    createClient(options as ClientOptions);
  } catch (error) {
    expect(error).toMatchObject({ kind: 'invalid-request' });
    return (error as Error).message;
  }
  throw new Error('createClient accepted invalid options');
}

describe('createClient options are validated with messages that say what to fix', () => {
  it('rejects duplicate provider ids', () => {
    expect(rejection({ providers: [provider('a'), provider('a')] })).toMatch(/providers\[1\]: duplicate provider id "a": give each provider a distinct id/);
  });

  it('rejects a provider with another contract version, a factory passed uncalled, and non-providers', () => {
    const future = { ...provider('x'), specificationVersion: 'switchyard.provider.v9' };
    expect(rejection({ providers: [future] })).toMatch(/providers\[0\]: speaks contract "switchyard.provider.v9" .* install matching versions/);
    expect(rejection({ providers: [() => provider('x')] })).toMatch(/providers\[0\]: is a function: call the provider factory/);
    expect(rejection({ providers: [42] })).toMatch(/providers\[0\]: is not a provider object/);
    expect(rejection({ providers: [] })).toMatch(/at least one provider/);
    expect(rejection({})).toMatch(/providers/);
  });

  it('rejects unknown option names and ids that name no provider', () => {
    expect(rejection({ providers: [provider('a')], retires: {} })).toMatch(/retires/);
    expect(rejection({ providers: [provider('a')], timeouts: { byProvider: { b: { firstTokenMs: 1 } } } })).toMatch(/timeouts.byProvider.b: no provider has the id "b" \(configured: a\)/);
    expect(rejection({ providers: [provider('a')], models: { small: { olama: 'x' } } })).toMatch(/models.small.olama: no provider has the id "olama"/);
    expect(rejection({ providers: [provider('a')], routing: { strategy: 'fastest' } })).toMatch(/routing.strategy must be one of/);
    expect(rejection({ providers: [provider('a')], hedge: { delayMs: 0 } })).toMatch(/hedge.delayMs must be > 0/);
    expect(rejection({ providers: [provider('a')], retry: { maxRetries: -1 } })).toMatch(/maxRetries must be >= 0/);
    expect(rejection({ providers: [provider('a')], budget: { limitUsd: 5, window: 'day', provider: 'zz' } })).toMatch(/budget\[0\].provider: no provider has the id "zz"/);
  });

  it('validates each request and its options before anything is sent', async () => {
    const server = await startTestServer();
    server.route('POST', '/v1/chat/completions', reply.json(completion('x')));
    const client = createClient({ providers: [wireProvider({ id: 'a', baseUrl: server.url })] });
    await expect(client.chat({ model: 'm', messages: [] })).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('messages must not be empty') });
    await expect(client.chat(ask(), { provider: 'nope' })).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('Unknown provider "nope"') });
    await expect(client.chat(ask(), { timeouts: { firstTokenMs: -5 } })).rejects.toMatchObject({ message: expect.stringContaining('firstTokenMs') });
    expect(() => client.streamChat({ model: '', messages: [{ role: 'user', content: 'x' }] })).toThrow(/model must not be empty/);
    await expect(client.textToVideo({ model: 'm', prompt: 'a cat' })).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('textToVideo') });
    expect(server.requests).toHaveLength(0);
    await client.close();
    await expect(client.chat(ask())).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('closed') });
    await server.close();
  });

  it('runs listModels and health on a named provider', async () => {
    const server = await startTestServer();
    server.route('GET', '/v1/models', reply.json({ data: [{ id: 'model-a' }, { id: 'model-b' }] }));
    server.route('GET', '/health', reply.json({ ok: true }));
    const client = createClient({ providers: [wireProvider({ id: 'a', baseUrl: server.url })] });
    expect(await client.listModels('a')).toEqual([{ id: 'model-a' }, { id: 'model-b' }]);
    expect(await client.health('a')).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
    await expect(client.health('b')).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('Unknown provider "b"') });
    await client.close();
    await server.close();
  });
});

describe('call options precheck', () => {
  it('accepts nothing callOptionsSchema rejects, and takes the common options', () => {
    const edge = fc.constantFrom(undefined, null, '', 'x', 0, true, 'auto', [], [''], ['a', ''], ['a', 'b'], {}, AbortSignal.abort(), { aborted: false });
    const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: edge, weight: 1 });
    const options = fc.record(
      {
        provider: mostly(fc.oneof(fc.constantFrom('auto', 'a'), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.sparseArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 3 }))),
        signal: mostly(fc.constant(new AbortController().signal)),
        idempotent: mostly(fc.boolean()),
        timeouts: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.constant({ totalMs: 5 }), weight: 1 }, { arbitrary: edge, weight: 1 }),
        retry: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: edge, weight: 1 }),
        hedge: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.constant(false), weight: 1 }, { arbitrary: edge, weight: 1 }),
        provder: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: edge, weight: 1 }),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: options, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), (value) => {
        if (!looksLikeCallOptions(value)) return;
        accepted += 1;
        expect(callOptionsSchema().safeParse(value).success).toBe(true);
      }),
      { numRuns: 3_000 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(looksLikeCallOptions({ provider: 'ollama', signal: new AbortController().signal, idempotent: true })).toBe(true);
    expect(looksLikeCallOptions({ provider: ['hf', 'ollama'] })).toBe(true);
  });
});
