// Every fault of issue 2 through the real transport and real sockets: the error kind and phase,
// the deadline, no unhandled rejection, no socket or transport timer left open, and no trace of
// the credential in any error produced (scanned at the end).
import { inspect } from 'node:util';
import { fault, refusedUrl, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError, SwitchyardError } from '../errors/switchyard-error.js';
import { createTransport } from './create-transport.js';
import { scopeCredential } from './scope-credential.js';
import { trackResources } from './track-resources.test-helper.js';
import type { HttpRequestOptions, HttpTransport, ScopedCredential } from './types.js';
import { unacceptedUrl } from './unaccepted-port.test-helper.js';

const SECRET = 'sk-leakcheck-7f3a9c1e5b2d4068a1b2c3d4e5f60718';
const errors: SwitchyardError[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

let server: TestServer;
let http: HttpTransport;
let credential: ScopedCredential;
let resources: ReturnType<typeof trackResources>;

beforeAll(async () => {
  // The transport imports undici on its first request; a loaded machine can take a second for
  // that, which must not count against the deadlines measured below.
  await import('undici');
});

beforeEach(async () => {
  resources = trackResources();
  server = await startTestServer();
  http = createTransport({ proxy: false, timeouts: { connectMs: 2000, headersMs: 2000, idleMs: 2000, totalMs: 5000 } });
  credential = scopeCredential(SECRET, { origins: [server.url] });
});

afterEach(async () => {
  await http.close();
  await server.close();
  const open = await resources.settle();
  resources.stop();
  expect(open, 'sockets or transport timers left open').toEqual([]);
  expect(unhandled, 'unhandled rejections').toEqual([]);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  // The credential was attached to every request above; no error may carry it in any form.
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10 }), String(error)]) {
      expect(text).not.toContain(SECRET);
    }
  }
});

/** Runs `work`, expects a SwitchyardError, records it for the leak scan and returns it with the time taken. */
async function failure(work: () => Promise<unknown>): Promise<{ error: SwitchyardError; elapsedMs: number }> {
  const started = performance.now();
  let outcome: unknown;
  try {
    await work();
    outcome = new Error('expected the call to fail');
  } catch (error) {
    outcome = error;
  }
  const elapsedMs = performance.now() - started;
  if (!isSwitchyardError(outcome)) throw outcome;
  errors.push(outcome);
  return { error: outcome, elapsedMs };
}

function post(path: string, extra: Partial<HttpRequestOptions> = {}) {
  return http.request({ method: 'POST', url: `${server.url}${path}`, json: { model: 'm', messages: [] }, credential, provider: 'test', model: 'm', ...extra });
}

async function readAllSse(path: string, extra: Partial<HttpRequestOptions> = {}): Promise<string[]> {
  const received: string[] = [];
  const response = await post(path, extra);
  for await (const message of response.sse()) received.push(message.data);
  return received;
}

describe('connection faults', () => {
  it('connection refused → network, pre-send, at once', async () => {
    const url = await refusedUrl();
    const local = scopeCredential(SECRET, { origins: [url] });
    const { error, elapsedMs } = await failure(() => http.request({ url: `${url}/v1/models`, credential: local }));
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'pre-send', retryable: true });
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/models failed: the connection was refused/);
    // Well before the 2 s connect deadline: a refusal is not waited out.
    expect(elapsedMs).toBeLessThan(1500);
  });

  it('a host that never accepts → timeout, connect phase, at the connect deadline', async () => {
    const target = await unacceptedUrl();
    const impatient = createTransport({ proxy: false, timeouts: { connectMs: 300 } });
    try {
      const local = scopeCredential(SECRET, { origins: [target.url] });
      const { error, elapsedMs } = await failure(() => impatient.request({ url: `${target.url}/v1/models`, credential: local }));
      expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'connect', retryable: true });
      expect(error.message).toContain('300 ms');
      expect(elapsedMs).toBeGreaterThanOrEqual(270);
      expect(elapsedMs).toBeLessThan(2000);
    } finally {
      await impatient.close();
      await target.close();
    }
  });

  it('a per-request connect deadline shorter than the transport\'s is honoured too', async () => {
    const target = await unacceptedUrl();
    const impatient = createTransport({ proxy: false, timeouts: { connectMs: 600 } });
    try {
      const { error, elapsedMs } = await failure(() => impatient.request({ url: `${target.url}/v1/models`, timeouts: { connectMs: 200 } }));
      expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'connect' });
      expect(elapsedMs).toBeLessThan(550);
    } finally {
      // The agent's own connect attempt runs on to its 600 ms deadline before the socket closes.
      await impatient.close();
      await target.close();
    }
  });

  it('reset before the response headers → network, post-send (the server read the request)', async () => {
    server.route('POST', '/v1/chat/completions', fault.resetBeforeHeaders());
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'post-send', provider: 'test', model: 'm' });
    expect(server.requests).toHaveLength(1);
  });

  it('reset in the middle of a stream → network, post-send, after the events that arrived', async () => {
    server.route('POST', '/v1/chat/completions', fault.resetMidStream(reply.sse([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]), { afterChunks: 2 }));
    const received: string[] = [];
    const { error } = await failure(async () => {
      const response = await post('/v1/chat/completions');
      for await (const message of response.sse()) received.push(message.data);
    });
    expect(received).toEqual(['{"n":1}', '{"n":2}']);
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'post-send' });
  });

  it('reset in the middle of an NDJSON stream → network, post-send', async () => {
    server.route('POST', '/api/chat', fault.resetMidStream(reply.ndjson([{ n: 1 }, { n: 2 }, { n: 3 }]), { afterChunks: 1 }));
    const received: unknown[] = [];
    const { error } = await failure(async () => {
      for await (const value of (await post('/api/chat')).ndjson()) received.push(value);
    });
    expect(received).toEqual([{ n: 1 }]);
    expect(error).toMatchObject({ kind: 'network', networkPhase: 'post-send' });
  });
});

describe('deadlines', () => {
  it('slow headers → timeout, headers phase, at the headers deadline', async () => {
    server.route('POST', '/v1/chat/completions', fault.slowHeaders(3000, reply.json({ ok: true })));
    const { error, elapsedMs } = await failure(() => post('/v1/chat/completions', { timeouts: { headersMs: 300 } }));
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'headers', retryable: true });
    expect(elapsedMs).toBeGreaterThanOrEqual(270);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('a stream that stalls → timeout, idle phase, at the idle deadline after the last chunk', async () => {
    server.route('POST', '/v1/chat/completions', fault.stall(reply.sse([{ n: 1 }, { n: 2 }]), { afterChunks: 1 }));
    const received: string[] = [];
    const { error, elapsedMs } = await failure(async () => {
      for await (const message of (await post('/v1/chat/completions', { timeouts: { idleMs: 300 } })).sse()) received.push(message.data);
    });
    expect(received).toEqual(['{"n":1}']);
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'idle' });
    expect(elapsedMs).toBeGreaterThanOrEqual(270);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('a body that stalls before json() reads it → timeout, idle phase', async () => {
    server.route('POST', '/v1/chat/completions', fault.stall(reply.sse([{ n: 1 }]), { afterChunks: 0 }));
    const { error } = await failure(async () => (await post('/v1/chat/completions', { timeouts: { idleMs: 300 } })).text());
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'idle' });
  });

  it('a stream that keeps going past the total deadline → timeout, total phase', async () => {
    const events = Array.from({ length: 60 }, (_, n) => ({ n }));
    server.route('POST', '/v1/chat/completions', reply.sse(events, { delayMs: 25 }));
    const received: string[] = [];
    const { error, elapsedMs } = await failure(async () => {
      for await (const message of (await post('/v1/chat/completions', { timeouts: { totalMs: 400 } })).sse()) received.push(message.data);
    });
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'total' });
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(60);
    expect(elapsedMs).toBeGreaterThanOrEqual(360);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('the total deadline also covers waiting for headers', async () => {
    server.route('POST', '/v1/chat/completions', fault.slowHeaders(3000));
    const { error } = await failure(() => post('/v1/chat/completions', { timeouts: { totalMs: 300, headersMs: 5000 } }));
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'total' });
  });
});

describe('the caller aborting', () => {
  it('an already aborted signal → aborted, nothing sent', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ ok: true }));
    const { error } = await failure(() => post('/v1/chat/completions', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    expect(server.requests).toHaveLength(0);
  });

  it('aborting while waiting for headers → aborted, at once', async () => {
    server.route('POST', '/v1/chat/completions', fault.slowHeaders(3000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, elapsedMs } = await failure(() => post('/v1/chat/completions', { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(elapsedMs).toBeLessThan(1500);
  });

  it('aborting while a stream is read → aborted', async () => {
    server.route('POST', '/v1/chat/completions', reply.sse(Array.from({ length: 50 }, (_, n) => ({ n })), { delayMs: 20 }));
    const controller = new AbortController();
    const { error } = await failure(async () => {
      for await (const message of (await post('/v1/chat/completions', { signal: controller.signal })).sse()) {
        if (message.data === '{"n":2}') controller.abort();
      }
    });
    expect(error.kind).toBe('aborted');
  });

  it('a SwitchyardError given as the abort reason is passed through (the client\'s first-token deadline)', async () => {
    server.route('POST', '/v1/chat/completions', fault.slowHeaders(3000));
    const controller = new AbortController();
    const reason = new SwitchyardError('timeout', 'No first token within 100 ms.', { timeoutPhase: 'first-token' });
    setTimeout(() => controller.abort(reason), 100);
    const { error } = await failure(() => post('/v1/chat/completions', { signal: controller.signal }));
    expect(error).toBe(reason);
  });
});

describe('error statuses', () => {
  it('429 with Retry-After → rate-limit with retryAfterMs', async () => {
    server.route('POST', '/v1/chat/completions', fault.status(429, { retryAfter: 2, headers: { 'x-request-id': 'req_429' } }));
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 2000, retryable: true, requestId: 'req_429', code: 'rate_limit_exceeded' });
    expect(error.message).toBe(`POST ${server.url}/v1/chat/completions failed with 429 Too Many Requests: testkit: scripted 429 Too Many Requests`);
  });

  it.each([
    [500, 'server'],
    [502, 'server'],
    [503, 'overloaded'],
    [504, 'timeout'],
  ] as const)('%i → %s', async (status, kind) => {
    server.route('POST', '/v1/chat/completions', fault.status(status));
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind, status, retryable: true });
  });

  it('an HTML error page from a proxy → its status kind, and its title in the message', async () => {
    server.route('POST', '/v1/chat/completions', fault.htmlErrorPage(502));
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect(error.message).toContain('an HTML page titled "502 Bad Gateway"');
  });

  it('401 → auth, with the key the server echoed scrubbed from the message', async () => {
    server.route('POST', '/v1/chat/completions', fault.status(401, { body: { error: { message: `Incorrect API key provided: ${SECRET}.`, code: 'invalid_api_key' } } }));
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(error.message).toContain('Incorrect API key provided: [REDACTED].');
  });

  it('a provider parseErrorBody refines the kind', async () => {
    server.route('POST', '/v1/chat/completions', fault.status(400, { body: { error: { message: 'prompt is too long: 9000 tokens > 8192' } } }));
    const { error } = await failure(() =>
      post('/v1/chat/completions', { parseErrorBody: ({ text }) => (text.includes('too long') ? { kind: 'context-length' } : undefined) }),
    );
    expect(error).toMatchObject({ kind: 'context-length', status: 400 });
    expect(error.message).toContain('prompt is too long');
  });

  it('a status body cut by a reset still gives the status error', async () => {
    server.route('POST', '/v1/chat/completions', fault.resetMidStream(reply.sse([{ a: 1 }, { a: 2 }], { status: 503 }), { afterChunks: 1 }));
    const { error } = await failure(() => post('/v1/chat/completions'));
    expect(error).toMatchObject({ kind: 'overloaded', status: 503 });
  });
});

describe('bodies that are not what was asked for', () => {
  it('malformed JSON → invalid-response with an excerpt', async () => {
    server.route('POST', '/v1/chat/completions', fault.malformedJson());
    const { error } = await failure(async () => (await post('/v1/chat/completions')).json());
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, retryable: false });
    expect(error.message).toMatch(/returned a body that is not valid JSON .*"content":"Hel/);
  });

  it('a truncated SSE stream ends the iteration and delivers the cut event for the consumer to reject', async () => {
    server.route('POST', '/v1/chat/completions', fault.truncatedSse());
    const received = await readAllSse('/v1/chat/completions');
    expect(received).toHaveLength(3);
    expect(() => JSON.parse(received[0]!)).not.toThrow();
    expect(() => JSON.parse(received[1]!)).not.toThrow();
    expect(() => JSON.parse(received[2]!)).toThrow();
  });

  it.each(['sse', 'ndjson', 'json', 'text'] as const)('UTF-8 split inside characters (%s) arrives intact', async (format) => {
    const payload = { text: 'héllo wörld 🌍 中文' };
    server.route('POST', '/v1/chat/completions', fault.splitUtf8(payload, { format }));
    const response = await post('/v1/chat/completions');
    if (format === 'sse') {
      const received: string[] = [];
      for await (const message of response.sse()) received.push(message.data);
      expect(received).toEqual([JSON.stringify(payload)]);
    } else if (format === 'ndjson') {
      const received: unknown[] = [];
      for await (const value of response.ndjson()) received.push(value);
      expect(received).toEqual([payload]);
    } else if (format === 'json') {
      expect(await response.json()).toEqual(payload);
    } else {
      expect(await response.text()).toBe(JSON.stringify(payload));
    }
  });

  it('a captive-portal HTML page where JSON was expected → invalid-response naming the content type', async () => {
    server.route('POST', '/v1/chat/completions', fault.wrongContentType());
    const { error } = await failure(async () => (await post('/v1/chat/completions')).json());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(`POST ${server.url}/v1/chat/completions returned text/html content where JSON was expected: an HTML page.`);
  });

  it('JSON where an event stream was expected → invalid-response with the server\'s message', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ error: { message: 'streaming is not supported for this model', code: 'unsupported' } }));
    const { error } = await failure(async () => {
      for await (const message of (await post('/v1/chat/completions')).sse()) void message;
    });
    expect(error).toMatchObject({ kind: 'invalid-response', code: 'unsupported' });
    expect(error.message).toContain('application/json content where an event stream (text/event-stream) was expected: streaming is not supported');
  });

  it('an event stream where NDJSON was expected → invalid-response', async () => {
    server.route('POST', '/api/chat', reply.sse([{ a: 1 }]));
    const { error } = await failure(async () => {
      for await (const value of (await post('/api/chat')).ndjson()) void value;
    });
    expect(error.kind).toBe('invalid-response');
  });

  it.each([false, true])('an oversized body → invalid-response (streaming: %s)', async (streaming) => {
    server.route('POST', '/v1/chat/completions', fault.oversizedBody(2 * 1024 * 1024, { streaming }));
    const { error } = await failure(async () => (await post('/v1/chat/completions', { maxBodyBytes: 512 * 1024 })).json());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('larger than 524288 bytes');
  });

  it('a malformed NDJSON line → invalid-response naming the line', async () => {
    server.route('POST', '/api/chat', reply.ndjson([{ a: 1 }, '{"b":', { c: 3 }]));
    const { error } = await failure(async () => {
      for await (const value of (await post('/api/chat')).ndjson()) void value;
    });
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('NDJSON line 2 is not valid JSON');
    expect(error.provider).toBe('test');
  });
});
