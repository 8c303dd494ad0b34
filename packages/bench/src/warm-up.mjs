// @ts-check
// How long each client (or layer) is warmed before its figures count, shared by every benchmark in
// the repository (this package's bench, layers and first-delta; the provider packages' benches).
//
// Why adaptive and why this long: V8 runs a function in its interpreter first and compiles it to
// optimised code only after the function has run enough (a budget of executed bytecode per
// function). A probe of 2026-11-28 that forked the bench's own client workers and ran 60 rounds of
// 100 sequential chats on each, interleaved, saw every client, raw undici included, fall from
// 900–3,000 µs of CPU per call to a plateau only after 3,000–5,000 calls (raw undici ~100 µs after
// ~3,100 calls; Switchyard ~105 µs after ~3,300 in one run, ~4,900 in the next); with V8's
// `--interrupt-budget` cut 8× the same plateaus came after ~900 and ~2,700 calls, so the slope is
// tiering, not sockets or caches. The old one-round warm-up (60–100 calls) therefore measured mostly
// how fast each client's code gets optimised, not what a request costs once it is. Streams tier in
// tens of calls (each one runs the per-chunk code 200 times), and a worker's later workloads reuse
// the request path its chat rounds optimised, so a fixed count would either waste minutes or cut
// some client short: each side runs warm-up rounds until its own figures stop falling.

import { median } from './stats.mjs';

/**
 * One workload's warm-up, in calls of that workload, the same for every client.
 * @typedef {object} WarmUpRule
 * @property {number} callsPerRound Calls per warm-up round: large enough (tens of milliseconds of
 *   CPU at least) that a round's CPU per call is not mostly timer resolution and one collection.
 * @property {number} minCalls Floor: no side is steady before this many calls, however flat its
 *   rounds look. V8's late tier-ups come as steps, not slopes: in the probe Switchyard sat at
 *   200–300 µs per chat for 1,500 calls before dropping to ~105 µs, which no comparison of recent
 *   rounds can foresee.
 * @property {number} maxCalls Cap: a side still falling here stops anyway, reported as `capped`.
 *
 * @typedef {'warming' | 'steady' | 'capped'} WarmUpState
 *
 * What one warm-up round of one side did.
 * @typedef {object} WarmUpRound
 * @property {number} count Calls completed.
 * @property {number} cpuMicros CPU of the round (user + system).
 * @property {number} [latencyMs] The round's median latency (time to first delta for streams),
 *   for workloads that report one: it has to stop falling too, since it is reported.
 *
 * @typedef {object} WarmUpResult
 * @property {WarmUpState} state `steady` when the rule was met, `capped` when the cap stopped it.
 * @property {number} rounds
 * @property {number} calls
 * @property {number} cpuMicros CPU spent warming up, all rounds together.
 * @property {number[]} cpuPerCall Per round, in order.
 * @property {number[]} latencyMs Per round, in order (empty when the rounds report none).
 */

/** Rounds per window: a median of three shrugs off one round a neighbour's burst landed in. */
export const WARM_UP_WINDOW = 3;
/** How far the last window's median may be from the one before it and count as settled. */
export const WARM_UP_TOLERANCE = 0.1;

/**
 * The rules per workload. Non-stream chat comes first in every benchmark, so it pays for the
 * request path every later workload shares: a floor of 5,000 calls, past the latest plateau the
 * probe saw (4,900), and a cap of twice that. Caps bound a run on a machine whose load never
 * settles (every cap is reported). The later workloads run in the same process on the
 * request path chat optimised, so they need less: chat at concurrency 64 (cheaper calls; the lanes'
 * interleaving is what is new) and embeddings (the decode of the vector is new) only the rule's own
 * two windows; streams run their per-chunk code 200 times a call and their CPU settles in tens of
 * streams, but their time to first delta, after the chat warm-up, in about 100 (a probe of 500
 * streams per worker after 5,000 chats, 10:46 UTC). `streamOnly` is for a benchmark whose streams
 * run with no chat before them (first-delta): its streams must optimise the request path
 * themselves, and time to first delta settled only after 500 (raw undici) to 900 (the client)
 * streams in a probe of 2,000 per path (10:45 UTC: 1.0 ms for the first 300, then 0.45–0.55 ms).
 * @type {{ chat: WarmUpRule, concurrent: WarmUpRule, stream: WarmUpRule, streamOnly: WarmUpRule, embed: WarmUpRule }}
 */
export const WARM_UP_RULES = {
  chat: { callsPerRound: 250, minCalls: 5_000, maxCalls: 10_000 },
  concurrent: { callsPerRound: 256, minCalls: 2 * WARM_UP_WINDOW * 256, maxCalls: 7_680 },
  stream: { callsPerRound: 10, minCalls: 100, maxCalls: 400 },
  streamOnly: { callsPerRound: 20, minCalls: 1_000, maxCalls: 3_000 },
  embed: { callsPerRound: 100, minCalls: 2 * WARM_UP_WINDOW * 100, maxCalls: 5_000 },
};

/**
 * Whether a series of per-round figures (lower is better) has settled: the median of the last
 * {@link WARM_UP_WINDOW} rounds is within {@link WARM_UP_TOLERANCE} of the median of the window
 * before it, either way. Below means still falling; above means a neighbour's burst landed in the
 * last window (a first version counted a rise as flat, and on a loaded machine stopped embeddings
 * after 600 calls at three times their steady CPU), so neither window can be trusted yet.
 * @param {readonly number[]} values
 */
export function hasSettled(values) {
  if (values.length < 2 * WARM_UP_WINDOW) return false;
  const last = median(values.slice(-WARM_UP_WINDOW));
  const before = median(values.slice(-2 * WARM_UP_WINDOW, -WARM_UP_WINDOW));
  return Math.abs(last - before) <= before * WARM_UP_TOLERANCE;
}

/**
 * Where one side's warm-up stands after a round: steady once past the floor with every series
 * settled, capped once past the cap, warming otherwise.
 * @param {readonly (readonly number[])[]} series One value per warm-up round each (CPU per call, median latency).
 * @param {number} calls Calls made so far in this workload's warm-up.
 * @param {WarmUpRule} rule
 * @returns {WarmUpState}
 */
export function warmUpState(series, calls, rule) {
  if (calls >= rule.minCalls && series.every(hasSettled)) return 'steady';
  return calls >= rule.maxCalls ? 'capped' : 'warming';
}

/**
 * Warms every side up, interleaved like measured rounds: in each pass every side runs one round,
 * the side that starts rotating each pass, until every side is steady or capped. A side's result
 * (its state, calls and CPU) stops at the round that settled it; it keeps running rounds, uncounted,
 * while the others finish, because a side left idle goes cold: in a probe (11:40 UTC, two workers
 * after 6,000 chats each) 20 s of idleness raised raw undici's and Switchyard's CPU per chat 1.5–4×
 * for several hundred calls, with or without V8's bytecode flushing and memory reducer, and a quick
 * run in which Switchyard settled 3,000 calls before the slowest peer measured it at 2.65×.
 * @param {readonly string[]} names
 * @param {(name: string, count: number) => Promise<WarmUpRound>} runRound Runs one round of `count` calls of `name`.
 * @param {WarmUpRule} rule
 * @returns {Promise<Record<string, WarmUpResult>>}
 */
export async function warmUp(names, runRound, rule) {
  /** @type {Record<string, WarmUpResult>} */
  const results = Object.fromEntries(names.map((name) => [name, { state: /** @type {WarmUpState} */ ('warming'), rounds: 0, calls: 0, cpuMicros: 0, cpuPerCall: [], latencyMs: [] }]));
  const warming = () => names.some((name) => results[name]?.state === 'warming');
  for (let pass = 0; warming(); pass++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = /** @type {string} */ (names[(turn + pass) % names.length]);
      const result = /** @type {WarmUpResult} */ (results[name]);
      const round = await runRound(name, rule.callsPerRound);
      if (result.state !== 'warming') continue;
      result.rounds++;
      result.calls += round.count;
      result.cpuMicros += round.cpuMicros;
      result.cpuPerCall.push(round.cpuMicros / round.count);
      if (round.latencyMs !== undefined) result.latencyMs.push(round.latencyMs);
      result.state = warmUpState(result.latencyMs.length ? [result.cpuPerCall, result.latencyMs] : [result.cpuPerCall], result.calls, rule);
    }
  }
  return results;
}

/**
 * One line per side for a benchmark's progress output: how long its warm-up took and what it cost.
 * @param {string} name
 * @param {WarmUpResult} result
 */
export function describeWarmUp(name, result) {
  const first = result.cpuPerCall[0] ?? Number.NaN;
  const last = median(result.cpuPerCall.slice(-WARM_UP_WINDOW));
  return `${name}: ${result.state} after ${result.calls} calls in ${result.rounds} rounds, ${(result.cpuMicros / 1000).toFixed(0)} ms CPU (${first.toFixed(0)} → ${last.toFixed(0)} µs/call)`;
}
