import { reply, startTestServer } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Provider } from '../spec/provider.js';
import type { ClientEvent } from './client-events.js';
import { createClient } from './create-client.js';
import { ask, chunks, completion, wireProvider } from './openai-wire-provider.test-support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('createClient: a call end to end over a real socket', () => {
  it('answers chat with provider, cost, trace and providerMetadata', async () => {
    server.route('POST', '/v1/chat/completions', reply.json(completion('Hello!')));
    const client = createClient({ providers: [wireProvider({ id: 'local', baseUrl: server.url })] });
    const response = await client.chat(ask());
    expect(response).toMatchObject({
      text: 'Hello!',
      finishReason: 'stop',
      provider: 'local',
      usage: { inputTokens: 10, outputTokens: 5 },
      providerMetadata: { local: { served: 'local' } },
      cost: { amount: undefined, basis: 'unknown', reason: expect.stringContaining('pricing') },
    });
    expect(response.trace).toEqual([
      expect.objectContaining({ attempt: 1, provider: 'local', model: 'test-model', outcome: 'success', usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } }),
    ]);
    expect(server.requests[0]?.json).toMatchObject({ model: 'test-model', messages: [{ role: 'user', content: 'Say hello' }] });
    await client.close();
  });

  it('streams chat events and resolves the response with the assembled text', async () => {
    server.route('POST', '/v1/chat/completions', reply.sse(chunks(['Hel', 'lo', '!'])));
    const client = createClient({ providers: [wireProvider({ id: 'local', baseUrl: server.url })], pricing: { local: { type: 'per-token', inputPerMillion: 1, outputPerMillion: 2 } } });
    const stream = client.streamChat(ask());
    const texts: string[] = [];
    for await (const event of stream) if (event.type === 'text') texts.push(event.text);
    expect(texts).toEqual(['Hel', 'lo', '!']);
    const response = await stream.response;
    expect(response).toMatchObject({ text: 'Hello!', finishReason: 'stop', provider: 'local', usage: { inputTokens: 10, outputTokens: 3 } });
    expect(response.cost).toEqual({ amount: (10 * 1 + 3 * 2) / 1e6, currency: 'USD', basis: 'per-token' });
    expect(response.trace[0]).toMatchObject({ outcome: 'success', timeToFirstTokenMs: expect.any(Number) });
    expect(client.usage().totals).toMatchObject({ requests: 1, succeeded: 1, inputTokens: 10, outputTokens: 3 });
    await client.close();
  });

  it("forwards a provider's progress reports to onEvent, with the attempt they belong to", async () => {
    server.route('POST', '/v1/chat/completions', reply.json(completion('done')));
    const base = wireProvider({ id: 'queued', baseUrl: server.url });
    const provider: Provider = {
      ...base,
      async chat(request, context) {
        context.emit({ type: 'progress', stage: 'queued', completed: 1, total: 3 });
        return (base.chat as NonNullable<Provider['chat']>)(request, context);
      },
    };
    const events: ClientEvent[] = [];
    const client = createClient({ providers: [provider], onEvent: (event) => events.push(event) });
    await client.chat(ask());
    expect(events.find((event) => event.type === 'progress')).toMatchObject({ provider: 'queued', model: 'test-model', attempt: 1, stage: 'queued', completed: 1, total: 3 });
    await client.close();
  });

  it('sends every request through an injected undici dispatcher', async () => {
    server.route('POST', '/v1/chat/completions', reply.json(completion('via the dispatcher')));
    let dispatched = 0;
    const agent = new Agent().compose((dispatch) => (options, handler) => {
      dispatched += 1;
      return dispatch(options, handler);
    });
    const client = createClient({ providers: [wireProvider({ id: 'local', baseUrl: server.url })], dispatcher: agent });
    expect((await client.chat(ask())).text).toBe('via the dispatcher');
    expect(dispatched).toBe(1);
    await client.close();
    await agent.close();
  });
});
