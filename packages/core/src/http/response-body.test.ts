import { fault, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('response.body()', () => {
  it('hands on a large body chunk by chunk, every byte in order', async () => {
    const data = new Uint8Array(3 << 20).map((_, index) => index % 251);
    server.route('GET', '/model.gguf', reply.bytes(data, { contentType: 'application/octet-stream' }));
    const response = await http.request({ url: `${server.url}/model.gguf` });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body()) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
  });

  it('ends a body that stalls at the idle deadline with a typed error', async () => {
    server.route('GET', '/stall', fault.stall(reply.sseRaw(['first chunk', 'never sent']), { afterChunks: 1 }));
    const response = await http.request({ url: `${server.url}/stall`, timeouts: { idleMs: 150 } });
    const error = await rejectionOf(async () => {
      for await (const _chunk of response.body()) {
        // read until the stall
      }
    });
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'idle' });
  });
});
