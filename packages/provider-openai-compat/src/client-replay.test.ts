import { createClient, type Client } from '@switchyard/core';
import type { ChatRequest } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from './openai-compatible.js';
import { openAIRequestValidator } from './test-support/openapi-request-validator.js';
import { BODIES, STREAMS, expectChat, replyFor } from './test-support/recorded-chats.js';

// End to end: createClient (default options, retries on) → openaiCompatible() → core transport →
// a real loopback server replaying each recorded answer.

const request: ChatRequest = {
  model: 'test-model',
  messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
  tools: [{ name: 'weather', description: 'Weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } } } }],
};

let server: TestServer;
let client: Client;
beforeAll(async () => {
  openAIRequestValidator(); // compile before sockets open (seconds of synchronous work on a cold cache)
  server = await startTestServer();
  client = createClient({ providers: [openaiCompatible({ id: 'compat', baseURL: `${server.url}/v1`, apiKey: 'sk-replay-0123456789abcdef' })] });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => server.reset());

describe('createClient streams every recorded stream', () => {
  it.each(STREAMS)('%s', async (file, expected) => {
    server.route('POST', '/v1/chat/completions', replyFor(file));
    const stream = client.streamChat(request, { provider: 'compat' });
    let streamedText = '';
    for await (const event of stream) if (event.type === 'text') streamedText += event.text;
    const response = await stream.response;
    expectChat(response, expected);
    expect(response.text).toBe(streamedText);
    expect(response.provider).toBe('compat');
    expect(response.trace).toHaveLength(1);
    expect(server.requests[0]!.json).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true } });
    expect(openAIRequestValidator()('CreateChatCompletionRequest', server.requests[0]!.json)).toEqual([]);
  });
});

describe('createClient answers every recorded non-streamed chat', () => {
  it.each(BODIES)('%s', async (file, expected) => {
    server.route('POST', '/v1/chat/completions', replyFor(file));
    const response = await client.chat(request, { provider: 'compat' });
    expectChat(response, expected);
    expect(response.provider).toBe('compat');
    expect(server.requests[0]!.json).not.toHaveProperty('stream');
    expect(openAIRequestValidator()('CreateChatCompletionRequest', server.requests[0]!.json)).toEqual([]);
  });
});

describe('createClient with what the provider reports', () => {
  it('uses the cost xAI reports (cost_in_usd_ticks) as the response cost', async () => {
    server.route('POST', '/v1/chat/completions', replyFor('openai-compat-streams/xai/xai-text.json'));
    const response = await client.chat(request, { provider: 'compat' });
    expect(response.cost).toMatchObject({ basis: 'reported', currency: 'USD' });
    expect(response.cost.amount).toBeCloseTo(1176500 / 1e10, 12);
  });

  it('keeps Perplexity citations in providerMetadata and the request id', async () => {
    server.route('POST', '/v1/chat/completions', replyFor('openai-compat-streams/perplexity/perplexity-text.chunks.txt'));
    const response = await client.streamChat(request, { provider: 'compat' }).response;
    expect(response.providerMetadata.compat?.citations).toHaveLength(5);
    server.route('POST', '/v1/chat/completions', reply.json({ model: 'm', choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }] }, { headers: { 'x-request-id': 'req_42' } }));
    expect((await client.chat(request, { provider: 'compat' })).requestId).toBe('req_42');
  });

  it('retries a 503 and then answers', async () => {
    server.route('POST', '/v1/chat/completions', [
      reply.json({ error: { message: 'overloaded', type: 'server_error' } }, { status: 503, headers: { 'retry-after-ms': '10' } }),
      replyFor('openai-compat-streams/mistral/mistral-text.json'),
    ]);
    const response = await client.chat(request, { provider: 'compat' });
    expect(response.text.startsWith('**Holiday Name')).toBe(true);
    expect(response.trace.map((attempt) => attempt.outcome)).toEqual(['error', 'success']);
    expect(server.requests).toHaveLength(2);
  });
});
