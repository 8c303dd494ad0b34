import { createTransport, isSwitchyardError, scopeCredential, type HttpTransport } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { env } from './sources/env.js';
import { failureOf } from './test-support/failure-of.js';

// The must-hold scoping rules, through core's real transport with an auth source as the credential.
const VARIABLE = 'SWITCHYARD_SCOPING_TEST_TOKEN';
const TOKEN = 'hf_scopingTestToken0123456789abcdef';
let serverA: TestServer;
let serverB: TestServer;
let transport: HttpTransport;
let resolutions = 0;

/** `env(VARIABLE)`, counting how often the transport asked it for the value. */
function countedSource() {
  const source = env(VARIABLE);
  return Object.assign(() => {
    resolutions += 1;
    return source();
  }, { describe: source.describe });
}

beforeAll(async () => {
  [serverA, serverB] = await Promise.all([startTestServer(), startTestServer()]);
  transport = createTransport();
});
afterAll(async () => {
  await transport.close();
  await Promise.all([serverA.close(), serverB.close()]);
});
beforeEach(() => {
  process.env[VARIABLE] = TOKEN;
  resolutions = 0;
  serverA.reset();
  serverB.reset();
});
afterEach(() => {
  delete process.env[VARIABLE];
});

describe('a credential from an auth source, through core transport', () => {
  it('is sent to the origin it is scoped to', async () => {
    serverA.route('GET', '/v1/models', reply.json({ data: [] }));
    const credential = scopeCredential(countedSource(), { origins: [serverA.url] });
    await (await transport.request({ url: `${serverA.url}/v1/models`, credential })).json();
    expect(serverA.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('is refused for another host, before the value is even read', async () => {
    serverB.route('GET', '/v1/models', reply.json({ data: [] }));
    const credential = scopeCredential(countedSource(), { origins: [serverA.url] });
    const error = await failureOf(transport.request({ url: `${serverB.url}/v1/models`, credential }));
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
    expect(error.message).toContain(`Refused to send a credential to ${new URL(serverB.url).host}: it is scoped to ${serverA.url}`);
    expect(serverB.requests).toHaveLength(0);
    expect(resolutions).toBe(0);
  });

  it('is refused over plain HTTP to a non-loopback host, before any connection', async () => {
    // `.invalid` never resolves: had the transport tried to connect, this would be a network error, not a refusal.
    const credential = scopeCredential(countedSource(), { origins: ['https://inference.example.invalid'] });
    const error = await failureOf(transport.request({ url: 'http://inference.example.invalid/v1/models', credential }));
    expect(isSwitchyardError(error) && [error.kind, error.networkPhase]).toEqual(['invalid-request', undefined]);
    expect(error.message).toContain('Refused to send a credential over plain HTTP to inference.example.invalid');
    expect(resolutions).toBe(0);
    expect(() => scopeCredential(countedSource(), { origins: ['http://inference.example.invalid'] })).toThrow(/plain HTTP/);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('is dropped on a redirect to another origin, even one it is scoped to', async () => {
    for (const origins of [[serverA.url], [serverA.url, serverB.url]]) {
      serverA.reset();
      serverB.reset();
      serverA.route('GET', '/start', reply.text('', { status: 302, headers: { location: `${serverB.url}/landing` } }));
      serverB.route('GET', '/landing', reply.json({ ok: true }));
      const credential = scopeCredential(countedSource(), { origins });
      const response = await transport.request({ url: `${serverA.url}/start`, credential });
      expect(await response.json()).toEqual({ ok: true });
      expect(response.url).toBe(`${serverB.url}/landing`);
      expect(serverA.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(serverB.requests).toHaveLength(1);
      expect(serverB.requests[0]?.headers.authorization).toBeUndefined();
    }
  });

  it('is kept on a redirect within the same origin', async () => {
    serverA.route('GET', '/old', reply.text('', { status: 307, headers: { location: '/new' } }));
    serverA.route('GET', '/new', reply.json({ ok: true }));
    const credential = scopeCredential(countedSource(), { origins: [serverA.url] });
    await (await transport.request({ url: `${serverA.url}/old`, credential })).json();
    expect(serverA.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/old', `Bearer ${TOKEN}`],
      ['/new', `Bearer ${TOKEN}`],
    ]);
  });
});
