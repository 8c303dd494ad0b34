import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, isSwitchyardError, type ChatRequest, type Client, type ClientEvent } from '@switchyard/core';
import { readFileSync } from 'node:fs';
import { fixturePath, readJsonFixture, readNdjsonFixture, refusedUrl, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { expectBodiesMatchOpenApi } from './test-support/recorded-bodies.js';
import { ollama } from './ollama.js';

// End to end: createClient (default options) → ollama() → core transport → a real loopback server
// replaying semantic-kernel's Ollama recordings. Every body the server receives must match
// openapi.yaml.

const request: ChatRequest = {
  model: 'llama3.2',
  messages: [{ role: 'user', content: 'What is the weather in Boston?' }],
  tools: [{ name: 'MyPlugin_GetCurrentWeather', description: 'Weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } } } }],
};
const sk = (name: string) => readNdjsonFixture(`semantic-kernel/ollama/${name}`);

let server: TestServer;
let client: Client;
const events: ClientEvent[] = [];
beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ providers: [ollama({ baseURL: server.url }), ollama({ id: 'pulling', baseURL: server.url, autoPull: true })], onEvent: (event) => events.push(event) });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.reset();
  events.length = 0;
});

describe('createClient replays the semantic-kernel Ollama recordings', () => {
  it('chat: text, finish reason, usage, zero cost, timings and the trace', async () => {
    server.route('POST', '/api/chat', reply.json(sk('chat_completion_test_response.txt')[0] as object));
    const response = await client.chat(request, { provider: 'ollama' });
    expect(response).toMatchObject({
      provider: 'ollama',
      model: 'llama3.2',
      text: 'This is test completion response',
      finishReason: 'stop',
      toolCalls: [],
      usage: { inputTokens: 38, outputTokens: 45, totalTokens: 83, computeSeconds: 0.740574544 },
      cost: { amount: 0, currency: 'USD' },
    });
    expect(response.providerMetadata.ollama).toMatchObject({ loadDurationMs: 54.99425, totalDurationMs: 740.574544 });
    expect(response.trace).toHaveLength(1);
    expect(response.trace[0]).toMatchObject({ provider: 'ollama', outcome: 'success' });
    expect(expectBodiesMatchOpenApi(server.requests)).toBe(1);
  });

  it.each([
    ['chat_completion_function_call_response.txt', ['TestPlugin_TestFunction'], [{ testInput: 'fake-text' }]],
    [
      'chat_completion_multiple_function_calls_test_response.txt',
      ['MyPlugin_GetCurrentWeather', 'MyPlugin_FunctionWithException', 'MyPlugin_NonExistentFunction', 'MyPlugin_InvalidArguments', 'MyPlugin_IntArguments'],
      [{ location: 'Boston, MA' }, { argument: 'value' }, { argument: 'value' }, {}, { age: '36' }],
    ],
  ])('chat with tool calls: %s', async (file, names, args) => {
    server.route('POST', '/api/chat', reply.json(sk(file)[0] as object));
    const response = await client.chat(request, { provider: 'ollama' });
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls.map((call) => call.name)).toEqual(names);
    expect(response.toolCalls.map((call) => JSON.parse(call.arguments) as unknown)).toEqual(args);
    expect(response.usage).toMatchObject({ inputTokens: 152, outputTokens: 22 });
    // The tool calls go back into the next turn as objects, with the tool_name Ollama wants.
    const followUp: ChatRequest = {
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: '', toolCalls: response.toolCalls },
        ...response.toolCalls.map((call) => ({ role: 'tool' as const, toolCallId: call.id, content: 'done' })),
      ],
    };
    server.route('POST', '/api/chat', reply.json(sk('chat_completion_test_response.txt')[0] as object));
    await client.chat(followUp, { provider: 'ollama' });
    const sent = server.requests[1]?.json as { messages: Array<{ tool_calls?: Array<{ function: { arguments: unknown } }>; tool_name?: string }> };
    expect(sent.messages[1]?.tool_calls?.map((call) => call.function.arguments)).toEqual(args);
    expect(sent.messages.slice(2).map((message) => message.tool_name)).toEqual(names);
    expect(expectBodiesMatchOpenApi(server.requests)).toBe(2);
  });

  it('streamChat: the text streamed equals the response text; usage and timings in the response', async () => {
    server.route('POST', '/api/chat', reply.ndjson(sk('chat_completion_test_response_stream.txt')));
    const stream = client.streamChat(request, { provider: 'ollama' });
    let streamed = '';
    for await (const event of stream) if (event.type === 'text') streamed += event.text;
    const response = await stream.response;
    expect(streamed).toBe('This is test completion response');
    expect(response).toMatchObject({ text: streamed, finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 239 } });
    // A cold start: 55.6 s of the 58.1 s call went to loading the model.
    expect(response.providerMetadata.ollama?.loadDurationMs).toBeCloseTo(55_561.676662, 6);
    expect(expectBodiesMatchOpenApi(server.requests)).toBe(1);
  });

  it('streamComplete and embed', async () => {
    server.route('POST', '/api/generate', reply.ndjson(sk('text_generation_test_response_stream.txt')));
    server.route('POST', '/api/embed', reply.json(readJsonFixture('semantic-kernel/ollama/embeddings_test_response.json') as object));
    const completion = client.streamComplete({ model: 'phi3', prompt: 'Why is the sky blue?' }, { provider: 'ollama' });
    expect(await completion.text()).toBe('This is test completion response');
    expect((await completion.response).usage).toMatchObject({ inputTokens: 10, outputTokens: 304 });
    const embedded = await client.embed({ model: 'fake-model', input: ['first', 'second'] }, { provider: 'ollama' });
    expect(embedded.embeddings).toHaveLength(2);
    expect(expectBodiesMatchOpenApi(server.requests)).toBe(2);
  });

  it('listModels and health through the client', async () => {
    server.route('GET', '/api/tags', reply.json({ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest', size: 2019393189 }] }));
    server.route('GET', '/api/version', reply.json({ version: '0.12.6' }));
    expect((await client.listModels('ollama')).map((model) => model.id)).toEqual(['llama3.2:latest']);
    expect(await client.health('ollama')).toMatchObject({ ok: true, version: '0.12.6' });
  });
});

describe('createClient with Ollama failures', () => {
  it('a missing model is model-not-found with the pull command, not retried', async () => {
    server.route('POST', '/api/chat', reply.json({ error: 'model "llama3.2" not found, try pulling it first' }, { status: 404 }));
    const error = await client.chat(request, { provider: 'ollama' }).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('model-not-found');
    expect((error as Error).message).toContain('`ollama pull llama3.2`');
    expect(server.requests).toHaveLength(1);
  });

  it('autoPull: the pull progress reaches onEvent and the call succeeds', async () => {
    server.route('POST', '/api/chat', [reply.json({ error: 'model "llama3.2" not found, try pulling it first' }, { status: 404 }), reply.json(sk('chat_completion_test_response.txt')[0] as object)]);
    server.route('POST', '/api/pull', reply.ndjson([{ status: 'pulling manifest' }, { status: 'pulling abc', digest: 'sha256:abc', total: 10, completed: 10 }, { status: 'success' }]));
    const response = await client.chat(request, { provider: 'pulling' });
    expect(response.text).toBe('This is test completion response');
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.map((event) => event.type === 'progress' && event.stage)).toEqual(['pulling manifest', 'downloading', 'success']);
    expect(progress[0]).toMatchObject({ provider: 'pulling' });
    expect(expectBodiesMatchOpenApi(server.requests)).toBe(3);
  });

  it('an {"error"} line after text has reached the caller is stream-interrupted with the partial text', async () => {
    const markdown = readFileSync(fixturePath('ollama/docs/api/errors.mdx'), 'utf8');
    const lines = markdown.slice(markdown.lastIndexOf('```json') + 7, markdown.lastIndexOf('```')).trim().split('\n');
    server.route('POST', '/api/generate', reply.ndjson(lines));
    const stream = client.streamComplete({ model: 'gemma4', prompt: 'Is the sky blue?' }, { provider: 'ollama' });
    let received = '';
    const error = await (async () => {
      for await (const event of stream) if (event.type === 'text') received += event.text;
    })().catch((caught: unknown) => caught);
    expect(received).toBe(' Yes.Ican');
    expect(isSwitchyardError(error) && error.kind).toBe('stream-interrupted');
    expect((error as { partialText?: string }).partialText).toBe(' Yes.Ican');
    expect((error as Error).message).toContain('an error was encountered while running the model');
    // Past the commit point nothing is retried: the server saw one request.
    expect(server.requests).toHaveLength(1);
  });

  it('a server that is not running fails over at once to the next provider', async () => {
    server.route('POST', '/api/chat', reply.json(sk('chat_completion_test_response.txt')[0] as object));
    const failover = createClient({ providers: [ollama({ id: 'laptop', baseURL: await refusedUrl() }), ollama({ id: 'gpu-box', baseURL: server.url })] });
    try {
      const response = await failover.chat(request, { provider: ['laptop', 'gpu-box'] });
      expect(response.provider).toBe('gpu-box');
      const [first, second] = response.trace;
      expect(first).toMatchObject({ provider: 'laptop', outcome: 'error', errorKind: 'network' });
      expect(first?.reason).toContain('ollama serve');
      expect(second).toMatchObject({ provider: 'gpu-box', outcome: 'success' });
      // No backoff sleep (500 ms by default) between a refused connection and the failover.
      expect((second?.startedAt ?? 0) - ((first?.startedAt ?? 0) + (first?.durationMs ?? 0))).toBeLessThan(250);
    } finally {
      await failover.close();
    }
  });
});
