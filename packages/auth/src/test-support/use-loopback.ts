import { createTransport, type HttpTransport } from '@switchyard/core';
import { startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A loopback test server and a real core transport for the current test file, reset between tests. */
export interface Loopback {
  readonly server: TestServer;
  readonly transport: HttpTransport;
}

/** Starts the server and transport before the file's tests, resets routes before each, closes both after. */
export function useLoopback(): Loopback {
  const state = {} as { server: TestServer; transport: HttpTransport };
  beforeAll(async () => {
    state.server = await startTestServer();
    state.transport = createTransport();
  });
  afterAll(async () => {
    await state.transport.close();
    await state.server.close();
  });
  beforeEach(() => state.server.reset());
  return state;
}
