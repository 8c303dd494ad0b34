// @ts-check
// The printed report: one table per measurement, every figure followed by its ratio to raw undici.
import { CLIENTS } from './client-adapter.mjs';
import { WORKLOADS } from './measure-rounds.mjs';
import { WARM_UP_TOLERANCE, WARM_UP_WINDOW } from './warm-up.mjs';

/** @param {import('./summarize-results.mjs').Figure} figure */
const ratioText = (figure) => {
  if (figure.ratio === null || !Number.isFinite(figure.ratio)) return '—';
  // The yardstick's own row is 1.00× in every round: an interval there says nothing.
  const interval = figure.ratioInterval;
  const spread = interval && interval.low !== interval.high ? ` ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}` : '';
  return `${figure.ratio.toFixed(2)}×${spread}`;
};
/** @param {import('./summarize-results.mjs').Figure} figure @param {number} digits */
const cell = (figure, digits) => `${Number.isFinite(figure.value) ? figure.value.toFixed(digits) : '—'} (${ratioText(figure)})`;

/**
 * A Markdown table (readable in a terminal, pasteable into a README): numbers right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  /** @param {string[]} row */
  const line = (row) => `| ${row.map((text, column) => (column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `-${'-'.repeat(width)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * @param {string[]} clients
 * @param {Record<string, import('./summarize-results.mjs').ClientSummary>} summaries
 * @param {import('./bench-profiles.mjs').BenchProfile} profile
 * @param {import('./issue-targets.mjs').TargetCheck[]} targets
 * @param {import('./measure-rounds.mjs').WarmUpByWorkload} warmUp
 */
export function formatReport(clients, summaries, profile, targets, warmUp) {
  const labelled = clients.map((name) => ({ label: CLIENTS.find((client) => client.name === name)?.label ?? name, summary: /** @type {import('./summarize-results.mjs').ClientSummary} */ (summaries[name]) }));
  /** @param {(summary: import('./summarize-results.mjs').ClientSummary) => string[]} cells */
  const rows = (cells) => labelled.map(({ label, summary }) => [label, ...cells(summary)]);
  const sections = [
    `(a) Non-stream chat, sequential (${profile.rounds.chat} rounds × ${profile.callsPerRound.chat} calls)`,
    formatTable(['client', 'CPU µs/call', 'p50 ms', 'p99 ms'], rows((s) => [cell(s.chat.cpuMicros, 0), cell(s.chat.p50Ms, 3), cell(s.chat.p99Ms, 3)])),
    `(b) Non-stream chat at concurrency ${profile.concurrency} (${profile.rounds['chat-concurrent']} rounds × ${profile.callsPerRound['chat-concurrent']} calls)`,
    formatTable(['client', 'calls/s', 'CPU µs/call'], rows((s) => [cell(s.concurrent.requestsPerSecond, 0), cell(s.concurrent.cpuMicros, 0)])),
    `(c) Streamed chat, 200 deltas (${profile.rounds.stream} rounds × ${profile.callsPerRound.stream} streams)`,
    formatTable(['client', 'CPU µs/stream', 'first delta ms'], rows((s) => [cell(s.stream.cpuMicros, 0), cell(s.stream.firstDeltaMs, 3)])),
    `(d) Embeddings, 768 floats (${profile.rounds.embed} rounds × ${profile.callsPerRound.embed} calls)`,
    formatTable(['client', 'CPU µs/call', 'p50 ms', 'p99 ms'], rows((s) => [cell(s.embed.cpuMicros, 0), cell(s.embed.p50Ms, 3), cell(s.embed.p99Ms, 3)])),
    `(e) Memory: a fresh process per client, ${profile.memoryRequests} non-stream chats at concurrency ${profile.concurrency} after a warm-up; heap after full GCs`,
    formatTable(
      ['client', 'heap growth MB', 'peak RSS MB'],
      rows((s) => (s.memory ? [cell(s.memory.heapGrowthMegabytes, 2), cell(s.memory.peakRssMegabytes, 1)] : ['—', '—'])),
    ),
    `(f) Cold start: a fresh process imports the client and completes one chat (median of ${profile.coldStarts})`,
    formatTable(
      ['client', 'since process start ms', 'import + first call ms', 'CPU ms'],
      rows((s) => (s.coldStart ? [cell(s.coldStart.sinceProcessStartMs, 1), cell(s.coldStart.importAndFirstCallMs, 1), cell(s.coldStart.cpuMs, 1)] : ['—', '—', '—'])),
    ),
    `(g) Warm-up before (a)–(d): each client ran warm-up rounds on each workload until the median CPU per call of its last ${WARM_UP_WINDOW} rounds\n` +
      `was within ${WARM_UP_TOLERANCE * 100}% of the ${WARM_UP_WINDOW} before, either way (and the median latency too, where one is reported), past a floor of calls;\n` +
      '"cap" marks a client the cap stopped before that. This is CPU a real process pays once, while V8 optimises the client, before the figures above apply.\n' +
      'A client that has settled keeps running rounds, not counted here, until every client has: left idle, it would go cold.\n' +
      `Warm-up round, floor and cap, in calls: ${WORKLOADS.map((workload) => `${workload} ${profile.warmUp[workload].callsPerRound}, ${profile.warmUp[workload].minCalls}, ${profile.warmUp[workload].maxCalls}`).join('; ')}.`,
    formatWarmUpTable(clients, warmUp),
  ];
  if (targets.length) {
    sections.push(
      'Issue 10 targets for Switchyard (reported, not asserted)',
      formatTable(['target', 'measured', ''], targets.map((check) => [check.target, check.measured, check.met === null ? 'n/a' : check.met ? 'ok' : 'MISSED'])),
    );
  }
  return sections.join('\n\n');
}

/**
 * Per client, per workload: calls the warm-up took and the CPU it spent.
 * @param {string[]} clients
 * @param {import('./measure-rounds.mjs').WarmUpByWorkload} warmUp
 */
function formatWarmUpTable(clients, warmUp) {
  const header = ['client', ...WORKLOADS.flatMap((workload) => [`${workload} calls`, 'CPU ms'])];
  const rows = clients.map((name) => [
    CLIENTS.find((client) => client.name === name)?.label ?? name,
    ...WORKLOADS.flatMap((workload) => {
      const result = warmUp[workload][name];
      if (!result) return ['—', '—'];
      return [`${result.state === 'capped' ? 'cap ' : ''}${result.calls}`, (result.cpuMicros / 1000).toFixed(0)];
    }),
  ]);
  return formatTable(header, rows);
}
