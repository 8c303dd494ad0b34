// @ts-check
// One client in its own process (forked by run-rounds.mjs): it loads the client once, then runs the
// rounds it is sent over IPC and answers with its own CPU time, so that no client's garbage, JIT
// state or connection pool ever weighs on another's figures. Arguments: <client name> <origin>.
import { performance } from 'node:perf_hooks';
import { loadAdapter } from './client-adapter.mjs';
import { runConcurrently } from './run-concurrently.mjs';

/**
 * @typedef {'chat' | 'chat-concurrent' | 'stream' | 'embed'} Workload
 * @typedef {{ type: 'run', workload: Workload, count: number, concurrency: number } | { type: 'close' }} WorkerCommand
 * @typedef {object} RoundResult
 * @property {number} cpuMicros User + system CPU of this process over the round (every thread: GC helpers included).
 * @property {number} wallMs Elapsed time of the round.
 * @property {number} count Calls completed.
 * @property {number[]} samples Per call: latency in ms (chat, embed), time to first delta in ms (stream); empty for chat-concurrent.
 */

const [clientName, origin] = process.argv.slice(2);
if (!clientName || !origin || !process.send) throw new Error('client-worker.mjs is forked by the benchmark with <client name> <origin>');
const send = process.send.bind(process);
const adapter = await loadAdapter(clientName, origin);

/**
 * @param {Workload} workload
 * @param {number} count
 * @param {number} concurrency
 * @returns {Promise<RoundResult>}
 */
async function runRound(workload, count, concurrency) {
  /** @type {number[]} */
  const samples = [];
  // A stream round is a few short streams after the worker sat idle while the other clients ran
  // theirs, and the first stream after that idleness is slower for every client (2026-11-29 05:00
  // UTC, rounds of one stream: raw undici's first delta 0.92 ms against 0.50 ms in rounds of four).
  // Counted, that constant would pull every first-delta ratio towards 1×: it is run, not counted.
  if (workload === 'stream') await adapter.stream(() => {});
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  if (workload === 'chat-concurrent') {
    await runConcurrently(count, concurrency, () => adapter.chat());
  } else if (workload === 'stream') {
    for (let index = 0; index < count; index++) {
      const callStart = performance.now();
      let firstDeltaMs = Number.NaN;
      await adapter.stream(() => {
        firstDeltaMs = performance.now() - callStart;
      });
      samples.push(firstDeltaMs);
    }
  } else {
    const method = workload === 'chat' ? 'chat' : 'embed';
    for (let index = 0; index < count; index++) {
      const callStart = performance.now();
      await adapter[method]();
      samples.push(performance.now() - callStart);
    }
  }
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { cpuMicros: cpu.user + cpu.system, wallMs, count, samples };
}

// One call of each kind before the first round: lazy imports inside the client are loaded here,
// not in whatever round happens to come first.
await adapter.chat();
await adapter.stream(() => {});
await adapter.embed();
send({ type: 'ready' });

process.on('message', async (/** @type {WorkerCommand} */ command) => {
  try {
    if (command.type === 'close') {
      await adapter.close();
      process.exit(0);
    }
    send({ type: 'result', result: await runRound(command.workload, command.count, command.concurrency) });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
