// Where a credential goes, through a real loopback server: only to its origins, never across an
// origin-changing redirect, refreshed once on a 401.
import { inspect } from 'node:util';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret, type CredentialSource } from '../secret/secret.js';
import { createTransport } from './create-transport.js';
import { scopeCredential } from './scope-credential.js';
import type { HttpTransport } from './types.js';
import { rejectionOf } from './rejection.test-helper.js';

const KEY = 'sk-scoped-5d1c0b7e9a2f48c3b6e1d0f9a8c7b6e5';

let home: TestServer;
let elsewhere: TestServer;
let http: HttpTransport;

beforeEach(async () => {
  home = await startTestServer();
  elsewhere = await startTestServer();
  http = createTransport({ proxy: false });
});

afterEach(async () => {
  await http.close();
  await home.close();
  await elsewhere.close();
});

/** The typed error of `work`, checked to carry the key in none of its printable forms. */
async function rejection(work: () => Promise<unknown>) {
  const error = await rejectionOf(work);
  for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(KEY);
  return error;
}


describe('credential scoping', () => {
  it('attaches the credential to its own origin only', async () => {
    home.route('GET', '/v1/models', reply.json({ data: [] }));
    const credential = scopeCredential(new Secret(KEY), { origins: [home.url] });
    await (await http.request({ url: `${home.url}/v1/models`, credential })).discard();
    expect(home.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('refuses to send it to another host, before anything is sent', async () => {
    elsewhere.route('GET', '/v1/models', reply.json({ data: [] }));
    const credential = scopeCredential(KEY, { origins: [home.url] });
    const error = await rejection(() => http.request({ url: `${elsewhere.url}/v1/models`, credential }));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain(new URL(elsewhere.url).host);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses plain HTTP to a non-loopback host without resolving or connecting to it', async () => {
    const handMade = { value: KEY, origins: ['http://inference.example.invalid'], header: 'authorization', scheme: 'Bearer' };
    const started = Date.now();
    const error = await rejection(() => http.request({ url: 'http://inference.example.invalid/v1/models', credential: handMade }));
    expect(error).toMatchObject({ kind: 'invalid-request', retryable: false });
    expect(error.message).toMatch(/plain HTTP to inference\.example\.invalid/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('drops the credential on a redirect to another origin, and keeps it on a same-origin one', async () => {
    home.route('POST', '/v1/moved', reply.json({}, { status: 307, headers: { location: '/v1/here' } }));
    home.route('POST', '/v1/here', reply.json({}, { status: 308, headers: { location: `${elsewhere.url}/v1/there` } }));
    elsewhere.route('POST', '/v1/there', reply.json({ ok: true }));
    const credential = scopeCredential(KEY, { origins: [home.url, elsewhere.url] });
    const response = await http.request({ url: `${home.url}/v1/moved`, json: { q: 1 }, credential, headers: { cookie: 'session=1', 'x-keep': 'yes' } });
    expect(await response.json()).toEqual({ ok: true });
    expect(response.url).toBe(`${elsewhere.url}/v1/there`);
    expect(home.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
    const [followed] = elsewhere.requests;
    // 307/308 keep method and body; the other origin gets neither the credential nor the cookie.
    expect(followed).toMatchObject({ method: 'POST', json: { q: 1 } });
    expect(followed!.headers.authorization).toBeUndefined();
    expect(followed!.headers.cookie).toBeUndefined();
    expect(followed!.headers['x-keep']).toBe('yes');
  });

  it('turns a 303 (and a 302 after POST) into a GET without body', async () => {
    home.route('POST', '/v1/jobs', reply.json({}, { status: 303, headers: { location: '/v1/jobs/1' } }));
    home.route('GET', '/v1/jobs/1', reply.json({ status: 'done' }));
    expect(await (await http.request({ url: `${home.url}/v1/jobs`, json: { a: 1 } })).json()).toEqual({ status: 'done' });
    expect(home.requests[1]).toMatchObject({ method: 'GET', body: '' });
    expect(home.requests[1]!.headers['content-type']).toBeUndefined();
  });

  it('stops after maxRedirects', async () => {
    home.route('GET', '/loop', reply.json({}, { status: 302, headers: { location: '/loop' } }));
    const error = await rejection(() => http.request({ url: `${home.url}/loop`, maxRedirects: 3 }));
    expect(error).toMatchObject({ kind: 'invalid-response', status: 302 });
    expect(error.message).toMatch(/redirected more than 3 times/);
    expect(home.requests).toHaveLength(4);
  });

  it('on a 401, invalidates a refreshable source once and retries once with the fresh value', async () => {
    const values = ['sk-expired-000000000000000000000', KEY];
    let invalidations = 0;
    const source: CredentialSource = Object.assign(async () => ({ secret: new Secret(values[Math.min(invalidations, 1)]!), source: 'test' }), {
      invalidate: () => {
        invalidations += 1;
      },
    });
    home.route('POST', '/v1/chat/completions', (request) =>
      request.headers.authorization === `Bearer ${KEY}` ? reply.json({ ok: true }) : reply.json({ error: 'expired token' }, { status: 401 }),
    );
    const credential = scopeCredential(source, { origins: [home.url] });
    expect(await (await http.request({ url: `${home.url}/v1/chat/completions`, json: {}, credential })).json()).toEqual({ ok: true });
    expect(invalidations).toBe(1);
    expect(home.requests).toHaveLength(2);
  });

  it('a 401 that survives the refresh is an auth error, with both values scrubbed', async () => {
    const stale = 'sk-stale-11111111111111111111111111';
    let invalidations = 0;
    const source: CredentialSource = Object.assign(async () => ({ secret: new Secret(invalidations ? KEY : stale), source: 'test' }), {
      invalidate: () => {
        invalidations += 1;
      },
    });
    home.route('POST', '/v1/chat/completions', (request) => reply.json({ error: `bad key ${request.headers.authorization}` }, { status: 401 }));
    const error = await rejection(() => http.request({ url: `${home.url}/v1/chat/completions`, json: {}, credential: scopeCredential(source, { origins: [home.url] }) }));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toContain('bad key Bearer [REDACTED]');
    expect(error.message).not.toContain(stale);
    expect(invalidations).toBe(1);
    expect(home.requests).toHaveLength(2);
  });

  it('a credential source that hangs is cut off by the request deadline', async () => {
    home.route('GET', '/v1/models', reply.json({ data: [] }));
    const hanging: CredentialSource = () => new Promise(() => undefined);
    const started = Date.now();
    const error = await rejection(() => http.request({ url: `${home.url}/v1/models`, credential: scopeCredential(hanging, { origins: [home.url] }), timeouts: { totalMs: 200 } }));
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'total' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(home.requests).toHaveLength(0);
  });

  it('a 401 with a plain string credential is not retried', async () => {
    home.route('GET', '/v1/models', reply.json({ error: 'nope' }, { status: 401 }));
    const error = await rejection(() => http.request({ url: `${home.url}/v1/models`, credential: scopeCredential(KEY, { origins: [home.url] }) }));
    expect(error.kind).toBe('auth');
    expect(home.requests).toHaveLength(1);
  });
});
