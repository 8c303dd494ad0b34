import { inspect } from 'node:util';
import { createClient, isSwitchyardError } from '@switchyard/core';
import type { Client } from '@switchyard/core';
import { fault, reply, startTestServer } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acme } from './acme.js';

// What the conformance suite does not cover: Acme-specific mapping, the credential header, reported
// costs, failures inside a stream, and the housekeeping calls. All through a real loopback socket
// and the real core transport.

const KEY = 'acme_live_4f9c2e1b7d3a';
let server: TestServer;
let client: Client | undefined;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

function connect(options: Partial<Parameters<typeof acme>[0]> = {}): Client {
  client = createClient({ providers: [acme({ apiKey: KEY, baseURL: `${server.url}/v2`, ...options })], retry: { maxRetries: 0 } });
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

const done = { reply: { text: 'ok', calls: [] }, end: 'done', meter: { tokens_in: 3, tokens_out: 1 } };

describe('acme() options', () => {
  it('refuses a missing key, a bad id and a non-URL base, naming each', () => {
    expect(() => acme({} as never)).toThrow(/apiKey is required/);
    expect(() => acme({ apiKey: KEY, id: 'has space' })).toThrow(/id must be letters/);
    expect(() => acme({ apiKey: KEY, baseURL: 'ftp://acme.example' })).toThrow(/baseURL must be an http\(s\) URL/);
    expect(() => acme({ apiKey: KEY, baseURL: 'https://user:pw@acme.example/v2' })).toThrow(/must not contain a user name or password/);
  });

  it('refuses to send the key over plain HTTP to a host that is not loopback, without quoting it', () => {
    const attempt = () => acme({ apiKey: KEY, baseURL: 'http://10.0.0.5:8000/v2' });
    expect(attempt).toThrow(/plain HTTP|http:\/\//i);
    try {
      attempt();
    } catch (error) {
      expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
      expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(KEY);
    }
  });

  it('makes a frozen provider that never shows its key', () => {
    const provider = acme({ apiKey: KEY });
    expect(Object.isFrozen(provider)).toBe(true);
    expect(provider).toMatchObject({ id: 'acme', kind: 'cloud', baseURL: 'https://api.acme-inference.example/v2' });
    expect(`${JSON.stringify(provider)} ${inspect(provider, { depth: 5 })}`).not.toContain(KEY);
    expect(acme({ apiKey: KEY, baseURL: `${server.url}/v2/` })).toMatchObject({ kind: 'local', baseURL: `${server.url}/v2` });
  });
});

describe('chat on the wire', () => {
  it('maps the portable request onto Acme fields and sends the key only in x-acme-key', async () => {
    server.route('POST', '/v2/chat', reply.json(done));
    await connect().chat({
      model: 'acme-chat-1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in' }, { type: 'text', text: 'Paris?' }] },
        { role: 'assistant', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"celsius":21}' },
      ],
      tools: [{ name: 'get_weather', description: 'Current weather', parameters: { type: 'object' } }],
      toolChoice: 'required',
      temperature: 0.2,
      topK: 40,
      maxTokens: 64,
      stop: ['\n\n'],
      presencePenalty: 1, // no Acme equivalent: not sent
      responseFormat: { type: 'json' },
      providerOptions: { acme: { priority: 'low' }, other: { ignored: true } },
    });
    const [request] = server.requests;
    expect(request?.headers['x-acme-key']).toBe(KEY);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.json).toEqual({
      model: 'acme-chat-1',
      stream: false,
      turns: [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', text: 'Weather in\nParis?' },
        { role: 'assistant', text: '', calls: [{ id: 'call_1', tool: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'tool', text: '{"celsius":21}', call_id: 'call_1' },
      ],
      tools: [{ name: 'get_weather', about: 'Current weather', input_schema: { type: 'object' } }],
      tool_mode: 'any',
      sampling: { temperature: 0.2, top_k: 40 },
      limits: { max_tokens: 64, stop: ['\n\n'] },
      format: 'json',
      priority: 'low',
    });
  });

  it('takes the cost Acme reports as the response cost (basis reported), over the list price', async () => {
    server.route('POST', '/v2/chat', reply.json({ ...done, meter: { tokens_in: 1000, tokens_out: 500, cost_usd: 0.00042 } }));
    const response = await connect().chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.cost).toEqual({ amount: 0.00042, currency: 'USD', basis: 'reported' });
    expect(response.usage).toEqual({ inputTokens: 1000, outputTokens: 500, totalTokens: 1500 });
  });

  it('prices from the list when Acme reports no cost', async () => {
    server.route('POST', '/v2/chat', reply.json({ ...done, meter: { tokens_in: 1_000_000, tokens_out: 1_000_000 } }));
    const response = await connect().chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.cost).toMatchObject({ basis: 'per-token', currency: 'USD' });
    expect(response.cost.amount).toBeCloseTo(0.8, 10);
  });

  it('maps end reasons, keeping the raw one', async () => {
    server.route('POST', '/v2/chat', [reply.json({ ...done, end: 'limit' }), reply.json({ ...done, end: 'filtered' }), reply.json({ ...done, end: 'paused' })]);
    const ask = { model: 'acme-chat-1', messages: [{ role: 'user' as const, content: 'Hi' }] };
    const chat = connect();
    expect(await chat.chat(ask)).toMatchObject({ finishReason: 'length', rawFinishReason: 'limit' });
    expect(await chat.chat(ask)).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'filtered' });
    expect(await chat.chat(ask)).toMatchObject({ finishReason: 'other', rawFinishReason: 'paused' });
  });

  it('refuses images and non-object tool arguments before sending anything', async () => {
    const chat = connect();
    const image = await rejection(chat.chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }] }));
    expect(image).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('messages[0] holds an image') });
    const badArguments = await rejection(
      chat.chat({ model: 'acme-chat-1', messages: [{ role: 'assistant', toolCalls: [{ id: 'c', name: 'f', arguments: '[1,2]' }] }] }),
    );
    expect(badArguments).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('messages[0].toolCalls') });
    expect(server.requests).toHaveLength(0);
  });

  it('reads Acme error codes the status alone cannot tell, and never echoes the key', async () => {
    server.route('POST', '/v2/chat', [
      fault.status(400, { body: { failure: { code: 'context_too_long', message: `prompt of 40000 tokens is too long (key ${KEY})` } } }),
      fault.status(429, { body: { failure: { code: 'over_quota', message: 'monthly spend limit reached' } } }),
      fault.status(503, { body: { failure: { code: 'busy', message: 'try later' } }, headers: { 'x-request-id': 'req_busy' } }),
      fault.status(404, { body: { failure: { code: 'no_such_model', message: 'acme-chat-9 is not a model' } } }),
    ]);
    const ask = { model: 'acme-chat-1', messages: [{ role: 'user' as const, content: 'Hi' }] };
    const chat = connect();
    const errors = [await rejection(chat.chat(ask)), await rejection(chat.chat(ask)), await rejection(chat.chat(ask)), await rejection(chat.chat(ask))];
    expect(errors.map((error) => isSwitchyardError(error) && [error.kind, error.code, error.status])).toEqual([
      ['context-length', 'context_too_long', 400],
      ['quota', 'over_quota', 429],
      ['overloaded', 'busy', 503],
      ['model-not-found', 'no_such_model', 404],
    ]);
    expect(errors[2]).toMatchObject({ requestId: 'req_busy', message: expect.stringContaining('try later') });
    for (const error of errors) expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(KEY);
  });
});

describe('streamed chat on the wire', () => {
  const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const ask = { model: 'acme-chat-1', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it('skips event names it does not know, and reads usage and reported cost from the end event', async () => {
    server.route('POST', '/v2/chat', reply.sseRaw([event('token', { text: 'Hel' }), event('progress', { pct: 50 }), event('token', { text: 'lo' }), event('end', { end: 'done', meter: { tokens_in: 2, tokens_out: 2, cost_usd: 0.001 } })]));
    const stream = connect().streamChat(ask);
    expect(await stream.text()).toBe('Hello');
    const response = await stream.response;
    expect(response).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 2, outputTokens: 2 }, cost: { amount: 0.001, basis: 'reported' } });
    expect(server.requests[0]?.json).toMatchObject({ stream: true });
  });

  it('turns a failure event before any text into a typed error the client can retry or fail over', async () => {
    server.route('POST', '/v2/chat', [reply.sseRaw([event('failure', { code: 'busy', message: 'GPU pool drained' })]), reply.sseRaw([event('token', { text: 'Hi' }), event('end', { end: 'done' })])]);
    const chat = connect();
    const error = await rejection(chat.streamChat(ask).text());
    expect(error).toMatchObject({ kind: 'overloaded', code: 'busy', retryable: true, message: expect.stringContaining('GPU pool drained') });
    // The same failure with a retry allowed: the client retries transparently (nothing was committed).
    await client?.close();
    client = createClient({ providers: [acme({ apiKey: KEY, baseURL: `${server.url}/v2` })], retry: { maxRetries: 1, baseDelayMs: 1 } });
    server.reset();
    server.route('POST', '/v2/chat', [reply.sseRaw([event('failure', { code: 'busy', message: 'GPU pool drained' })]), reply.sseRaw([event('token', { text: 'Hi' }), event('end', { end: 'done' })])]);
    expect(await client.streamChat(ask).text()).toBe('Hi');
  });

  it('a stream that ends without its end event is stream-interrupted, not a short answer', async () => {
    server.route('POST', '/v2/chat', reply.sseRaw([event('token', { text: 'Partial' })]));
    const error = await rejection(connect().streamChat(ask).text());
    expect(error).toMatchObject({ kind: 'stream-interrupted', committed: true, partialText: 'Partial', message: expect.stringContaining('before its "end" event') });
  });

  it('an event whose data is not what Acme documents is invalid-response', async () => {
    server.route('POST', '/v2/chat', [reply.sseRaw(['event: token\ndata: {"text": 42}\n\n']), reply.sseRaw(['event: call\ndata: not json\n\n'])]);
    const chat = connect();
    expect(await rejection(chat.streamChat(ask).text())).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('"token" event') });
    expect(await rejection(chat.streamChat(ask).text())).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('"call" event') });
  });
});

describe('embeddings, models and health', () => {
  it('embeds a batch in one call and checks one vector per input', async () => {
    server.route('POST', '/v2/embed', [reply.json({ vectors: [[1, 0], [0, 1]], meter: { tokens_in: 4 } }), reply.json({ vectors: [[1, 0]] })]);
    const embed = connect();
    const response = await embed.embed({ model: 'acme-embed-1', input: ['a', 'b'], dimensions: 2 });
    expect(response.embeddings).toEqual([[1, 0], [0, 1]]);
    expect(server.requests[0]?.json).toEqual({ model: 'acme-embed-1', texts: ['a', 'b'], dimensions: 2 });
    expect(await rejection(embed.embed({ model: 'acme-embed-1', input: ['a', 'b'] }))).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('1 vectors for 2 inputs') });
  });

  it('lists models, and health reports ok or the failure without throwing', async () => {
    server.route('GET', '/v2/models', [reply.json({ models: [{ name: 'acme-chat-1', context_window: 32768, created: 1735689600, tasks: ['chat'] }] }), fault.status(401, { body: { failure: { code: 'bad_key', message: 'unknown key' } } })]);
    const housekeeping = connect();
    expect(await housekeeping.listModels('acme')).toEqual([{ id: 'acme-chat-1', ownedBy: 'acme', contextLength: 32768, created: 1735689600, metadata: { tasks: ['chat'] } }]);
    const report = await housekeeping.health('acme');
    expect(report).toMatchObject({ ok: false, detail: expect.stringContaining('auth') });
    expect(report.detail).not.toContain(KEY);
  });

  it('routes only the configured models here when models is set', async () => {
    server.route('POST', '/v2/chat', reply.json(done));
    const chat = connect({ models: ['acme-chat-1'] });
    await chat.chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Hi' }] });
    const error = await rejection(chat.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(isSwitchyardError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});
