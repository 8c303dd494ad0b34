// Test support, not shipped: loopback servers and clients for a test file, closed after each test.
import { reply, startTestServer } from '@switchyard/testkit';
import type { RouteHandler, TestServer } from '@switchyard/testkit';
import { afterEach } from 'vitest';
import type { ClientEvent } from './client-events.js';
import type { ClientOptions } from './client-options.js';
import { createClient } from './create-client.js';
import type { Client } from './create-client.js';
import { ask, completion, wireProvider } from './openai-wire-provider.test-support.js';

/**
 * Loopback servers and clients for one test file, all closed after each test. `serve` starts one
 * server per handler, answering `POST /v1/chat/completions`; `client` records the client's events
 * and, without `providers`, gets one wire provider per served server, ids `p0`, `p1`…
 */
export function useLoopback() {
  const servers: TestServer[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    async serve(...handlers: RouteHandler[]): Promise<TestServer[]> {
      const started = await Promise.all(handlers.map(() => startTestServer()));
      started.forEach((server, index) => server.route('POST', '/v1/chat/completions', handlers[index] as RouteHandler));
      servers.push(...started);
      return started;
    },
    client(options: Partial<ClientOptions> = {}): { client: Client; events: ClientEvent[] } {
      const events: ClientEvent[] = [];
      const client = createClient({
        providers: servers.map((server, index) => wireProvider({ id: `p${index}`, baseUrl: server.url })),
        onEvent: (event) => events.push(event),
        ...options,
      });
      clients.push(client);
      return { client, events };
    },
  };
}

/** Makes one request so that undici is loaded (~100 ms of blocking work on the first request of a process) before timed tests. */
export async function warmUpTransport(): Promise<void> {
  const server = await startTestServer();
  server.route('POST', '/v1/chat/completions', reply.json(completion('warm')));
  const warm = createClient({ providers: [wireProvider({ id: 'warm', baseUrl: server.url })] });
  await warm.chat(ask());
  await warm.close();
  await server.close();
}
