// Contract evolution: a provider written against the first published contract must keep working
// with every later core. `frozenV1Provider` below is a frozen copy of such a provider, written the
// way a third-party package would have written it at v1 — a plain object literal, no class, no
// import from any provider package, only `ctx.http` for I/O. Do not edit it when the contract grows:
// if this file stops type-checking or a test fails, the change to core broke v1 providers.
import { fault, reply, startTestServer } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPECIFICATION_VERSION, SwitchyardError, createClient, isProvider } from '../index.js';

// ---- frozen: v1 provider, as published (do not modernise) ----------------------------------------
function frozenV1Provider(baseURL: string) {
  return {
    specificationVersion: 'switchyard.provider.v1' as const,
    id: 'frozen-v1',
    kind: 'community' as const,
    // A member no version of the contract defines: core must ignore what it does not know.
    describe: () => 'a provider frozen at contract v1',
    async chat(request: { model: string; messages: Array<{ role: string; content?: unknown }> }, ctx: { http: { request(options: { method: 'POST'; url: string; json: unknown }): Promise<{ json(): Promise<unknown>; requestId: string | undefined }> } }) {
      const response = await ctx.http.request({ method: 'POST', url: `${baseURL}/generate`, json: { model: request.model, prompt: request.messages.map((message) => message.content).join('\n') } });
      const body = (await response.json()) as { output: string; tokens_in: number; tokens_out: number };
      return {
        model: request.model,
        text: body.output,
        toolCalls: [],
        finishReason: 'stop' as const,
        usage: { inputTokens: body.tokens_in, outputTokens: body.tokens_out },
        ...(response.requestId ? { requestId: response.requestId } : {}),
      };
    },
    async *streamChat(request: { model: string }, ctx: { http: { request(options: { method: 'POST'; url: string; json: unknown }): Promise<{ ndjson(): AsyncIterable<unknown> }> } }) {
      const response = await ctx.http.request({ method: 'POST', url: `${baseURL}/stream`, json: { model: request.model } });
      yield { type: 'start' as const };
      for await (const line of response.ndjson()) {
        const piece = line as { delta?: string; done?: boolean };
        if (piece.delta) yield { type: 'text' as const, text: piece.delta };
        if (piece.done) yield { type: 'finish' as const, finishReason: 'stop' as const };
      }
    },
  };
}
// ---- end of frozen copy ----------------------------------------------------------------------------

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const ask = { model: 'frozen-model', messages: [{ role: 'user' as const, content: 'Hello, v1' }] };

describe('a frozen v1 provider through the current createClient', () => {
  it('is recognised by value: same contract string, no prototype or instanceof involved', () => {
    expect(SPECIFICATION_VERSION).toBe('switchyard.provider.v1');
    const provider = frozenV1Provider(server.url);
    expect(Object.getPrototypeOf(provider)).toBe(Object.prototype);
    expect(isProvider(provider)).toBe(true);
    // A structurally identical copy (as another copy of core would see it) is just as valid.
    expect(isProvider(JSON.parse(JSON.stringify(provider)))).toBe(true);
  });

  it('answers chat with the client fields added (provider, cost, trace) and unknown members ignored', async () => {
    server.route('POST', '/generate', reply.json({ output: 'Hi from v1', tokens_in: 4, tokens_out: 3 }, { headers: { 'x-request-id': 'req-v1' } }));
    const client = createClient({ providers: [frozenV1Provider(server.url)] });
    try {
      const response = await client.chat(ask);
      expect(response).toMatchObject({ text: 'Hi from v1', finishReason: 'stop', provider: 'frozen-v1', usage: { inputTokens: 4, outputTokens: 3 }, requestId: 'req-v1' });
      expect(response.cost.basis).toBe('unknown');
      expect(response.trace).toEqual([expect.objectContaining({ provider: 'frozen-v1', outcome: 'success' })]);
      expect(server.requests[0]?.json).toEqual({ model: 'frozen-model', prompt: 'Hello, v1' });
    } finally {
      await client.close();
    }
  });

  it('streams, and a v1 provider gets the current retry policy for free', async () => {
    server.route('POST', '/stream', [fault.status(503), reply.ndjson([{ delta: 'one ' }, { delta: 'two' }, { done: true }])]);
    const client = createClient({ providers: [frozenV1Provider(server.url)], retry: { maxRetries: 1, baseDelayMs: 1 } });
    try {
      const stream = client.streamChat(ask);
      expect(await stream.text()).toBe('one two');
      const response = await stream.response;
      expect(response.trace.map((attempt) => attempt.outcome)).toEqual(['error', 'success']);
      expect(server.requests).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('its failures come back as typed errors from the current core', async () => {
    server.route('POST', '/generate', fault.status(401, { body: { error: { message: 'bad key' } } }));
    const client = createClient({ providers: [frozenV1Provider(server.url)] });
    try {
      const error = await client.chat(ask).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(SwitchyardError);
      expect(error).toMatchObject({ kind: 'auth', status: 401, provider: 'frozen-v1' });
    } finally {
      await client.close();
    }
  });
});

describe('the contract version is checked by value', () => {
  it('rejects a provider built for another contract version, saying what to install', () => {
    const fromTheFuture = { ...frozenV1Provider(server.url), specificationVersion: 'switchyard.provider.v2' };
    expect(isProvider(fromTheFuture)).toBe(false);
    const attempt = () => createClient({ providers: [fromTheFuture as unknown as ReturnType<typeof frozenV1Provider>] });
    expect(attempt).toThrow(SwitchyardError);
    expect(attempt).toThrow(/providers\[0\].*"switchyard\.provider\.v2".*"switchyard\.provider\.v1".*install matching versions of @switchyard\/core/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid-request', retryable: false });
    }
  });

  it('rejects an object without a contract version as not a provider', () => {
    const { specificationVersion: _dropped, ...unversioned } = frozenV1Provider(server.url);
    expect(isProvider(unversioned)).toBe(false);
    expect(() => createClient({ providers: [unversioned as unknown as ReturnType<typeof frozenV1Provider>] })).toThrow(/no specificationVersion: it is not a Switchyard provider/);
  });

  it('does not accept a version that only looks alike (no prefix or case matching)', () => {
    for (const version of ['switchyard.provider.v1.1', 'Switchyard.Provider.V1', ' switchyard.provider.v1', 'switchyard.provider.v10']) {
      const provider = { ...frozenV1Provider(server.url), specificationVersion: version };
      expect(isProvider(provider), version).toBe(false);
      expect(() => createClient({ providers: [provider as unknown as ReturnType<typeof frozenV1Provider>] }), version).toThrow(SwitchyardError);
    }
  });
});
