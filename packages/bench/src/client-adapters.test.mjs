// Every adapter against the real bench server process, over real sockets: each call completes with
// the canned content, and costs exactly one request on the route its client is meant to use (no
// hidden retries, probes or duplicate attempts that would make a figure mean something else).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENTS, loadAdapter } from './client-adapter.mjs';
import { startBenchServer } from './start-bench-server.mjs';

/** @type {Record<string, { chat: string, embed: string }>} The routes each client's chat, stream and embed calls must hit. */
const EXPECTED_ROUTES = {
  undici: { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  switchyard: { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  'switchyard-baseline': { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  'switchyard-provider': { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  'switchyard-transport': { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  openai: { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  'ai-sdk': { chat: '/v1/chat/completions', embed: '/v1/embeddings' },
  huggingface: { chat: '/v1/chat/completions', embed: '/hf/feature-extraction' },
  ollama: { chat: '/api/chat', embed: '/api/embed' },
};

/** @type {import('./start-bench-server.mjs').BenchServer} */
let server;
// `switchyard-baseline` compares with another checkout; here it loads this one's own build.
const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const baselineBefore = process.env.SWITCHYARD_BASELINE;
beforeAll(async () => {
  process.env.SWITCHYARD_BASELINE = WORKSPACE_ROOT;
  server = await startBenchServer();
});
afterAll(async () => {
  if (baselineBefore === undefined) delete process.env.SWITCHYARD_BASELINE;
  else process.env.SWITCHYARD_BASELINE = baselineBefore;
  await server?.stop();
});

/** @returns {Promise<Record<string, number>>} */
async function requestCounts() {
  const response = await fetch(`${server.origin}/bench/requests`);
  const counts = /** @type {Record<string, number>} */ (await response.json());
  // The read itself is counted on its own route; leave it out.
  delete counts['/bench/requests'];
  return counts;
}

/**
 * Runs `call` and returns the routes it hit, with how many requests each.
 * @param {() => Promise<void>} call
 */
async function routesHitBy(call) {
  const before = await requestCounts();
  await call();
  const after = await requestCounts();
  return Object.fromEntries(Object.entries(after).filter(([route, count]) => count !== (before[route] ?? 0)).map(([route, count]) => [route, count - (before[route] ?? 0)]));
}

describe.each(CLIENTS.map((client) => [client.label, client.name]))('%s adapter', (_label, name) => {
  it('completes a chat, a 200-delta stream and an embedding with one request each, on its own routes', async () => {
    const routes = EXPECTED_ROUTES[name];
    if (!routes) throw new Error(`EXPECTED_ROUTES has no entry for ${name}`);
    const adapter = await loadAdapter(name, server.origin);
    try {
      expect(await routesHitBy(() => adapter.chat())).toEqual({ [routes.chat]: 1 });

      let firstDeltas = 0;
      let streamFinished = false;
      const streamRoutes = await routesHitBy(async () => {
        await adapter.stream(() => {
          firstDeltas++;
          // Time to first delta is only meaningful if the callback fires while the stream is still running.
          expect(streamFinished).toBe(false);
        });
        streamFinished = true;
      });
      expect(streamRoutes).toEqual({ [routes.chat]: 1 });
      expect(firstDeltas).toBe(1);

      expect(await routesHitBy(() => adapter.embed())).toEqual({ [routes.embed]: 1 });
    } finally {
      await adapter.close();
    }
  }, 30_000);
});

it('switchyard-baseline says what it needs when SWITCHYARD_BASELINE is unset or not a built checkout', async () => {
  try {
    delete process.env.SWITCHYARD_BASELINE;
    await expect(loadAdapter('switchyard-baseline', server.origin)).rejects.toThrow(/needs SWITCHYARD_BASELINE=<root of another built checkout/);
    process.env.SWITCHYARD_BASELINE = '/nonexistent-checkout';
    await expect(loadAdapter('switchyard-baseline', server.origin)).rejects.toThrow(/\/nonexistent-checkout\/packages\/core\/dist\/index\.js.*not found; build that checkout first/);
  } finally {
    process.env.SWITCHYARD_BASELINE = WORKSPACE_ROOT;
  }
});

it('refuses an unknown client name and says which names exist', async () => {
  await expect(loadAdapter('langchain', 'http://127.0.0.1:9')).rejects.toThrow(/unknown client "langchain": use one of undici, switchyard/);
});
