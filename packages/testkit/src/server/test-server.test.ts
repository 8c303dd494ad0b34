import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request.test-helper.js';
import { refusedUrl } from './refused-url.js';
import { reply } from './reply.js';
import { startTestServer, type TestServer } from './test-server.js';
import { TestkitInputError } from '../input/check-input.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('startTestServer', () => {
  it('listens on 127.0.0.1 on a random port and has a url without trailing slash', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers a JSON route and records method, path, query, lower-case headers, raw body and parsed JSON', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({ ok: true }, { headers: { 'X-Request-Id': 'req_7' } }));
    const response = await fetch(`${server.url}/v1/chat/completions?api-version=2024&x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'Yes' },
      body: '{"model":"m","messages":[]}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_7');
    expect(response.headers.get('content-length')).toBe('11');
    expect(await response.json()).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    const recorded = server.requests[0];
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: { 'api-version': '2024', x: '1' },
      body: '{"model":"m","messages":[]}',
      json: { model: 'm', messages: [] },
    });
    expect(recorded?.headers['x-custom']).toBe('Yes');
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(Math.abs((recorded?.receivedAt ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it('records a non-JSON body with json undefined', async () => {
    server.route('PUT', '/upload', reply.text('stored', { status: 201 }));
    const response = await fetch(`${server.url}/upload`, { method: 'PUT', body: 'plain words' });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('stored');
    expect(server.requests[0]).toMatchObject({ method: 'PUT', body: 'plain words', json: undefined });
  });

  it('answers a sequence one reply per call, the last one repeating, and counts calls', async () => {
    const route = server.route('GET', '/flaky', [reply.json({ n: 1 }, { status: 503 }), reply.json({ n: 2 })]);
    const statuses: number[] = [];
    for (let call = 0; call < 4; call += 1) {
      const response = await fetch(`${server.url}/flaky`);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([503, 200, 200, 200]);
    expect(route.calls).toBe(4);
  });

  it('calls a function handler with the recorded request', async () => {
    server.route('POST', '/echo', async (request) => reply.json({ saw: request.json, query: request.query }));
    const response = await fetch(`${server.url}/echo?q=1`, { method: 'POST', body: '{"a":1}' });
    expect(await response.json()).toEqual({ saw: { a: 1 }, query: { q: '1' } });
  });

  it('answers 500 naming the route when a function handler throws or returns something else', async () => {
    server.route('GET', '/broken', () => {
      throw new Error('boom in handler');
    });
    server.route('GET', '/not-a-reply', () => ({ status: 200 }) as never);
    const broken = await fetch(`${server.url}/broken`);
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain('GET /broken failed: boom in handler');
    const wrong = await fetch(`${server.url}/not-a-reply`);
    expect(wrong.status).toBe(500);
    expect(await wrong.text()).toContain('not a reply built with reply.* or fault.*');
  });

  it('answers an unmatched route with a 404 whose JSON names the request and the known routes', async () => {
    server.route('POST', '/v1/chat/completions', reply.json({}));
    const response = await fetch(`${server.url}/v1/embeddings?x=1`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-testkit')).toBe('testkit_unmatched_route');
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe(
      'testkit: no route for POST /v1/embeddings?x=1; routes: POST /v1/chat/completions',
    );
  });

  it('matches query constraints, preferring the most specific route, and tests RegExp paths', async () => {
    server.route('GET', '/api/models/org/name', reply.json({ which: 'plain' }));
    server.route('GET', '/api/models/org/name?expand=inferenceProviderMapping', reply.json({ which: 'expanded' }));
    server.route('GET', /^\/files\/[^/]+$/, reply.text('file'));
    const expanded = await fetch(`${server.url}/api/models/org/name?expand=inferenceProviderMapping&other=1`);
    expect(await expanded.json()).toEqual({ which: 'expanded' });
    const plain = await fetch(`${server.url}/api/models/org/name?expand=other`);
    expect(await plain.json()).toEqual({ which: 'plain' });
    expect(await (await fetch(`${server.url}/files/abc`)).text()).toBe('file');
    expect((await fetch(`${server.url}/files/abc/def`)).status).toBe(404);
  });

  it('replaces a route registered again with the same method and path', async () => {
    server.route('GET', '/x', reply.text('first'));
    const second = server.route('get', '/x', reply.text('second'));
    expect(await (await fetch(`${server.url}/x`)).text()).toBe('second');
    expect(second.calls).toBe(1);
  });

  it('reset() forgets routes and recordings', async () => {
    server.route('GET', '/x', reply.text('x'));
    await (await fetch(`${server.url}/x`)).text();
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect((await fetch(`${server.url}/x`)).status).toBe(404);
  });

  it('does not record when started with record: false', async () => {
    const quiet = await startTestServer({ record: false });
    try {
      quiet.route('GET', '/x', reply.text('x'));
      await (await fetch(`${quiet.url}/x`)).text();
      expect(quiet.requests).toHaveLength(0);
    } finally {
      await quiet.close();
    }
  });

  it('rejects unusable arguments with a message that says what to fix', () => {
    expect(() => server.route('GET', 'v1/models', reply.json({}))).toThrow(TestkitInputError);
    expect(() => server.route('GET', 'v1/models', reply.json({}))).toThrow(/starts with "\/"/);
    expect(() => server.route('GET', '/x', { status: 200 } as never)).toThrow(/reply built with reply\.\* or fault\.\*/);
    expect(() => server.route('GET', '/x', [])).toThrow(/at least one reply per sequence/);
    expect(() => reply.json({}, { status: 99 })).toThrow(/Invalid reply\.json\(\) options: status/);
  });
});

describe('streaming replies', () => {
  it('writes each SSE event in its own write and ends with [DONE]', async () => {
    server.route('POST', '/s', reply.sse([{ n: 1 }, 'plain', { n: 3 }], { delayMs: 15 }));
    const response = await rawRequest(`${server.url}/s`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.outcome).toBe('end');
    expect(response.body).toBe('data: {"n":1}\n\ndata: plain\n\ndata: {"n":3}\n\ndata: [DONE]\n\n');
    // The delay between writes makes each event a separate read on the client.
    expect(response.reads.map(String)).toEqual(['data: {"n":1}\n\n', 'data: plain\n\n', 'data: {"n":3}\n\n', 'data: [DONE]\n\n']);
  });

  it('leaves [DONE] out when done is false and honours status and headers', async () => {
    server.route('GET', '/s', reply.sse([{ n: 1 }], { done: false, status: 201, headers: { 'x-a': 'b' } }));
    const response = await rawRequest(`${server.url}/s`);
    expect(response).toMatchObject({ status: 201, body: 'data: {"n":1}\n\n', outcome: 'end' });
    expect(response.headers['x-a']).toBe('b');
  });

  it('writes raw SSE chunks exactly as given, bytes included', async () => {
    const bytes = new TextEncoder().encode('data:{"x":"é"}\n\n');
    server.route('GET', '/raw', reply.sseRaw([': keep-alive\n\n', bytes], { delayMs: 10, contentType: 'text/event-stream; charset=utf-8' }));
    const response = await rawRequest(`${server.url}/raw`);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.body).toBe(': keep-alive\n\ndata:{"x":"é"}\n\n');
    expect(response.reads).toHaveLength(2);
  });

  it('writes NDJSON one line per write', async () => {
    server.route('POST', '/api/chat', reply.ndjson([{ done: false }, '{"done":true}'], { delayMs: 10 }));
    const response = await rawRequest(`${server.url}/api/chat`, { method: 'POST', body: '{}' });
    expect(response.headers['content-type']).toBe('application/x-ndjson');
    expect(response.reads.map(String)).toEqual(['{"done":false}\n', '{"done":true}\n']);
  });

  it('sends bytes untouched with their content type and length', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    server.route('GET', '/image', reply.bytes(png, { contentType: 'image/png' }));
    const response = await fetch(`${server.url}/image`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe('6');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
  });
});

describe('refusedUrl', () => {
  it('gives a loopback URL where connecting is refused', async () => {
    const url = await refusedUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(rawRequest(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
