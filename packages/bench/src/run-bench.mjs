// @ts-check
// `pnpm bench [--quick] [--clients a,b] [--out file]`: every client against one loopback server in
// a separate process, measured in one run, interleaved; prints the tables and writes the JSON.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseBenchArguments } from './bench-profiles.mjs';
import { formatReport } from './format-report.mjs';
import { checkTargets } from './issue-targets.mjs';
import { measureColdStarts, measureMemory } from './measure-processes.mjs';
import { measureRounds } from './measure-rounds.mjs';
import { startBenchServer } from './start-bench-server.mjs';
import { median } from './stats.mjs';
import { summarizeResults } from './summarize-results.mjs';

/** @param {string} line */
const log = (line) => process.stderr.write(`${line}\n`);
const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' ');

async function main() {
  const { profile, clients, out } = parseBenchArguments(process.argv.slice(2));
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  log(`switchyard bench (${profile.name}): ${clients.join(', ')}; node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart}`);
  const server = await startBenchServer();
  try {
    log('rounds (one worker process per client):');
    const { rounds, warmUp } = await measureRounds(clients, server.origin, profile, log);
    /** @type {string[]} */
    const failures = [];
    log(`memory: ${profile.memoryRequests} requests per client in a fresh process`);
    const memory = await measureMemory(clients, server.origin, profile, failures);
    log(`cold start: ${profile.coldStarts} fresh processes per client`);
    const coldStarts = await measureColdStarts(clients, server.origin, profile, failures);

    const summaries = summarizeResults(clients, rounds, memory, coldStarts);
    const targets = checkTargets(summaries);
    const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
    const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAverage() };
    console.log(
      `\nSwitchyard cross-client benchmark, ${profile.name} profile, ${startedAt.toISOString()}, ${elapsedSeconds.toFixed(0)} s\n` +
        `node ${machine.node} on ${machine.cpus} × ${machine.cpuModel}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at end\n` +
        'Each figure is followed by its ratio to raw undici.request from this run. CPU: user + system of the client process.\n' +
        'CPU, calls/s and first delta: median over rounds (first delta: of each round\'s median), ratio the median of per-round ratios\n' +
        '(rounds interleaved), then the 95% confidence interval of that median ratio; p50/p99 latencies: pooled percentiles.\n' +
        'Every figure is steady state: each client warmed up on each workload until its own CPU per call stopped falling (table g).\n\n' +
        formatReport(clients, summaries, profile, targets, warmUp) +
        (failures.length ? `\n\nFailed (their cells show —):\n${failures.map((failure) => `- ${failure}`).join('\n')}` : ''),
    );
    const perRound = Object.fromEntries(
      Object.entries(rounds).map(([workload, byClient]) => [
        workload,
        Object.fromEntries(Object.entries(byClient).map(([name, list]) => [name, list.map(({ cpuMicros, wallMs, count, samples }) => ({ cpuMicros, wallMs, count, ...(samples.length ? { medianMs: median(samples) } : {}) }))])),
      ]),
    );
    await writeFile(out, `${JSON.stringify({ startedAt: startedAt.toISOString(), elapsedSeconds, profile, machine, clients, summaries, targets, failures, memory, coldStarts, warmUp, rounds: perRound }, null, 2)}\n`);
    log(`results written to ${out}`);
    if (failures.length) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  log(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
