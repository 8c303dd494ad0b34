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
 * One memory-probe.mjs process per client, one at a time. A client whose probe fails is left out
 * of the results and named in `failures`, so that the other figures of a long run still print.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @param {string[]} failures receives one line per failed probe
 * @returns {Promise<Record<string, MemoryResult>>}
 */
export async function measureMemory(clients, origin, profile, failures) {
  /** @type {Record<string, MemoryResult>} */
  const results = {};
  for (const name of clients) {
    try {
      results[name] = await runChildJson('memory-probe.mjs', [name, origin, String(profile.memoryRequests), String(profile.concurrency)], {
        nodeFlags: ['--expose-gc'],
        // The slowest peer manages a few hundred requests a second on a loaded two-core machine.
        timeoutMs: 30_000 + profile.memoryRequests * 20,
      });
    } catch (error) {
      failures.push(`memory probe of ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return results;
}

/**
 * `profile.coldStarts` fresh processes per client, interleaved (one of each client, in rotating
 * order, then again) so that a slow minute on the machine hits every client alike. A client whose
 * start fails once is dropped from the results (a median of the runs that happened to work would
 * mislead) and named in `failures`.
 * @param {string[]} clients
 * @param {string} origin
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @param {string[]} failures receives one line per failed client
 * @returns {Promise<Record<string, ColdStartResult[]>>}
 */
export async function measureColdStarts(clients, origin, profile, failures) {
  /** @type {Record<string, ColdStartResult[]>} */
  const results = Object.fromEntries(clients.map((name) => [name, []]));
  const failed = new Set();
  // One discarded pass first: the first process to read each package from disk would otherwise pay
  // for the file-system cache on behalf of the others.
  for (let run = -1; run < profile.coldStarts; run++) {
    for (let turn = 0; turn < clients.length; turn++) {
      const name = /** @type {string} */ (clients[(turn + Math.max(run, 0)) % clients.length]);
      if (failed.has(name)) continue;
      try {
        const result = await runChildJson('cold-start.mjs', [name, origin], { timeoutMs: 30_000 });
        if (run >= 0) results[name]?.push(result);
      } catch (error) {
        failed.add(name);
        delete results[name];
        failures.push(`cold start of ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return results;
}
