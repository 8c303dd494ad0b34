import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport, isSwitchyardError, scopeCredential, type HttpTransport } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cached } from './sources/cached.js';
import { command } from './sources/command.js';
import { env } from './sources/env.js';
import { failureOf } from './test-support/failure-of.js';

// Issue 7 point 5, end to end: core's transport answers a 401 by invalidating a refreshable source
// once and retrying once. The source is `cached(command(...))`, as a password-manager CLI would be.
let server: TestServer;
let transport: HttpTransport;
let directory: string;
let tokenFile: string;
let runsFile: string;
let accepted: string;

/** Prints the token file and counts its runs, like `op read` would print the current secret. */
function rotatingSource() {
  const script = `const fs = require('node:fs'); fs.appendFileSync(process.argv[2], 'x'); process.stdout.write(fs.readFileSync(process.argv[1], 'utf8'))`;
  return cached(command([process.execPath, '-e', script, tokenFile, runsFile]), { ttlMs: 3_600_000 });
}

async function commandRuns(): Promise<number> {
  return (await readFile(runsFile, 'utf8').catch(() => '')).length;
}

beforeAll(async () => {
  server = await startTestServer();
  transport = createTransport();
  directory = await mkdtemp(join(tmpdir(), 'switchyard-refresh-'));
  tokenFile = join(directory, 'token');
  runsFile = join(directory, 'runs');
});
afterAll(async () => {
  await transport.close();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  server.reset();
  await writeFile(runsFile, '');
  server.route('GET', '/v1/models', (request) =>
    request.headers.authorization === `Bearer ${accepted}`
      ? reply.json({ data: [] })
      : reply.json({ error: { message: 'Invalid credentials', type: 'invalid_request_error' } }, { status: 401 }),
  );
});

describe('a 401 with a refreshable source', () => {
  it('invalidates the cached credential once and retries once with the rotated one', async () => {
    await writeFile(tokenFile, 'token-v1-0123456789abcdef');
    accepted = 'token-v1-0123456789abcdef';
    const credential = scopeCredential(rotatingSource(), { origins: [server.url] });
    await (await transport.request({ url: `${server.url}/v1/models`, credential })).json();
    await (await transport.request({ url: `${server.url}/v1/models`, credential })).json();
    expect(await commandRuns()).toBe(1);

    // The token is rotated behind the cache's back: the server now only accepts v2.
    await writeFile(tokenFile, 'token-v2-0123456789abcdef');
    accepted = 'token-v2-0123456789abcdef';
    await (await transport.request({ url: `${server.url}/v1/models`, credential })).json();
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-v1-0123456789abcdef',
      'Bearer token-v1-0123456789abcdef',
      'Bearer token-v1-0123456789abcdef',
      'Bearer token-v2-0123456789abcdef',
    ]);
    expect(await commandRuns()).toBe(2);
  });

  it('retries only once: a second 401 is an auth error', async () => {
    await writeFile(tokenFile, 'token-revoked-0123456789');
    accepted = 'some-other-token';
    const credential = scopeCredential(rotatingSource(), { origins: [server.url] });
    const error = await failureOf(transport.request({ url: `${server.url}/v1/models`, credential }));
    expect(isSwitchyardError(error) && [error.kind, error.status]).toEqual(['auth', 401]);
    expect(server.requests).toHaveLength(2);
    expect(await commandRuns()).toBe(2);
    expect(error.message).not.toContain('token-revoked-0123456789');
  });

  it('does not retry a source that cannot be refreshed', async () => {
    process.env.SWITCHYARD_REFRESH_TEST_TOKEN = 'plain-env-token-0123456789';
    accepted = 'some-other-token';
    try {
      const credential = scopeCredential(env('SWITCHYARD_REFRESH_TEST_TOKEN'), { origins: [server.url] });
      const error = await failureOf(transport.request({ url: `${server.url}/v1/models`, credential }));
      expect(isSwitchyardError(error) && error.kind).toBe('auth');
      expect(server.requests).toHaveLength(1);
    } finally {
      delete process.env.SWITCHYARD_REFRESH_TEST_TOKEN;
    }
  });
});
