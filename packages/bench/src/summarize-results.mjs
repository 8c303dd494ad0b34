// @ts-check
// Turns raw rounds and probe outputs into the figures of the report, each with its ratio to the
// yardstick (raw undici) from the same run.
import { YARDSTICK } from './client-adapter.mjs';
import { median, medianInterval, pairedRatios, percentile } from './stats.mjs';

/**
 * A figure and its ratio to raw undici (null when the yardstick's value is too close to zero for a
 * ratio to mean anything, as heap growth can be). Ratios from paired rounds also carry
 * `ratioInterval`, the 95% confidence interval of their median (stats.mjs, medianInterval): how far
 * this run can be trusted to have placed the ratio.
 * @typedef {{ value: number, ratio: number | null, ratioInterval?: { low: number, high: number } }} Figure
 *
 * @typedef {object} ClientSummary
 * @property {{ cpuMicros: Figure, p50Ms: Figure, p99Ms: Figure }} chat Sequential non-stream chat.
 * @property {{ requestsPerSecond: Figure, cpuMicros: Figure }} concurrent Non-stream chat at the profile's concurrency.
 * @property {{ cpuMicros: Figure, firstDeltaMs: Figure }} stream 200-delta stream.
 * @property {{ cpuMicros: Figure, p50Ms: Figure, p99Ms: Figure }} embed 768-float embedding.
 * @property {{ heapGrowthMegabytes: Figure, peakRssMegabytes: Figure, requests: number } | undefined} memory
 * @property {{ sinceProcessStartMs: Figure, importAndFirstCallMs: Figure, cpuMs: Figure } | undefined} coldStart
 */

const MEGABYTE = 1024 * 1024;
/** Below this the yardstick's heap growth is noise and a ratio to it would be meaningless. */
const MEANINGFUL_HEAP_GROWTH_MEGABYTES = 0.25;

/** @param {import('./client-worker.mjs').RoundResult[]} rounds */
const cpuPerCall = (rounds) => rounds.map((round) => round.cpuMicros / round.count);
/** @param {import('./client-worker.mjs').RoundResult[]} rounds */
const callsPerSecond = (rounds) => rounds.map((round) => round.count / (round.wallMs / 1000));
/** @param {import('./client-worker.mjs').RoundResult[]} rounds */
const roundMedians = (rounds) => rounds.map((round) => median(round.samples));
/** @param {import('./client-worker.mjs').RoundResult[]} rounds */
const pooledSamples = (rounds) => rounds.flatMap((round) => round.samples);

/**
 * Per-round series: the figure is their median, the ratio the median of the paired per-round ratios.
 * @param {number[]} series
 * @param {number[]} yardstickSeries
 * @returns {Figure}
 */
function pairedFigure(series, yardstickSeries) {
  const ratios = pairedRatios(series, yardstickSeries);
  return { value: median(series), ratio: median(ratios), ratioInterval: medianInterval(ratios) };
}

/**
 * @param {number} value
 * @param {number} yardstickValue
 * @returns {Figure}
 */
function plainFigure(value, yardstickValue) {
  return { value, ratio: value / yardstickValue };
}

/**
 * @param {string[]} clients
 * @param {import('./measure-rounds.mjs').RoundsByWorkload} rounds
 * @param {Record<string, import('./measure-processes.mjs').MemoryResult>} memory
 * @param {Record<string, import('./measure-processes.mjs').ColdStartResult[]>} coldStarts
 * @returns {Record<string, ClientSummary>}
 */
export function summarizeResults(clients, rounds, memory, coldStarts) {
  /** @param {import('./client-worker.mjs').Workload} workload @param {string} name */
  const roundsOf = (workload, name) => {
    const found = rounds[workload][name];
    if (!found) throw new Error(`no ${workload} rounds for ${name}`);
    return found;
  };
  /** @type {Record<string, ClientSummary>} */
  const summaries = {};
  for (const name of clients) {
    /** @param {import('./client-worker.mjs').Workload} workload */
    const latencyFigures = (workload) => {
      const samples = pooledSamples(roundsOf(workload, name));
      const yardstickSamples = pooledSamples(roundsOf(workload, YARDSTICK));
      return {
        cpuMicros: pairedFigure(cpuPerCall(roundsOf(workload, name)), cpuPerCall(roundsOf(workload, YARDSTICK))),
        p50Ms: plainFigure(percentile(samples, 0.5), percentile(yardstickSamples, 0.5)),
        p99Ms: plainFigure(percentile(samples, 0.99), percentile(yardstickSamples, 0.99)),
      };
    };
    summaries[name] = {
      chat: latencyFigures('chat'),
      concurrent: {
        requestsPerSecond: pairedFigure(callsPerSecond(roundsOf('chat-concurrent', name)), callsPerSecond(roundsOf('chat-concurrent', YARDSTICK))),
        cpuMicros: pairedFigure(cpuPerCall(roundsOf('chat-concurrent', name)), cpuPerCall(roundsOf('chat-concurrent', YARDSTICK))),
      },
      stream: {
        cpuMicros: pairedFigure(cpuPerCall(roundsOf('stream', name)), cpuPerCall(roundsOf('stream', YARDSTICK))),
        firstDeltaMs: pairedFigure(roundMedians(roundsOf('stream', name)), roundMedians(roundsOf('stream', YARDSTICK))),
      },
      embed: latencyFigures('embed'),
      memory: memorySummary(memory[name], memory[YARDSTICK]),
      coldStart: coldStartSummary(coldStarts[name], coldStarts[YARDSTICK]),
    };
  }
  return summaries;
}

/**
 * @param {import('./measure-processes.mjs').MemoryResult | undefined} result
 * @param {import('./measure-processes.mjs').MemoryResult | undefined} yardstick
 */
function memorySummary(result, yardstick) {
  if (!result || !yardstick) return undefined;
  const growth = result.heapGrowthBytes / MEGABYTE;
  const yardstickGrowth = yardstick.heapGrowthBytes / MEGABYTE;
  return {
    heapGrowthMegabytes: { value: growth, ratio: Math.abs(yardstickGrowth) < MEANINGFUL_HEAP_GROWTH_MEGABYTES ? null : growth / yardstickGrowth },
    peakRssMegabytes: plainFigure(result.peakRssBytes / MEGABYTE, yardstick.peakRssBytes / MEGABYTE),
    requests: result.requests,
  };
}

/**
 * @param {import('./measure-processes.mjs').ColdStartResult[] | undefined} runs
 * @param {import('./measure-processes.mjs').ColdStartResult[] | undefined} yardstickRuns
 */
function coldStartSummary(runs, yardstickRuns) {
  if (!runs?.length || !yardstickRuns?.length) return undefined;
  /** @param {import('./measure-processes.mjs').ColdStartResult[]} list @param {(run: import('./measure-processes.mjs').ColdStartResult) => number} pick */
  const medianOf = (list, pick) => median(list.map(pick));
  /** @param {(run: import('./measure-processes.mjs').ColdStartResult) => number} pick */
  const figure = (pick) => plainFigure(medianOf(runs, pick), medianOf(yardstickRuns, pick));
  return {
    sinceProcessStartMs: figure((run) => run.sinceProcessStartMs),
    importAndFirstCallMs: figure((run) => run.importAndFirstCallMs),
    cpuMs: figure((run) => run.cpuMicros / 1000),
  };
}
