// @ts-check
import { startClientWorker } from './client-workers.mjs';

/** @type {import('./client-worker.mjs').Workload[]} */
export const WORKLOADS = ['chat', 'chat-concurrent', 'stream', 'embed'];

/**
 * @typedef {Record<import('./client-worker.mjs').Workload, Record<string, import('./client-worker.mjs').RoundResult[]>>} RoundsByWorkload
 * Per workload, per client, one result per measured round; index i of every client is the same round.
 */

/**
 * Runs every workload's rounds with one worker process per client, one worker at a time. Within a
 * round every client runs back to back, starting each round with the next client in turn, so that
 * neither load drift on the machine nor "who went first" favours anyone.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @param {(line: string) => void} log
 * @returns {Promise<RoundsByWorkload>}
 */
export async function measureRounds(clients, origin, profile, log) {
  /** @type {import('./client-workers.mjs').ClientWorker[]} */
  const workers = [];
  try {
    // Started one after another: importing six clients at once on two cores would only make each wait.
    for (const name of clients) workers.push(await startClientWorker(name, origin));
    const results = /** @type {RoundsByWorkload} */ ({});
    for (const workload of WORKLOADS) {
      const count = profile.callsPerRound[workload];
      const rounds = profile.rounds[workload];
      results[workload] = Object.fromEntries(clients.map((name) => [name, []]));
      const started = Date.now();
      // Round -1 warms up (JIT, pools, buffers) and is discarded.
      for (let round = -1; round < rounds; round++) {
        for (let turn = 0; turn < workers.length; turn++) {
          const worker = /** @type {import('./client-workers.mjs').ClientWorker} */ (workers[(turn + Math.max(round, 0)) % workers.length]);
          const result = await worker.run(workload, count, profile.concurrency);
          if (round >= 0) results[workload][worker.name]?.push(result);
        }
      }
      log(`  ${workload}: ${rounds} rounds × ${count} calls per client in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return results;
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
