import { readFileSync } from 'node:fs';
import { createTransport, isSwitchyardError } from '@switchyard/core';
import type { ChatRequest, ChatStreamEvent, HttpTransport } from '@switchyard/core';
import { chunksToSse, fault, readChunksFixture, reply, sharedPath, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../openai-compatible.js';
import { testCallContext } from '../test-support/call-context.js';
import { replyFor } from '../test-support/recorded-chats.js';
import { summarize } from '../wire/stream-summary.test-helper.js';

const request: ChatRequest = {
  model: 'test-model',
  messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
  tools: [{ name: 'weather', description: 'Weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } } } }],
  maxTokens: 300,
};

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

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('streamChat keeps parallel calls apart (semantic-kernel multiple function calls)', () => {
  it('assembles four calls by id and passes invalid argument JSON through untouched', async () => {
    server.route('POST', '/v1/chat/completions', replyFor('semantic-kernel/openai/chat_completion_streaming_multiple_function_calls_test_response.txt'));
    const provider = openaiCompatible({ id: 'replay', baseURL: `${server.url}/v1` });
    const s = summarize(await collect(provider.streamChat(request, testCallContext(http, { task: 'chat', model: 'test-model' }))));
    expect(s.toolCalls.map((call) => [call.id, call.name])).toEqual([
      ['1', 'MyPlugin-GetCurrentWeather'],
      ['2', 'MyPlugin-FunctionWithException'],
      ['3', 'MyPlugin-NonExistentFunction'],
      ['4', 'MyPlugin-InvalidArguments'],
    ]);
    expect(JSON.parse(s.toolCalls[0]!.arguments)).toEqual({ location: 'Boston, MA' });
    expect(s.toolCalls[3]!.arguments).toBe('invalid_arguments_format');
    expect(s.text).toBe('Test chat streaming response'.repeat(4));
    expect(s.finish?.finishReason).toBe('tool-calls');
  });
});

describe('chat failures are typed errors', () => {
  const provider = () => openaiCompatible({ id: 'replay', baseURL: `${server.url}/v1` });
  const context = () => testCallContext(http, { task: 'chat', model: 'test-model' });

  async function failure(run: () => Promise<unknown>): Promise<Error & { kind?: string; status?: number; code?: string }> {
    try {
      await run();
    } catch (error) {
      expect(isSwitchyardError(error)).toBe(true);
      return error as Error & { kind?: string };
    }
    throw new Error('expected a failure');
  }

  it('a malformed chunk (semantic-kernel invalid streaming) is invalid-response', async () => {
    server.route('POST', '/v1/chat/completions', replyFor('semantic-kernel/openai/chat_completion_invalid_streaming_test_response.txt'));
    const error = await failure(() => collect(provider().streamChat(request, context())));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('not valid JSON');
  });

  it('a stream cut mid-JSON is invalid-response; one reset mid-stream is a network error; an empty one is retryable', async () => {
    server.route('POST', '/v1/chat/completions', fault.truncatedSse());
    expect((await failure(() => collect(provider().streamChat(request, context())))).kind).toBe('invalid-response');
    const lines = readChunksFixture('openai-compat-streams/mistral/mistral-text.chunks.txt');
    server.route('POST', '/v1/chat/completions', fault.resetMidStream(reply.sseRaw(chunksToSse(lines)), { afterChunks: 3 }));
    const reset = await failure(() => collect(provider().streamChat(request, context())));
    expect(reset.kind).toBe('network');
    server.route('POST', '/v1/chat/completions', reply.sseRaw([]));
    const empty = await failure(() => collect(provider().streamChat(request, context())));
    expect(empty).toMatchObject({ kind: 'invalid-response', retryable: true });
  });

  it('an error object inside a 200 stream keeps its kind', async () => {
    server.route('POST', '/v1/chat/completions', reply.sse([{ model: 'm', choices: [{ index: 0, delta: { content: 'Hi' } }] }, { error: { message: 'Upstream overloaded, try later', code: 503 } }], { done: false }));
    const error = await failure(() => collect(provider().streamChat(request, context())));
    expect(error.kind).toBe('overloaded');
    expect(error.message).toContain('Upstream overloaded');
  });

  it('a 400 for max_tokens (openai-chat fixture) is invalid-request with the server message and field', async () => {
    const body = JSON.parse(readFileSync(sharedPath('fixtures', 'openai-compat-streams', 'openai-chat', 'reasoning-model-legacy-parameter-error.json'), 'utf8')) as unknown;
    server.route('POST', '/v1/chat/completions', reply.json(body, { status: 400, headers: { 'x-request-id': 'req_abc' } }));
    const error = await failure(() => provider().chat(request, context()));
    expect(error).toMatchObject({ kind: 'invalid-request', status: 400, code: 'unsupported_parameter', requestId: 'req_abc' });
    expect(error.message).toContain("Use 'max_completion_tokens' instead");
  });

  it('context-length and content-filter bodies become their own kinds; HTML and text pages are read', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ object: 'error', message: "This model's maximum context length is 2048 tokens.", type: 'BadRequestError', code: 400 }, { status: 400 }));
    expect((await failure(() => provider().chat(request, context()))).kind).toBe('context-length');
    server.route('POST', '/v1/chat/completions', reply.json({ error: { message: 'The response was filtered', code: 'content_filter', innererror: { code: 'ResponsibleAIPolicyViolation' } } }, { status: 400 }));
    expect((await failure(() => provider().chat(request, context()))).kind).toBe('content-filter');
    server.route('POST', '/v1/chat/completions', fault.htmlErrorPage(502));
    const html = await failure(() => provider().chat(request, context()));
    expect(html).toMatchObject({ kind: 'server', status: 502 });
    server.route('POST', '/v1/chat/completions', reply.text('model is loading', { status: 503 }));
    expect(await failure(() => provider().chat(request, context()))).toMatchObject({ kind: 'overloaded', message: expect.stringContaining('model is loading') as unknown });
  });

  it('a malformed JSON answer is invalid-response', async () => {
    server.route('POST', '/v1/chat/completions', fault.malformedJson());
    expect((await failure(() => provider().chat(request, context()))).kind).toBe('invalid-response');
  });
});
