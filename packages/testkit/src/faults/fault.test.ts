import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../server/raw-request.test-helper.js';
import { reply } from '../server/reply.js';
import { startTestServer, type TestServer } from '../server/test-server.js';
import { fault } from './fault.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const fourEvents = reply.sse([{ n: 1 }, { n: 2 }, { n: 3 }], { delayMs: 10 });

describe('connection faults', () => {
  it('resetBeforeHeaders resets the connection after reading the request, before any byte', async () => {
    server.route('POST', '/x', fault.resetBeforeHeaders());
    await expect(rawRequest(`${server.url}/x`, { method: 'POST', body: '{"a":1}' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.requests[0]?.json).toEqual({ a: 1 });
  });

  it('resetMidStream delivers the first chunks, then resets', async () => {
    server.route('GET', '/x', fault.resetMidStream(fourEvents, { afterChunks: 2 }));
    const response = await rawRequest(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(response.body).toBe('data: {"n":1}\n\ndata: {"n":2}\n\n');
    expect(response.outcome).not.toBe('end');
  });

  it('slowHeaders holds the status line for the given time', async () => {
    server.route('GET', '/x', fault.slowHeaders(200, reply.json({ late: true })));
    const started = performance.now();
    const response = await rawRequest(`${server.url}/x`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(response.body).toBe('{"late":true}');
  });

  it('stall sends the first chunks then nothing, and close() ends the stalled socket and resolves', async () => {
    server.route('GET', '/x', fault.stall(fourEvents, { afterChunks: 1 }));
    const pending = rawRequest(`${server.url}/x`).then(
      (response) => response,
      (error: unknown) => error,
    );
    // Wait until the server has recorded the request and had time to write the first chunk.
    await expect.poll(() => server.requests.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closeStarted = performance.now();
    await server.close();
    expect(performance.now() - closeStarted).toBeLessThan(1_000);
    const result = (await pending) as { body?: string; outcome?: string };
    expect(result.body).toBe('data: {"n":1}\n\n');
    expect(result.outcome).not.toBe('end');
  });

  it('stall with afterChunks 0 sends headers and no body byte', async () => {
    server.route('GET', '/x', fault.stall(reply.json({ never: true }), { afterChunks: 0 }));
    const controller = new AbortController();
    const headersSeen = new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const outgoing = request(`${server.url}/x`, { agent: false, signal: controller.signal });
        outgoing.once('response', (response) => {
          response.on('data', () => reject(new Error('a stalled reply sent body bytes')));
          response.on('error', () => undefined);
          resolve(response.statusCode ?? 0);
        });
        outgoing.once('error', () => undefined);
        outgoing.end();
      }, reject);
    });
    expect(await headersSeen).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
  });
});

describe('status faults', () => {
  it('429 with Retry-After in seconds and as an HTTP date', async () => {
    const at = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
    server.route('GET', '/seconds', fault.status(429, { retryAfter: 2 }));
    server.route('GET', '/date', fault.status(429, { retryAfter: at }));
    const seconds = await rawRequest(`${server.url}/seconds`);
    expect(seconds.status).toBe(429);
    expect(seconds.headers['retry-after']).toBe('2');
    expect(JSON.parse(seconds.body)).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    const date = await rawRequest(`${server.url}/date`);
    expect(date.headers['retry-after']).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
  });

  it.each([500, 502, 503, 504])('%i with a JSON error body, custom headers and body', async (status) => {
    server.route('GET', '/default', fault.status(status));
    server.route('GET', '/custom', fault.status(status, { headers: { 'x-request-id': 'req_9' }, body: 'upstream sad' }));
    const response = await rawRequest(`${server.url}/default`);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject({ error: { type: 'server_error' } });
    const custom = await rawRequest(`${server.url}/custom`);
    expect(custom).toMatchObject({ status, body: 'upstream sad' });
    expect(custom.headers['x-request-id']).toBe('req_9');
  });

  it('composes in a sequence: 429 then success', async () => {
    server.route('GET', '/x', [fault.status(429, { retryAfter: 1 }), reply.json({ ok: true })]);
    expect((await rawRequest(`${server.url}/x`)).status).toBe(429);
    expect((await rawRequest(`${server.url}/x`)).body).toBe('{"ok":true}');
  });

  it('rejects a non-error status', () => {
    expect(() => fault.status(200)).toThrow(/a fault status is 400–599/);
  });
});

describe('body faults', () => {
  it('malformedJson is a 200 application/json body that does not parse', async () => {
    server.route('GET', '/x', fault.malformedJson());
    const response = await rawRequest(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(() => JSON.parse(response.body)).toThrow(SyntaxError);
  });

  it('truncatedSse ends the response normally, inside an event, with no [DONE]', async () => {
    server.route('GET', '/x', fault.truncatedSse([{ n: 1 }]));
    const response = await rawRequest(`${server.url}/x`);
    expect(response.outcome).toBe('end');
    expect(response.body.startsWith('data: {"n":1}\n\ndata: {')).toBe(true);
    expect(response.body.endsWith('\n')).toBe(false);
    expect(response.body).not.toContain('[DONE]');
  });

  it('splitUtf8 splits inside multi-byte characters across separate reads', async () => {
    const text = 'héllo wörld 🌍';
    server.route('GET', '/x', fault.splitUtf8(text));
    const response = await rawRequest(`${server.url}/x`);
    expect(response.body).toBe(`data: ${text}\n\ndata: [DONE]\n\n`);
    expect(response.reads.length).toBeGreaterThanOrEqual(3);
    const strict = new TextDecoder('utf-8', { fatal: true });
    // The first read ends in the middle of "é": decoding it alone is an error.
    expect(() => strict.decode(response.reads[0])).toThrow(TypeError);
  });

  it('splitUtf8 in ndjson and json formats', async () => {
    server.route('GET', '/nd', fault.splitUtf8({ message: { content: 'çа' } }, { format: 'ndjson', delayMs: 5 }));
    server.route('GET', '/json', fault.splitUtf8('ü', { format: 'json', delayMs: 5 }));
    const nd = await rawRequest(`${server.url}/nd`);
    expect(nd.headers['content-type']).toBe('application/x-ndjson');
    expect(JSON.parse(nd.body)).toEqual({ message: { content: 'çа' } });
    expect(nd.reads.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((await rawRequest(`${server.url}/json`)).body)).toBe('ü');
    expect(() => fault.splitUtf8('ascii only')).toThrow(/non-ASCII/);
  });

  it('wrongContentType sends HTML where JSON was expected, or relabels any reply', async () => {
    server.route('GET', '/page', fault.wrongContentType());
    server.route('GET', '/relabel', fault.wrongContentType({ reply: reply.sse([{ n: 1 }]), contentType: 'application/json' }));
    const page = await rawRequest(`${server.url}/page`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html');
    expect(page.body).toContain('<html>');
    const relabelled = await rawRequest(`${server.url}/relabel`);
    expect(relabelled.headers['content-type']).toBe('application/json');
    expect(relabelled.body).toContain('data: {"n":1}');
  });

  it('htmlErrorPage is an nginx-style page with the status', async () => {
    server.route('GET', '/x', fault.htmlErrorPage(503));
    const response = await rawRequest(`${server.url}/x`);
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.body).toContain('<title>503 Service Unavailable</title>');
  });

  it('oversizedBody sends at least the requested size as valid JSON with content-length', async () => {
    const size = 3 * 1024 * 1024;
    server.route('GET', '/x', fault.oversizedBody(size));
    const response = await rawRequest(`${server.url}/x`);
    expect(Number(response.headers['content-length'])).toBeGreaterThanOrEqual(size);
    expect(Buffer.byteLength(response.body)).toBe(Number(response.headers['content-length']));
    expect((JSON.parse(response.body) as { padding: string }).padding.length).toBeGreaterThanOrEqual(size);
  });

  it('faults compose: a slow, then reset, stream', async () => {
    server.route('GET', '/x', fault.resetMidStream(fault.slowHeaders(100, fourEvents), { afterChunks: 1 }));
    const started = performance.now();
    const response = await rawRequest(`${server.url}/x`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(response.body).toBe('data: {"n":1}\n\n');
    expect(response.outcome).not.toBe('end');
  });
});
