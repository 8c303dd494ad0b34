// @ts-check
// Issue 10's targets for Switchyard, checked against a run's summary. Reported, never asserted: on
// a shared machine one run can miss by noise, and the table says so rather than failing CI.
import { COMPARED_CLIENTS, YARDSTICK } from './client-adapter.mjs';

/**
 * @typedef {object} TargetCheck
 * @property {string} target What must hold, as the issue words it.
 * @property {string} measured The figure, formatted.
 * @property {boolean | null} met null when this run could not tell (a client left out).
 */

/**
 * @param {Record<string, import('./summarize-results.mjs').ClientSummary>} summaries
 * @returns {TargetCheck[]}
 */
export function checkTargets(summaries) {
  const switchyard = summaries.switchyard;
  if (!switchyard) return [];
  // Three decimals: a ratio shown as 1.30× next to "MISSED" for a 1.3 target would look like a bug.
  /** @param {import('./summarize-results.mjs').Figure} figure */
  const times = ({ ratio, ratioInterval }) => {
    if (ratio === null) return '—';
    return `${ratio.toFixed(3)}×${ratioInterval ? ` (95% CI ${ratioInterval.low.toFixed(3)}–${ratioInterval.high.toFixed(3)})` : ''}`;
  };
  /** @type {TargetCheck[]} */
  const checks = [
    { target: 'non-stream chat CPU, sequential ≤ 1.3× raw undici', measured: times(switchyard.chat.cpuMicros), met: (switchyard.chat.cpuMicros.ratio ?? Infinity) <= 1.3 },
    {
      target: 'non-stream chat CPU at concurrency 64 ≤ 1.3×',
      measured: times(switchyard.concurrent.cpuMicros),
      met: (switchyard.concurrent.cpuMicros.ratio ?? Infinity) <= 1.3,
    },
    {
      target: 'throughput at concurrency 64 ≥ 0.75×',
      measured: times(switchyard.concurrent.requestsPerSecond),
      met: (switchyard.concurrent.requestsPerSecond.ratio ?? 0) >= 0.75,
    },
    { target: '200-chunk stream CPU ≤ 1.3×', measured: times(switchyard.stream.cpuMicros), met: (switchyard.stream.cpuMicros.ratio ?? Infinity) <= 1.3 },
    { target: 'time to first delta ≤ 1.1×', measured: times(switchyard.stream.firstDeltaMs), met: (switchyard.stream.firstDeltaMs.ratio ?? Infinity) <= 1.1 },
  ];
  const memory = switchyard.memory;
  checks.push({
    target: `heap growth < 2 MB over ${memory?.requests ?? '?'} requests (issue: 10,000)`,
    measured: memory ? `${memory.heapGrowthMegabytes.value.toFixed(2)} MB` : 'not measured',
    met: memory ? memory.heapGrowthMegabytes.value < 2 : null,
  });
  const peers = COMPARED_CLIENTS.filter((client) => client.name !== YARDSTICK && client.name !== 'switchyard' && summaries[client.name]?.coldStart);
  const fastestPeer = peers
    .map((client) => ({ label: client.label, ms: /** @type {number} */ (summaries[client.name]?.coldStart?.sinceProcessStartMs.value) }))
    .sort((a, b) => a.ms - b.ms)[0];
  const coldStart = switchyard.coldStart?.sinceProcessStartMs.value;
  checks.push({
    target: 'cold start no slower than the fastest peer',
    measured: coldStart === undefined || !fastestPeer ? 'not measured' : `${coldStart.toFixed(0)} ms vs ${fastestPeer.label} ${fastestPeer.ms.toFixed(0)} ms`,
    met: coldStart === undefined || !fastestPeer ? null : coldStart <= fastestPeer.ms,
  });
  return checks;
}
