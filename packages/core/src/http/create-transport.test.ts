// The transport's readers and request building, through a real loopback server.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chunksToSse, readChunksFixture, readFixtureText, readNdjsonFixture, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTransport } from './create-transport.js';
import { trackResources } from './track-resources.test-helper.js';
import type { HttpTransport } from './types.js';
import { rejectionOf } from './rejection.test-helper.js';

let server: TestServer;
let http: HttpTransport;
let resources: ReturnType<typeof trackResources>;

beforeEach(async () => {
  resources = trackResources();
  server = await startTestServer();
  http = createTransport({ proxy: false });
});

afterEach(async () => {
  await http.close();
  await server.close();
  const open = await resources.settle();
  resources.stop();
  expect(open, 'sockets or transport timers left open').toEqual([]);
});


describe('sending', () => {
  it('sends json as a POST with content-type and user agent, and reads JSON back', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ id: 'x', choices: [] }, { headers: { 'x-request-id': 'req_1' } }));
    const response = await http.request({ url: `${server.url}/v1/chat/completions?api-version=1`, json: { model: 'm', n: 1 } });
    expect(response.status).toBe(200);
    expect(response.requestId).toBe('req_1');
    expect(response.url).toBe(`${server.url}/v1/chat/completions?api-version=1`);
    expect(await response.json()).toEqual({ id: 'x', choices: [] });
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions', query: { 'api-version': '1' }, json: { model: 'm', n: 1 } });
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['user-agent']).toBe('switchyard');
  });

  it('sends GET without a body by default, and the caller\'s headers (names case-insensitive)', async () => {
    server.route('GET', '/api/tags', reply.json({ models: [] }));
    const custom = createTransport({ proxy: false, userAgent: 'my-app/1.0' });
    try {
      await (await custom.request({ url: `${server.url}/api/tags`, headers: { 'X-Trace': 'abc', 'User-Agent': 'override/2' } })).discard();
      await (await custom.request({ url: `${server.url}/api/tags` })).discard();
    } finally {
      await custom.close();
    }
    expect(server.requests.map((request) => [request.method, request.body, request.headers['user-agent'], request.headers['x-trace']])).toEqual([
      ['GET', '', 'override/2', 'abc'],
      ['GET', '', 'my-app/1.0', undefined],
    ]);
  });

  it('sends each request to its own path and query, however often a URL repeats', async () => {
    server.route('GET', '/a', reply.json({}));
    server.route('GET', '/b', reply.json({}));
    for (const path of ['/a?x=1', '/a?x=2', '/b', '/a?x=1', '/b']) await (await http.request({ url: `${server.url}${path}` })).discard();
    expect(server.requests.map((request) => `${request.path}${request.query.x ? `?x=${request.query.x}` : ''}`)).toEqual(['/a?x=1', '/a?x=2', '/b', '/a?x=1', '/b']);
  });

  it('sends a raw body as it is', async () => {
    server.route('PUT', '/blob', reply.json({}));
    await (await http.request({ method: 'PUT', url: `${server.url}/blob`, body: new Uint8Array([104, 105]), headers: { 'content-type': 'application/octet-stream' } })).discard();
    expect(server.requests[0]).toMatchObject({ method: 'PUT', body: 'hi' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
  });

  it('validates its options with messages that say what to fix', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ url: 42 }, /url: expected the request URL as a string/],
      [{ url: 'not a url' }, /expected an absolute http:\/\/ or https:\/\/ URL/],
      [{ url: 'file:///etc/passwd' }, /file: is not supported/],
      [{ url: `${server.url}/x`, method: 'TRACE' }, /method/],
      [{ url: `${server.url}/x`, timeouts: { headersMs: -1 } }, /timeouts\.headersMs: expected a positive number of milliseconds/],
      [{ url: `${server.url}/x`, credential: 'sk-raw-string' }, /credential: expected a credential made with scopeCredential/],
      [{ url: `${server.url}/x`, json: { big: 1n } }, /json value cannot be serialised/],
    ];
    // Twice: a URL the transport refused once is refused again (only valid URLs are kept parsed).
    for (const [options, message] of [...cases, ...cases]) {
      const error = await rejectionOf(() => http.request(options as never));
      expect(error.kind).toBe('invalid-request');
      expect(error.message).toMatch(message);
    }
    expect(() => createTransport({ proxy: 'yes' } as never)).toThrow(/createTransport\(\) options: proxy: expected "env" or false/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses requests after close()', async () => {
    await http.close();
    expect((await rejectionOf(() => http.request({ url: `${server.url}/x` }))).message).toMatch(/transport was closed/);
  });
});

describe('readers', () => {
  it('json(schema) validates loosely and reports the path of a mismatch', async () => {
    server.route('GET', '/ok', reply.json({ id: 'a', extra: true, usage: { total: 3 } }));
    server.route('GET', '/bad', reply.json({ id: 7 }));
    const schema = z.looseObject({ id: z.string(), usage: z.object({ total: z.number() }).optional() });
    expect(await (await http.request({ url: `${server.url}/ok` })).json(schema)).toEqual({ id: 'a', extra: true, usage: { total: 3 } });
    const error = await rejectionOf(async () => (await http.request({ url: `${server.url}/bad`, provider: 'p' })).json(schema));
    expect(error).toMatchObject({ kind: 'invalid-response', provider: 'p', status: 200 });
    expect(error.message).toMatch(/returned JSON of an unexpected shape: id: /);
  });

  it('text() and bytes() read the whole body', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    server.route('GET', '/text', reply.text('plain words'));
    server.route('GET', '/image.png', reply.bytes(png, { contentType: 'image/png' }));
    expect(await (await http.request({ url: `${server.url}/text` })).text()).toBe('plain words');
    expect(new Uint8Array(await (await http.request({ url: `${server.url}/image.png` })).bytes())).toEqual(png);
  });

  it('a body is read once', async () => {
    server.route('GET', '/once', reply.json({ a: 1 }));
    const response = await http.request({ url: `${server.url}/once` });
    await response.json();
    expect((await rejectionOf(() => response.text())).message).toMatch(/already read/);
    expect(() => response.sse()).toThrow(/already read/);
  });

  it('sse() replays a real Groq tool-call stream (openai-compat-streams/groq/groq-tool-call.chunks.txt)', async () => {
    const lines = readChunksFixture('openai-compat-streams/groq/groq-tool-call.chunks.txt');
    server.route('POST', '/v1/chat/completions', reply.sseRaw(chunksToSse(lines)));
    const response = await http.request({ url: `${server.url}/v1/chat/completions`, json: {} });
    const received: string[] = [];
    for await (const message of response.sse()) received.push(message.data);
    expect(received).toEqual(lines);
  });

  it('sse() reads a TGI stream without [DONE] (semantic-kernel huggingface/textgeneration_test_stream_response.txt)', async () => {
    const text = readFixtureText('semantic-kernel/huggingface/textgeneration_test_stream_response.txt');
    server.route('POST', '/generate_stream', reply.sseRaw(text.split(/(?<=\n\n)/)));
    const received: unknown[] = [];
    for await (const message of (await http.request({ url: `${server.url}/generate_stream`, json: {} })).sse()) received.push(JSON.parse(message.data));
    expect(received.length).toBeGreaterThan(1);
    expect(received.at(-1)).toMatchObject({ details: { finish_reason: 'length' } });
  });

  it('ndjson() replays a real Ollama /api/generate stream (semantic-kernel ollama/text_generation_test_response_stream.txt)', async () => {
    const lines = readNdjsonFixture('semantic-kernel/ollama/text_generation_test_response_stream.txt');
    server.route('POST', '/api/generate', reply.ndjson(lines));
    const received: unknown[] = [];
    for await (const value of (await http.request({ url: `${server.url}/api/generate`, json: {} })).ndjson()) received.push(value);
    expect(received).toEqual(lines);
  });

  it('a consumer that stops early destroys the body; the transport stays usable', async () => {
    server.route('POST', '/v1/chat/completions', reply.sse(Array.from({ length: 100 }, (_, n) => ({ n })), { delayMs: 5 }));
    server.route('GET', '/after', reply.json({ ok: true }));
    for await (const message of (await http.request({ url: `${server.url}/v1/chat/completions`, json: {} })).sse()) {
      expect(message.data).toBe('{"n":0}');
      break;
    }
    expect(await (await http.request({ url: `${server.url}/after` })).json()).toEqual({ ok: true });
  });
});

/** A plain node:http server for what the testkit does not show: connections opened, bytes written. */
async function rawServer(handler: (response: ServerResponse) => void): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const raw: Server = createServer({ keepAlive: true }, (request, response) => {
    request.resume();
    request.on('end', () => handler(response));
  });
  raw.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        raw.closeAllConnections();
        raw.close(() => resolve());
      }),
  };
}

describe('connections and backpressure', () => {
  it('a consumer slower than the idle deadline is not a stalled server', async () => {
    // 4 MB of events sent at once, more than the client buffers: the body is paused behind the
    // consumer with most of it still unread, and undici does not fire its idle timeout while paused.
    server.route('POST', '/v1/chat/completions', reply.sse(Array.from({ length: 2000 }, (_, n) => ({ n, pad: 'x'.repeat(2000) }))));
    const stream = (await http.request({ url: `${server.url}/v1/chat/completions`, json: {}, timeouts: { idleMs: 150 } })).sse();
    let count = 0;
    for await (const message of stream) {
      count += 1;
      if (count === 1 || count === 1000) await new Promise((resolve) => setTimeout(resolve, 400));
      void message;
    }
    expect(count).toBe(2000);
  });

  it('drains what follows data: [DONE] so connections are reused, not replaced', async () => {
    const raw = await rawServer((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"n":1}\n\ndata: [DONE]\n\n');
      // The body goes on a little after [DONE]: destroying it there would cost the connection.
      setTimeout(() => response.end(': trailing comment after done\n\n'), 20);
    });
    try {
      for (let round = 0; round < 6; round++) {
        const received: string[] = [];
        for await (const message of (await http.request({ url: `${raw.url}/stream`, json: {} })).sse()) received.push(message.data);
        expect(received).toEqual(['{"n":1}']);
        // Long enough for the server's trailer (20 ms) to be drained in the background.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Destroying the body at [DONE] instead would open one connection per round.
      expect(raw.connections()).toBe(1);
    } finally {
      await http.close();
      await raw.close();
    }
  });

  it('a slow consumer does not make the transport buffer the whole response', async () => {
    const total = 64 * 1024 * 1024;
    const event = Buffer.from(`data: ${JSON.stringify({ pad: 'x'.repeat(1000) })}\n\n`);
    const batch = Buffer.concat(Array.from({ length: 64 }, () => event));
    let written = 0;
    let closedEarly = false;
    const raw = await rawServer((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.on('close', () => (closedEarly = !response.writableFinished));
      const pump = () => {
        while (written < total) {
          written += batch.length;
          if (!response.write(batch)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    try {
      const stream = (await http.request({ url: `${raw.url}/stream`, json: {} })).sse();
      expect((await stream.next()).done).toBe(false);
      // The consumer dawdles; the server keeps trying to write.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(written).toBeLessThan(total / 4);
      await stream.return?.();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closedEarly).toBe(true);
    } finally {
      await http.close();
      await raw.close();
    }
  });
});
