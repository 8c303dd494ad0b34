import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTransport, type HttpTransport } from '@switchyard/core';
import { startTestServer, type TestServer } from '@switchyard/testkit';
import { expectBodiesMatchOpenApi } from './recorded-bodies.js';

/** The loopback server and transport of a test file, live between its `beforeAll` and `afterAll`. */
export interface LoopbackSuite {
  readonly server: TestServer;
  readonly http: HttpTransport;
}

/**
 * Starts a testkit server and a real transport for the calling test file. After each test every
 * body the server recorded is checked against openapi.yaml, then the routes are reset; both are
 * closed after the file.
 */
export function useLoopbackSuite(): LoopbackSuite {
  let server: TestServer | undefined;
  let http: HttpTransport | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    http = createTransport({ proxy: false });
  });
  afterEach(() => {
    if (server === undefined) return;
    expectBodiesMatchOpenApi(server.requests);
    server.reset();
  });
  afterAll(async () => {
    await http?.close();
    await server?.close();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('the loopback server starts in beforeAll');
      return server;
    },
    get http() {
      if (http === undefined) throw new Error('the transport is created in beforeAll');
      return http;
    },
  };
}
