// @ts-check
import { startClientWorker } from './client-workers.mjs';
import { median } from './stats.mjs';
import { describeWarmUp, warmUp } from './warm-up.mjs';

/** @type {import('./client-worker.mjs').Workload[]} */
export const WORKLOADS = ['chat', 'chat-concurrent', 'stream', 'embed'];

/**
 * @typedef {Record<import('./client-worker.mjs').Workload, Record<string, import('./client-worker.mjs').RoundResult[]>>} RoundsByWorkload
 * Per workload, per client, one result per measured round; index i of every client is the same round.
 * @typedef {Record<import('./client-worker.mjs').Workload, Record<string, import('./warm-up.mjs').WarmUpResult>>} WarmUpByWorkload
 * Per workload, per client, the warm-up that preceded the measured rounds.
 */

/**
 * Runs every workload's rounds with one worker process per client, one worker at a time. Within a
 * round every client runs back to back, starting each round with the next client in turn, so that
 * neither load drift on the machine nor "who went first" favours anyone. Before a workload's measured
 * rounds, every worker warms up on that workload, interleaved the same way, until its own CPU per
 * call (and median latency, where one is reported) has stopped falling: see warm-up.mjs.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @param {(line: string) => void} log
 * @returns {Promise<{ rounds: RoundsByWorkload, warmUp: WarmUpByWorkload }>}
 */
export async function measureRounds(clients, origin, profile, log) {
  /** @type {import('./client-workers.mjs').ClientWorker[]} */
  const workers = [];
  try {
    // Started one after another: importing six clients at once on two cores would only make each wait.
    for (const name of clients) workers.push(await startClientWorker(name, origin));
    const byName = new Map(workers.map((worker) => [worker.name, worker]));
    const results = /** @type {RoundsByWorkload} */ ({});
    const warmUps = /** @type {WarmUpByWorkload} */ ({});
    for (const workload of WORKLOADS) {
      const count = profile.callsPerRound[workload];
      const rounds = profile.rounds[workload];
      results[workload] = Object.fromEntries(clients.map((name) => [name, []]));
      const warmUpStarted = Date.now();
      warmUps[workload] = await warmUp(
        clients,
        async (name, warmUpCount) => {
          const result = await /** @type {import('./client-workers.mjs').ClientWorker} */ (byName.get(name)).run(workload, warmUpCount, profile.concurrency);
          return { count: result.count, cpuMicros: result.cpuMicros, ...(result.samples.length ? { latencyMs: median(result.samples) } : {}) };
        },
        profile.warmUp[workload],
      );
      log(`  ${workload} warm-up in ${((Date.now() - warmUpStarted) / 1000).toFixed(1)} s:`);
      for (const name of clients) log(`    ${describeWarmUp(name, /** @type {import('./warm-up.mjs').WarmUpResult} */ (warmUps[workload][name]))}`);
      const started = Date.now();
      for (let round = 0; round < rounds; round++) {
        for (let turn = 0; turn < workers.length; turn++) {
          const worker = /** @type {import('./client-workers.mjs').ClientWorker} */ (workers[(turn + round) % workers.length]);
          results[workload][worker.name]?.push(await worker.run(workload, count, profile.concurrency));
        }
      }
      log(`  ${workload}: ${rounds} rounds × ${count} calls per client in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return { rounds: results, warmUp: warmUps };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
