import { describe, expect, it } from 'vitest';
import type { ChatStreamEvent, ProviderProgressEvent } from '@switchyard/core';
import { fault, readJsonFixture, readNdjsonFixture, reply } from '@switchyard/testkit';
import { apiDocValues } from '../test-support/api-doc-examples.js';
import { testCallContext } from '../test-support/call-context.js';
import { useLoopbackSuite } from '../test-support/loopback-suite.js';
import { ollama } from '../ollama.js';

const suite = useLoopbackSuite();

const sk = (name: string) => readNdjsonFixture(`semantic-kernel/ollama/${name}`);
const hi = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('semantic-kernel recordings replayed through a loopback server', () => {
  it('chat: text, finish reason, usage, and the body sent', async () => {
    suite.server.route('POST', '/api/chat', reply.json(sk('chat_completion_test_response.txt')[0] as object, { headers: { 'x-request-id': 'req-1' } }));
    const provider = ollama({ baseURL: suite.server.url, keepAlive: '10m' });
    const result = await provider.chat({ ...hi, temperature: 0, maxTokens: 50 }, testCallContext(suite.http, 'llama3.2').context);
    expect(result).toMatchObject({
      text: 'This is test completion response',
      finishReason: 'stop',
      requestId: 'req-1',
      usage: { inputTokens: 38, outputTokens: 45, totalTokens: 83 },
    });
    expect(suite.server.requests).toHaveLength(1);
    expect(suite.server.requests[0]?.headers['content-type']).toContain('application/json');
    expect(suite.server.requests[0]?.json).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      options: { temperature: 0, num_predict: 50 },
      keep_alive: '10m',
    });
  });

  it('chat: one tool call, and five tool calls', async () => {
    const provider = ollama({ baseURL: suite.server.url });
    suite.server.route('POST', '/api/chat', [
      reply.json(sk('chat_completion_function_call_response.txt')[0] as object),
      reply.json(sk('chat_completion_multiple_function_calls_test_response.txt')[0] as object),
    ]);
    const one = await provider.chat(hi, testCallContext(suite.http, 'llama3.2').context);
    expect(one.finishReason).toBe('tool-calls');
    expect(one.toolCalls).toEqual([{ id: expect.stringMatching(/^call_0_/), name: 'TestPlugin_TestFunction', arguments: '{"testInput":"fake-text"}' }]);
    const five = await provider.chat(hi, testCallContext(suite.http, 'llama3.2').context);
    expect(five.toolCalls.map((call) => call.name)).toHaveLength(5);
    expect(five.usage).toMatchObject({ inputTokens: 152, outputTokens: 22 });
  });

  it('streamChat: NDJSON lines, one write each, become text, usage and finish', async () => {
    suite.server.route('POST', '/api/chat', reply.ndjson(sk('chat_completion_test_response_stream.txt')));
    const provider = ollama({ baseURL: suite.server.url });
    const events = await collect(provider.streamChat(hi, testCallContext(suite.http, 'phi3').context));
    expect(events[0]).toMatchObject({ type: 'start', model: 'phi3' });
    expect(events.filter((event) => event.type === 'text').map((event) => (event.type === 'text' ? event.text : '')).join('')).toBe('This is test completion response');
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { inputTokens: 10, outputTokens: 239 } });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', metadata: { loadDurationMs: 55_561.676662 } });
    expect(suite.server.requests[0]?.json).toMatchObject({ stream: true });
  });

  it('streamComplete: /api/generate stream', async () => {
    suite.server.route('POST', '/api/generate', reply.ndjson(sk('text_generation_test_response_stream.txt')));
    const provider = ollama({ baseURL: suite.server.url });
    const events = await collect(provider.streamComplete({ model: 'phi3', prompt: 'Why is the sky blue?' }, testCallContext(suite.http, 'phi3', { task: 'complete' }).context));
    expect(events.map((event) => (event.type === 'text' ? event.text : '')).join('')).toBe('This is test completion response');
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { inputTokens: 10, outputTokens: 304 } });
    expect(suite.server.requests[0]?.json).toEqual({ model: 'phi3', prompt: 'Why is the sky blue?', stream: true });
  });

  it('embed: a batch of two inputs in one request', async () => {
    suite.server.route('POST', '/api/embed', reply.json(readJsonFixture('semantic-kernel/ollama/embeddings_test_response.json') as object));
    const provider = ollama({ baseURL: suite.server.url });
    const result = await provider.embed({ model: 'fake-model', input: ['a', 'b'] }, testCallContext(suite.http, 'fake-model', { task: 'embed' }).context);
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toEqual([0.020765934, 0.007495159, 0.01268963, 0.013938076, -0.04621073]);
    expect(suite.server.requests).toHaveLength(1);
    expect(suite.server.requests[0]?.json).toEqual({ model: 'fake-model', input: ['a', 'b'] });
  });
});

describe('api.md examples served by a loopback server', () => {
  it('complete: the unstreamed generate answer', async () => {
    const [body] = apiDocValues('Generate a completion', 'Request (No streaming)', 'Response');
    suite.server.route('POST', '/api/generate', reply.json(body as object));
    const result = await ollama({ baseURL: suite.server.url }).complete({ model: 'llama3.2', prompt: 'Why is the sky blue?' }, testCallContext(suite.http, 'llama3.2', { task: 'complete' }).context);
    expect(result).toMatchObject({ text: 'The sky is blue because it is the color of the sky.', usage: { inputTokens: 26, outputTokens: 290 } });
  });

  it('listModels, runningModels, showModel and version', async () => {
    const [tags] = apiDocValues('List Local Models', 'Response');
    const [ps] = apiDocValues('List Running Models', 'Response');
    const [show] = apiDocValues('Show Model Information', 'Response');
    const [version] = apiDocValues('Version', 'Response');
    suite.server.route('GET', '/api/tags', reply.json(tags as object));
    suite.server.route('GET', '/api/ps', reply.json(ps as object));
    suite.server.route('POST', '/api/show', reply.json(show as object));
    suite.server.route('GET', '/api/version', reply.json(version as object));
    const provider = ollama({ baseURL: suite.server.url });
    const { context } = testCallContext(suite.http, 'llava');
    expect((await provider.listModels(context)).map((model) => model.id)).toEqual(['deepseek-r1:latest', 'llama3.2:latest']);
    expect((await provider.runningModels())[0]).toMatchObject({ id: 'mistral:latest', vramBytes: 5137025024 });
    expect(await provider.showModel('llava', { timeoutMs: 5_000 })).toMatchObject({ capabilities: ['completion', 'vision'], contextLength: 8192 });
    expect(await provider.version()).toBe('0.5.1');
    const health = await provider.health(context);
    expect(health).toMatchObject({ ok: true, version: '0.5.1' });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(suite.server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/tags',
      'GET /api/ps',
      'POST /api/show',
      'GET /api/version',
      'GET /api/version',
    ]);
    expect(suite.server.requests[2]?.json).toEqual({ model: 'llava' });
  });

  it('management calls validate their input', async () => {
    const provider = ollama({ baseURL: suite.server.url });
    await expect(provider.showModel('')).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(provider.pullModel('llama3.2', { insecure: 'yes' } as never)).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(provider.version({ timeoutMs: -1 })).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(suite.server.requests).toHaveLength(0);
  });

  it('a management call honours its deadline and the caller\'s signal', async () => {
    suite.server.route('GET', '/api/version', fault.slowHeaders(2_000, reply.json({ version: '0.5.1' })));
    const provider = ollama({ baseURL: suite.server.url });
    await expect(provider.version({ timeoutMs: 200 })).rejects.toMatchObject({ kind: 'timeout' });
    await expect(provider.version({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('pullModel: every status line of the pull example becomes progress, success resolves', async () => {
    suite.server.route('POST', '/api/pull', reply.ndjson(apiDocValues('Pull a Model', 'Response').slice(0, 6) as object[]));
    const progress: ProviderProgressEvent[] = [];
    const result = await ollama({ baseURL: suite.server.url }).pullModel('llama3.2', { onProgress: (event) => progress.push(event) });
    expect(result).toEqual({ model: 'llama3.2', status: 'success' });
    expect(progress.map((event) => event.stage)).toEqual([
      'pulling manifest',
      'downloading',
      'verifying sha256 digest',
      'writing manifest',
      'removing any unused layers',
      'success',
    ]);
    expect(progress[1]).toMatchObject({ completed: 241970, total: 2142590208, detail: 'digestname' });
    expect(suite.server.requests[0]?.json).toEqual({ model: 'llama3.2', stream: true });
  });
});
