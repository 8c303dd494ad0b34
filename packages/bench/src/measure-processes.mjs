// @ts-check
// The measurements that need a fresh process per client: heap growth and peak RSS, cold start.
import { runChildJson } from './run-child-json.mjs';

/**
 * @typedef {object} MemoryResult
 * @property {number} requests
 * @property {number} concurrency
 * @property {number} heapBeforeBytes
 * @property {number} heapAfterBytes
 * @property {number} heapGrowthBytes
 * @property {number} peakRssBytes
 *
 * @typedef {object} ColdStartResult
 * @property {number} sinceProcessStartMs
 * @property {number} importAndFirstCallMs
 * @property {number} cpuMicros
 * @property {number} peakRssBytes
 */

/**
 * One memory-probe.mjs process per client, one at a time.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @returns {Promise<Record<string, MemoryResult>>}
 */
export async function measureMemory(clients, origin, profile) {
  /** @type {Record<string, MemoryResult>} */
  const results = {};
  for (const name of clients) {
    results[name] = await runChildJson('memory-probe.mjs', [name, origin, String(profile.memoryRequests), String(profile.concurrency)], {
      nodeFlags: ['--expose-gc'],
      // The slowest peer manages a few hundred requests a second on a loaded two-core machine.
      timeoutMs: 30_000 + profile.memoryRequests * 20,
    });
  }
  return results;
}

/**
 * `profile.coldStarts` fresh processes per client, interleaved (one of each client, in rotating
 * order, then again) so that a slow minute on the machine hits every client alike.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @returns {Promise<Record<string, ColdStartResult[]>>}
 */
export async function measureColdStarts(clients, origin, profile) {
  /** @type {Record<string, ColdStartResult[]>} */
  const results = Object.fromEntries(clients.map((name) => [name, []]));
  // One discarded pass first: the first process to read each package from disk would otherwise pay
  // for the file-system cache on behalf of the others.
  for (let run = -1; run < profile.coldStarts; run++) {
    for (let turn = 0; turn < clients.length; turn++) {
      const name = /** @type {string} */ (clients[(turn + Math.max(run, 0)) % clients.length]);
      const result = await runChildJson('cold-start.mjs', [name, origin], { timeoutMs: 30_000 });
      if (run >= 0) results[name]?.push(result);
    }
  }
  return results;
}
