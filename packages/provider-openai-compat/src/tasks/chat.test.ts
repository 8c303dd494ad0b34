import { readFileSync } from 'node:fs';
import { createTransport, isSwitchyardError } from '@switchyard/core';
import type { ChatRequest, ChatStreamEvent, FinishReason, HttpTransport } from '@switchyard/core';
import { chunksToSse, fault, readChunksFixture, readSseFixture, reply, sharedPath, splitSseEvents, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../openai-compatible.js';
import { testCallContext } from '../test-support/call-context.js';
import { openAIRequestValidator } from '../test-support/openapi-request-validator.js';
import { summarize } from '../wire/stream-summary.test-helper.js';

interface Expectation {
  text?: string | { startsWith: string };
  reasoning?: string | { startsWith: string } | false;
  toolCalls?: { name: string; arguments: unknown }[];
  finishReason: FinishReason;
  inputTokens?: number;
  outputTokens?: number;
}

/** Streams replayed as recorded: `*.chunks.txt` framed as `data: …` events, raw SSE files as they are. */
const STREAMS: [file: string, expectation: Expectation][] = [
  ['openai-compat-streams/alibaba/alibaba-reasoning.chunks.txt', { text: { startsWith: 'The word **"strawberry"**' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 24, outputTokens: 1355 }],
  ['openai-compat-streams/alibaba/alibaba-tool-call.chunks.txt', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 295, outputTokens: 22 }],
  ['openai-compat-streams/deepseek/deepseek-reasoning.chunks.txt', { text: 'The word "strawberry" contains three "r"s.', reasoning: { startsWith: 'We need to count' }, finishReason: 'stop', inputTokens: 18, outputTokens: 219 }],
  ['openai-compat-streams/deepseek/deepseek-tool-call.chunks.txt', { text: '', reasoning: { startsWith: 'The user is asking' }, toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 339, outputTokens: 83 }],
  ['openai-compat-streams/groq/groq-reasoning.chunks.txt', { text: { startsWith: 'The word **"strawberry"** is spelled' }, reasoning: { startsWith: 'Okay, let me' }, finishReason: 'stop', inputTokens: 17, outputTokens: 1107 }],
  ['openai-compat-streams/groq/groq-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: {} }], finishReason: 'tool-calls', inputTokens: 210, outputTokens: 15 }],
  ['openai-compat-streams/mistral/mistral-incremental-tool-call.chunks.txt', { toolCalls: [{ name: 'webSearchTool', arguments: { query: 'current Berlin weather' } }], finishReason: 'tool-calls', inputTokens: 171, outputTokens: 14 }],
  ['openai-compat-streams/mistral/mistral-reasoning.chunks.txt', { text: '2 + 2 = 4', reasoning: { startsWith: 'The user is asking for 2+2.' }, finishReason: 'stop', inputTokens: 10, outputTokens: 46 }],
  ['openai-compat-streams/mistral/mistral-text.chunks.txt', { text: 'Hello, world! This is a test response.', reasoning: false, finishReason: 'stop', inputTokens: 13, outputTokens: 8 }],
  ['openai-compat-streams/mistral/mistral-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 124, outputTokens: 22 }],
  ['openai-compat-streams/moonshotai/moonshotai-stream.chunks.txt', { text: 'Hello!', reasoning: 'Thinking aloud. ', finishReason: 'stop', inputTokens: 9, outputTokens: 12 }],
  ['openai-compat-streams/openai-chat/azure-model-router.1.chunks.txt', { text: 'Capital of Denmark.', reasoning: false, finishReason: 'stop', inputTokens: 15, outputTokens: 78 }],
  ['openai-compat-streams/openai-chat/openai-text.chunks.txt', { text: { startsWith: '**Holiday Name:** Harmony Day' }, reasoning: false, finishReason: 'stop', inputTokens: 16, outputTokens: 300 }],
  ['openai-compat-streams/openai-compatible-chat/xai-text.chunks.txt', { text: 'Grok', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 342 }],
  ['openai-compat-streams/openai-compatible-chat/xai-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 307, outputTokens: 253 }],
  ['openai-compat-streams/openai-compatible-chat/anthropic-fallback-tool-call.sse', { text: 'Reading it.', toolCalls: [{ name: 'read_file', arguments: { path: 'a.txt' } }], finishReason: 'tool-calls' }],
  ['openai-compat-streams/perplexity/perplexity-text.chunks.txt', { text: '**EcoVista Day**[1][5]', finishReason: 'stop', inputTokens: 11, outputTokens: 434 }],
  ['openai-compat-streams/xai/xai-text.chunks.txt', { text: 'Hello', reasoning: 'First, the user said', finishReason: 'stop', inputTokens: 12, outputTokens: 291 }],
  ['openai-compat-streams/xai/xai-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 291, outputTokens: 222 }],
  ['semantic-kernel/openai/chat_completion_streaming_test_response.txt', { text: 'Test chat streaming response', finishReason: 'stop', inputTokens: 13, outputTokens: 8 }],
  ['semantic-kernel/openai/chat_completion_streaming_single_function_call_empty_assistance_response.txt', { text: '', toolCalls: [{ name: 'WeatherPlugin-GetWeather', arguments: { addressCode: '440100' } }], finishReason: 'tool-calls' }],
  ['semantic-kernel/openai/chat_completion_streaming_refusal_test_response.txt', { text: "I'm sorry, I cannot assist with that request.", finishReason: 'stop' }],
  ['semantic-kernel/huggingface/chatcompletion_test_stream_response.txt', { text: { startsWith: 'Deep learning is a' }, finishReason: 'length' }],
];

/** Non-streamed answers, served as JSON. */
const BODIES: [file: string, expectation: Expectation][] = [
  ['openai-compat-streams/alibaba/alibaba-reasoning.json', { text: { startsWith: 'The word **"strawberry"**' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 24, outputTokens: 1668 }],
  ['openai-compat-streams/alibaba/alibaba-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 295, outputTokens: 22 }],
  ['openai-compat-streams/deepseek/deepseek-json.json', { text: { startsWith: '{\n  "location": "San Francisco"' }, reasoning: { startsWith: 'I have the result' }, finishReason: 'stop', inputTokens: 495, outputTokens: 144 }],
  ['openai-compat-streams/deepseek/deepseek-reasoning.json', { text: { startsWith: 'The word "strawberry" contains three' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 18, outputTokens: 345 }],
  ['openai-compat-streams/deepseek/deepseek-text.json', { text: { startsWith: '## **Holiday Name: Gratitude of Small Things Day' }, reasoning: false, finishReason: 'length', inputTokens: 13, outputTokens: 300 }],
  ['openai-compat-streams/deepseek/deepseek-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 339, outputTokens: 92 }],
  ['openai-compat-streams/groq/groq-reasoning.json', { text: { startsWith: 'The word "strawberry" contains **3**' }, reasoning: { startsWith: 'Okay, so the user' }, finishReason: 'stop', inputTokens: 17, outputTokens: 649 }],
  ['openai-compat-streams/groq/groq-text.json', { text: { startsWith: 'I\'d like to introduce "Luminaria"' }, reasoning: false, finishReason: 'stop', inputTokens: 45, outputTokens: 607 }],
  ['openai-compat-streams/groq/groq-tool-call.json', { toolCalls: [{ name: 'weather', arguments: {} }], finishReason: 'tool-calls', inputTokens: 218, outputTokens: 15 }],
  ['openai-compat-streams/mistral/mistral-reasoning.json', { text: '2 + 2 = 4', reasoning: { startsWith: 'The user is asking for 2+2.' }, finishReason: 'stop', inputTokens: 10, outputTokens: 46 }],
  ['openai-compat-streams/mistral/mistral-text.json', { text: { startsWith: '**Holiday Name: "World Kindness Day of Sharing"**' }, finishReason: 'stop', inputTokens: 13, outputTokens: 434 }],
  ['openai-compat-streams/mistral/mistral-tool-call.json', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 124, outputTokens: 22 }],
  ['openai-compat-streams/moonshotai/moonshotai-reasoning.json', { text: 'There are three.', reasoning: 'Let me count the letters carefully.', finishReason: 'stop', inputTokens: 20, outputTokens: 30 }],
  ['openai-compat-streams/moonshotai/moonshotai-text.json', { text: 'Hello, world!', reasoning: false, finishReason: 'stop', inputTokens: 9, outputTokens: 5 }],
  ['openai-compat-streams/moonshotai/moonshotai-tool-call.json', { text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool-calls', inputTokens: 30, outputTokens: 12 }],
  ['openai-compat-streams/openai-chat/openai-text.json', { text: { startsWith: '**Holiday Name:** Galaxy Day' }, reasoning: false, finishReason: 'stop', inputTokens: 16, outputTokens: 363 }],
  ['openai-compat-streams/openai-compatible-chat/xai-text.json', { text: 'Grok', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 322 }],
  ['openai-compat-streams/openai-compatible-chat/xai-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 307, outputTokens: 281 }],
  ['openai-compat-streams/perplexity/perplexity-text.json', { text: { startsWith: '**EcoVista Day** is a new annual holiday' }, finishReason: 'stop', inputTokens: 11, outputTokens: 392 }],
  ['openai-compat-streams/xai/xai-text.json', { text: 'Hello', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 229 }],
  ['openai-compat-streams/xai/xai-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 291, outputTokens: 215 }],
  ['semantic-kernel/openai/chat_completion_refusal_test_response.json', { text: "I'm sorry, I cannot assist with that request.", finishReason: 'stop', inputTokens: 55, outputTokens: 100 }],
  ['semantic-kernel/huggingface/chatcompletion_test_response.json', { text: 'This is a testing chat completion response', finishReason: 'stop', inputTokens: 27, outputTokens: 88 }],
];

function replyFor(file: string) {
  if (file.endsWith('.chunks.txt')) return reply.sseRaw(chunksToSse(readChunksFixture(file)));
  if (file.endsWith('.json')) return reply.json(JSON.parse(readFileSync(sharedPath('fixtures', ...file.split('/')), 'utf8')));
  return reply.sseRaw(splitSseEvents(readSseFixture(file)));
}

function check(actual: { text: string; reasoning?: string | undefined; toolCalls: { name: string; arguments: string }[]; finishReason?: FinishReason | undefined; inputTokens?: number | undefined; outputTokens?: number | undefined }, expected: Expectation): void {
  if (typeof expected.text === 'string') expect(actual.text).toBe(expected.text);
  else if (expected.text) expect(actual.text.startsWith(expected.text.startsWith)).toBe(true);
  if (expected.reasoning === false) expect(actual.reasoning ?? '').toBe('');
  else if (typeof expected.reasoning === 'string') expect(actual.reasoning).toBe(expected.reasoning);
  else if (expected.reasoning) expect(actual.reasoning?.startsWith(expected.reasoning.startsWith)).toBe(true);
  expect(actual.toolCalls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown }))).toEqual(expected.toolCalls ?? []);
  expect(actual.finishReason).toBe(expected.finishReason);
  if (expected.inputTokens !== undefined) expect(actual.inputTokens).toBe(expected.inputTokens);
  if (expected.outputTokens !== undefined) expect(actual.outputTokens).toBe(expected.outputTokens);
}

const request: ChatRequest = {
  model: 'test-model',
  messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
  tools: [{ name: 'weather', description: 'Weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } } } }],
  maxTokens: 300,
};

let server: TestServer;
let http: HttpTransport;
beforeAll(async () => {
  // Compiles the OpenAPI validator before any socket opens: its seconds of synchronous YAML parsing
  // would otherwise let the server's keep-alive timer close an idle socket the transport then reuses.
  openAIRequestValidator();
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

describe('streamChat replays every recorded stream through a loopback server', () => {
  const provider = () => openaiCompatible({ id: 'replay', baseURL: `${server.url}/v1` });
  it.each(STREAMS)('%s', async (file, expected) => {
    server.route('POST', '/v1/chat/completions', replyFor(file));
    const events = await collect(provider().streamChat(request, testCallContext(http, { task: 'chat', model: 'test-model' })));
    const s = summarize(events);
    check({ ...s, finishReason: s.finish?.finishReason, inputTokens: s.usage?.inputTokens, outputTokens: s.usage?.outputTokens }, expected);
    expect(s.usageEvents).toBeLessThanOrEqual(1);
    expect(s.order[0]).toBe('start');
    expect(s.order.at(-1)).toBe('finish');
    const sent = server.requests[0]!;
    expect(sent.json).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true } });
    expect(openAIRequestValidator()('CreateChatCompletionRequest', sent.json)).toEqual([]);
  });
});

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

describe('chat replays every recorded non-streamed answer', () => {
  it.each(BODIES)('%s', async (file, expected) => {
    server.route('POST', '/v1/chat/completions', replyFor(file));
    const provider = openaiCompatible({ id: 'replay', baseURL: `${server.url}/v1` });
    const result = await provider.chat(request, testCallContext(http, { task: 'chat', model: 'test-model' }));
    check({ ...result, inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens }, expected);
    expect(server.requests[0]!.json).not.toHaveProperty('stream');
    expect(openAIRequestValidator()('CreateChatCompletionRequest', server.requests[0]!.json)).toEqual([]);
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
