import { afterAll, beforeAll, beforeEach } from 'vitest';
import { isSwitchyardError } from '@switchyard/core';
import type { HttpTransport, SwitchyardError } from '@switchyard/core';
import { reply, startTestServer } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { testTransport } from './call-context.test-helper.js';

/** The loopback servers of a test file: `server` plays the router and the Hub, `cdn` a provider's file host. */
export interface Loopback {
  server: TestServer;
  cdn: TestServer;
  transport: HttpTransport;
}

/**
 * Starts the two servers and one real transport for the file (warmed up, so that timed tests time
 * the provider and not undici's first load), clears both servers before each test, and closes all
 * three after the file.
 */
export function useLoopback(): Loopback {
  const loopback = {} as Loopback;
  beforeAll(async () => {
    [loopback.server, loopback.cdn] = await Promise.all([startTestServer(), startTestServer()]);
    loopback.transport = testTransport();
    loopback.server.route('GET', '/warm-up', reply.json({}));
    await (await loopback.transport.request({ method: 'GET', url: `${loopback.server.url}/warm-up` })).discard();
  });
  afterAll(async () => {
    await Promise.all([loopback.server.close(), loopback.cdn.close(), loopback.transport.close()]);
  });
  beforeEach(() => {
    loopback.server.reset();
    loopback.cdn.reset();
  });
  return loopback;
}

/** The `SwitchyardError` a promise rejects with (fails the test if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<SwitchyardError> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error('expected the call to fail, but it succeeded');
  if (!isSwitchyardError(outcome.error)) throw new Error(`expected a SwitchyardError, got ${String(outcome.error)}`);
  return outcome.error;
}
