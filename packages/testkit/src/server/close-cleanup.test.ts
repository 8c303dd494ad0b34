import { describe, expect, it } from 'vitest';
import { fault } from '../faults/fault.js';
import { rawRequest } from './raw-request.test-helper.js';
import { reply } from './reply.js';
import { startTestServer } from './test-server.js';

/** How many handles of each kind (TCPSocketWrap, TCPServerWrap, Timeout…) the process holds. */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

describe('close()', () => {
  it('leaves no socket, server or timer behind, even with stalled, slow and delayed replies in flight', async () => {
    const before = resourceCounts();
    const server = await startTestServer();
    server.route('GET', '/stall', fault.stall(reply.sse([{ n: 1 }, { n: 2 }]), { afterChunks: 1 }));
    server.route('GET', '/slow', fault.slowHeaders(60_000, reply.json({})));
    server.route('GET', '/drip', reply.sse([{ n: 1 }, { n: 2 }], { delayMs: 60_000 }));
    const pending = ['/stall', '/slow', '/drip'].map((path) => rawRequest(`${server.url}${path}`).catch((error: unknown) => error));
    await expect.poll(() => server.requests.length).toBe(3);

    const closeStarted = performance.now();
    await server.close();
    expect(performance.now() - closeStarted).toBeLessThan(1_000);
    const outcomes = await Promise.all(pending);
    // Every client saw its connection end instead of waiting for the 60 s delays.
    expect(outcomes).toHaveLength(3);
    await expect
      .poll(() => {
        const after = resourceCounts();
        return ['TCPSocketWrap', 'TCPServerWrap', 'Timeout'].map((kind) => (after.get(kind) ?? 0) - (before.get(kind) ?? 0));
      })
      .toEqual([0, 0, 0]);
  });

  it('is idempotent', async () => {
    const server = await startTestServer();
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });
});
