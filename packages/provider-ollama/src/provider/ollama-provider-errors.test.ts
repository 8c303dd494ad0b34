import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError, type ChatStreamEvent, type HttpTransport, type SwitchyardError } from '@switchyard/core';
import { fault, fixturePath, readNdjsonFixture, refusedUrl, reply, startTestServer } from '@switchyard/testkit';
import { readFileSync } from 'node:fs';
import { testCallContext } from '../test-support/call-context.js';
import { useLoopbackSuite } from '../test-support/loopback-suite.js';
import { ollama } from '../ollama.js';

const suite = useLoopbackSuite();

const hi = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Hi' }] };
const missing = { error: 'model "llama3.2" not found, try pulling it first' };
const answer = readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response.txt')[0] as object;
const pullLines = [
  { status: 'pulling manifest' },
  { status: 'pulling dde5aa3fc5ff', digest: 'sha256:dde5aa3fc5ff', total: 2019377376 },
  { status: 'pulling dde5aa3fc5ff', digest: 'sha256:dde5aa3fc5ff', total: 2019377376, completed: 1009688688 },
  { status: 'pulling dde5aa3fc5ff', digest: 'sha256:dde5aa3fc5ff', total: 2019377376, completed: 2019377376 },
  { status: 'verifying sha256 digest' },
  { status: 'writing manifest' },
  { status: 'success' },
];

async function rejection(run: () => Promise<unknown>): Promise<SwitchyardError> {
  try {
    await run();
  } catch (error) {
    if (isSwitchyardError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

async function drain(stream: AsyncIterable<ChatStreamEvent>, into: ChatStreamEvent[] = []): Promise<ChatStreamEvent[]> {
  for await (const event of stream) into.push(event);
  return into;
}

describe('a missing model', () => {
  it('is model-not-found with the pull command, for chat, streamChat and embed', async () => {
    suite.server.route('POST', '/api/chat', reply.json(missing, { status: 404 }));
    suite.server.route('POST', '/api/embed', reply.json({ error: 'model "all-minilm" not found, try pulling it first' }, { status: 404 }));
    const provider = ollama({ baseURL: suite.server.url });
    const chatError = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context));
    expect(chatError).toMatchObject({ kind: 'model-not-found', status: 404, provider: 'ollama', model: 'llama3.2', retryable: false });
    expect(chatError.message).toContain('`ollama pull llama3.2`');
    const streamError = await rejection(() => drain(provider.streamChat(hi, testCallContext(suite.http, 'llama3.2').context)));
    expect(streamError.kind).toBe('model-not-found');
    const embedError = await rejection(() => provider.embed({ model: 'all-minilm', input: 'x' }, testCallContext(suite.http, 'all-minilm').context));
    expect(embedError.message).toContain('`ollama pull all-minilm`');
    // Without autoPull nothing is pulled.
    expect(suite.server.requests.map((request) => request.path)).toEqual(['/api/chat', '/api/chat', '/api/embed']);
  });

  it('with autoPull: pulls with progress, then sends the call once more', async () => {
    suite.server.route('POST', '/api/chat', [reply.json(missing, { status: 404 }), reply.json(answer)]);
    suite.server.route('POST', '/api/pull', reply.ndjson(pullLines));
    const { context, progress } = testCallContext(suite.http, 'llama3.2');
    const result = await ollama({ baseURL: suite.server.url, autoPull: true }).chat(hi, context);
    expect(result.text).toBe('This is test completion response');
    expect(suite.server.requests.map((request) => request.path)).toEqual(['/api/chat', '/api/pull', '/api/chat']);
    expect(suite.server.requests[1]?.json).toEqual({ model: 'llama3.2', stream: true });
    expect(progress.map((event) => [event.stage, event.completed])).toEqual([
      ['pulling manifest', undefined],
      ['downloading', undefined],
      ['downloading', 1009688688],
      ['downloading', 2019377376],
      ['verifying sha256 digest', undefined],
      ['writing manifest', undefined],
      ['success', undefined],
    ]);
  });

  it('with autoPull on a stream: the stream starts after the pull', async () => {
    suite.server.route('POST', '/api/chat', [reply.json(missing, { status: 404 }), reply.ndjson(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt'))]);
    suite.server.route('POST', '/api/pull', reply.ndjson(pullLines));
    const events = await drain(ollama({ baseURL: suite.server.url, autoPull: true }).streamChat(hi, testCallContext(suite.http, 'llama3.2').context));
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(suite.server.requests.map((request) => request.path)).toEqual(['/api/chat', '/api/pull', '/api/chat']);
  });

  it('with autoPull, a name the registry does not know fails once, as model-not-found', async () => {
    suite.server.route('POST', '/api/chat', reply.json(missing, { status: 404 }));
    suite.server.route('POST', '/api/pull', reply.ndjson([{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }]));
    const error = await rejection(() => ollama({ baseURL: suite.server.url, autoPull: true }).chat(hi, testCallContext(suite.http, 'llama3.2').context));
    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain('could not pull "llama3.2"');
    expect(suite.server.requests.map((request) => request.path)).toEqual(['/api/chat', '/api/pull']);
  });

  it('a pull stream that stops before success is stream-interrupted', async () => {
    suite.server.route('POST', '/api/pull', reply.ndjson(pullLines.slice(0, 3)));
    const error = await rejection(() => ollama({ baseURL: suite.server.url }).pullModel('llama3.2'));
    expect(error.kind).toBe('stream-interrupted');
  });
});

describe('errors inside a 200 answer', () => {
  it('the errors.mdx {"error"} line ends a stream with a typed error after the text so far', async () => {
    const markdown = readFileSync(fixturePath('ollama/docs/api/errors.mdx'), 'utf8');
    const lines = markdown.slice(markdown.lastIndexOf('```json') + 7, markdown.lastIndexOf('```')).trim().split('\n');
    suite.server.route('POST', '/api/generate', reply.ndjson(lines));
    const events: ChatStreamEvent[] = [];
    const error = await rejection(() => drain(ollama({ baseURL: suite.server.url }).streamComplete({ model: 'gemma4', prompt: 'x' }, testCallContext(suite.http, 'gemma4').context), events));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('an error was encountered while running the model');
    expect(events.filter((event) => event.type === 'text')).toHaveLength(4);
  });

  it('a line that is not JSON is invalid-response', async () => {
    suite.server.route('POST', '/api/chat', reply.ndjson(['{"message":{"content":"a"},"done":false}', '{"message":']));
    const error = await rejection(() => drain(ollama({ baseURL: suite.server.url }).streamChat(hi, testCallContext(suite.http, 'llama3.2').context)));
    expect(error.kind).toBe('invalid-response');
  });

  it('a connection reset mid-stream is a typed error, not a crash', async () => {
    suite.server.route('POST', '/api/chat', fault.resetMidStream(reply.ndjson(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt')), { afterChunks: 2 }));
    const events: ChatStreamEvent[] = [];
    const error = await rejection(() => drain(ollama({ baseURL: suite.server.url }).streamChat(hi, testCallContext(suite.http, 'llama3.2').context), events));
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'post-send' });
    expect(events.filter((event) => event.type === 'text')).toHaveLength(2);
  });

  it('a stalled stream ends with the idle timeout', async () => {
    suite.server.route('POST', '/api/chat', fault.stall(reply.ndjson(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt')), { afterChunks: 1 }));
    const { context } = testCallContext(suite.http, 'llama3.2', { totalMs: 5_000 });
    const idleContext = { ...context, http: { request: (options: Parameters<HttpTransport['request']>[0]) => context.http.request({ ...options, timeouts: { idleMs: 300 } }), close: async () => {} } };
    const error = await rejection(() => drain(ollama({ baseURL: suite.server.url }).streamChat(hi, idleContext)));
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'idle' });
  });
});

describe('malformed answers', () => {
  it('a body that is not JSON, JSON of the wrong shape, a missing vector and an HTML error page are typed errors', async () => {
    suite.server.route('POST', '/api/chat', [fault.malformedJson('{"message":{"content":"Hel'), reply.json({ message: { content: 42 } }), fault.htmlErrorPage(502)]);
    suite.server.route('POST', '/api/embed', reply.json({ model: 'm', embeddings: [[0.1, 0.2]] }));
    const provider = ollama({ baseURL: suite.server.url });
    expect((await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context))).kind).toBe('invalid-response');
    expect((await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context))).kind).toBe('invalid-response');
    expect(await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context))).toMatchObject({ kind: 'server', status: 502 });
    const embedError = await rejection(() => provider.embed({ model: 'm', input: ['a', 'b'] }, testCallContext(suite.http, 'm').context));
    expect(embedError.kind).toBe('invalid-response');
    expect(embedError.message).toContain('1 vector(s) for 2 input(s)');
  });
});

describe('status errors', () => {
  it('maps Ollama error bodies, and a plain 404 from a wrong base URL', async () => {
    suite.server.route('POST', '/api/chat', [
      reply.json({ error: 'registry.ollama.ai/library/gemma:2b does not support tools' }, { status: 400 }),
      reply.json({ error: 'model requires more system memory (9.0 GiB) than is available (4.1 GiB)' }, { status: 500 }),
      reply.text('404 page not found', { status: 404 }),
    ]);
    const provider = ollama({ baseURL: suite.server.url });
    const unsupported = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'gemma:2b').context));
    expect(unsupported.kind).toBe('unsupported');
    const memory = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'gemma:2b').context));
    expect(memory).toMatchObject({ kind: 'server', status: 500 });
    expect(memory.message).toContain('more system memory');
    const wrongPath = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'gemma:2b').context));
    expect(wrongPath.kind).toBe('not-found');
  });
});

describe('a server that is not running', () => {
  it('is network before send, with a hint to run `ollama serve`; health says ok: false', async () => {
    const provider = ollama({ baseURL: await refusedUrl() });
    const error = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context));
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'pre-send', retryable: true, provider: 'ollama' });
    expect(error.message).toContain('ollama serve');
    const streamError = await rejection(() => drain(provider.streamChat(hi, testCallContext(suite.http, 'llama3.2').context)));
    expect(streamError.networkPhase).toBe('pre-send');
    const health = await provider.health(testCallContext(suite.http, 'llama3.2').context);
    expect(health.ok).toBe(false);
    expect(health.detail).toContain('ollama serve');
  });
});

describe('credentials', () => {
  it('a redirect to another origin does not carry the authorization header', async () => {
    const other = await startTestServer();
    try {
      other.route('POST', '/api/chat', reply.json(answer));
      suite.server.route('POST', '/api/chat', reply.text('', { status: 307, headers: { location: `${other.url}/api/chat` } }));
      const provider = ollama({ baseURL: suite.server.url, headers: { authorization: 'Bearer sk-ollama-proxy-0123456789abcdef' } });
      const result = await provider.chat(hi, testCallContext(suite.http, 'llama3.2').context);
      expect(result.text).toBe('This is test completion response');
      expect(suite.server.requests[0]?.headers.authorization).toBe('Bearer sk-ollama-proxy-0123456789abcdef');
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('an authorization header reaches the server but never an error, JSON or inspect output', async () => {
    const token = 'Bearer sk-ollama-proxy-0123456789abcdef';
    suite.server.route('POST', '/api/chat', reply.json({ error: `bad token ${token}` }, { status: 401 }));
    const provider = ollama({ baseURL: suite.server.url, headers: { authorization: token, 'x-team': 'search' } });
    const error = await rejection(() => provider.chat(hi, testCallContext(suite.http, 'llama3.2').context));
    expect(suite.server.requests[0]?.headers.authorization).toBe(token);
    expect(suite.server.requests[0]?.headers['x-team']).toBe('search');
    expect(error.kind).toBe('auth');
    for (const text of [error.message, JSON.stringify(error), inspect(error), JSON.stringify(provider), inspect(provider, { depth: 5 })]) {
      expect(text).not.toContain('0123456789abcdef');
    }
  });
});
