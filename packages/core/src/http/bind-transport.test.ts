import { fault, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindTransport } from './bind-transport.js';
import { createTransport } from './create-transport.js';
import type { HttpTransport } from './types.js';
import { rejectionOf } from './rejection.test-helper.js';

let server: TestServer;
let http: HttpTransport;

beforeEach(async () => {
  server = await startTestServer();
  http = createTransport({ proxy: false });
});

afterEach(async () => {
  await http.close();
  await server.close();
});


describe('bindTransport', () => {
  it('puts its provider and model on every error unless the request names its own', async () => {
    server.route('GET', '/x', fault.status(500));
    const bound = bindTransport(http, { provider: 'ollama', model: 'llama3.2' });
    expect(await rejectionOf(() => bound.request({ url: `${server.url}/x` }))).toMatchObject({ provider: 'ollama', model: 'llama3.2' });
    expect(await rejectionOf(() => bound.request({ url: `${server.url}/x`, provider: 'other' }))).toMatchObject({ provider: 'other', model: 'llama3.2' });
  });

  it('applies its timeouts, which a request may override one by one', async () => {
    server.route('GET', '/slow', fault.slowHeaders(2000));
    const bound = bindTransport(http, { timeouts: { headersMs: 150, totalMs: 5000 } });
    expect(await rejectionOf(() => bound.request({ url: `${server.url}/slow` }))).toMatchObject({ kind: 'timeout', timeoutPhase: 'headers' });
    expect(await rejectionOf(() => bound.request({ url: `${server.url}/slow`, timeouts: { totalMs: 150, headersMs: 5000 } }))).toMatchObject({
      kind: 'timeout',
      timeoutPhase: 'total',
    });
  });

  it('aborts when either its signal or the request\'s fires', async () => {
    server.route('GET', '/slow', fault.slowHeaders(2000));
    const attempt = new AbortController();
    const bound = bindTransport(http, { signal: attempt.signal });
    setTimeout(() => attempt.abort(), 50);
    expect((await rejectionOf(() => bound.request({ url: `${server.url}/slow` }))).kind).toBe('aborted');

    const fresh = bindTransport(http, { signal: new AbortController().signal });
    const own = new AbortController();
    setTimeout(() => own.abort(), 50);
    expect((await rejectionOf(() => fresh.request({ url: `${server.url}/slow`, signal: own.signal }))).kind).toBe('aborted');
  });

  it('leaves the underlying transport open when the view is closed', async () => {
    server.route('GET', '/ok', reply.json({ ok: true }));
    await bindTransport(http, {}).close();
    expect(await (await http.request({ url: `${server.url}/ok` })).json()).toEqual({ ok: true });
  });

  it('validates its defaults', () => {
    expect(() => bindTransport(http, { timeouts: { idleMs: 0 } })).toThrow(/bindTransport\(\) defaults: timeouts\.idleMs/);
    expect(() => bindTransport(http, { signal: 'soon' as never })).toThrow(/signal: expected an AbortSignal/);
  });
});
