// @ts-check
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CLIENTS, COMPARED_CLIENTS, YARDSTICK } from './client-adapter.mjs';
import { WARM_UP_RULES } from './warm-up.mjs';

/**
 * How much of each measurement one run makes. Rounds alternate between clients; each round is
 * long enough (tens of milliseconds of CPU at least) that timer resolution and one garbage
 * collection are small parts of it.
 * @typedef {object} BenchProfile
 * @property {'quick' | 'full'} name
 * @property {Record<import('./client-worker.mjs').Workload, number>} rounds Measured rounds per workload, after each client's warm-up
 *   (rounds until its own figures stop falling: warm-up.mjs).
 * @property {Record<import('./client-worker.mjs').Workload, number>} callsPerRound
 * @property {Record<import('./client-worker.mjs').Workload, import('./warm-up.mjs').WarmUpRule>} warmUp The warm-up rule of
 *   each workload (warm-up.mjs), the same for every client.
 * @property {number} concurrency In-flight calls of the chat-concurrent workload.
 * @property {number} memoryRequests Requests of the heap-growth probe.
 * @property {number} coldStarts Fresh processes per client for the cold start.
 */

/**
 * Both profiles warm up alike: a quick run's figures are steady state too. (A chat floor of 3,000
 * for the quick run was tried: Switchyard stopped at ~390 µs per chat, before its late step, and
 * its chat ratio read 2.2× instead of 1.1×.)
 * @type {BenchProfile['warmUp']}
 */
const WARM_UP = { chat: WARM_UP_RULES.chat, 'chat-concurrent': WARM_UP_RULES.concurrent, stream: WARM_UP_RULES.stream, embed: WARM_UP_RULES.embed };

/**
 * Streams are measured in many short rounds: time to first delta is half a millisecond, and its
 * ratio to raw undici moves with whatever else the machine does that moment, so the figure is the
 * median of many per-round ratios, each from rounds run back to back. With 5 rounds of 6 streams
 * (quick) the ratio read anywhere from 1.00× to 1.33× for the same build (2026-11-29 04:27–04:30
 * UTC, load 3): see the README, "Time to first delta: how it is read". Four streams a round (after
 * one uncounted, client-worker.mjs): the round's median shrugs off one stream a neighbour's burst
 * landed in.
 */
const STREAMS_PER_ROUND = 4;
const STREAM_ROUNDS = { quick: 50, full: 120 };

/** @type {Record<'quick' | 'full', BenchProfile>} */
export const PROFILES = {
  quick: {
    name: 'quick',
    rounds: { chat: 5, 'chat-concurrent': 3, stream: STREAM_ROUNDS.quick, embed: 5 },
    callsPerRound: { chat: 60, 'chat-concurrent': 512, stream: STREAMS_PER_ROUND, embed: 60 },
    warmUp: WARM_UP,
    concurrency: 64,
    memoryRequests: 2_000,
    coldStarts: 5,
  },
  full: {
    name: 'full',
    rounds: { chat: 15, 'chat-concurrent': 7, stream: STREAM_ROUNDS.full, embed: 15 },
    callsPerRound: { chat: 100, 'chat-concurrent': 1_280, stream: STREAMS_PER_ROUND, embed: 100 },
    warmUp: WARM_UP,
    concurrency: 64,
    memoryRequests: 10_000,
    coldStarts: 11,
  },
};

const clientNames = CLIENTS.map((client) => client.name);
const comparedNames = COMPARED_CLIENTS.map((client) => client.name);

const argumentsSchema = z.strictObject({
  quick: z.boolean(),
  clients: z
    .array(z.enum(/** @type {[string, ...string[]]} */ (clientNames), { error: `--clients takes names from: ${clientNames.join(', ')}` }))
    .min(1, '--clients needs at least one name'),
  out: z.string().min(1, '--out needs a file path'),
});

/**
 * Reads the command line: `--quick`, `--clients switchyard,openai` (raw undici is always measured:
 * every ratio divides by it; without `--clients`, every compared client, and the diagnostic
 * clients only when named), `--out <file>` (default bench-results.json in this package).
 * @param {string[]} argv
 * @returns {{ profile: BenchProfile, clients: string[], out: string }}
 */
export function parseBenchArguments(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean', default: false }, clients: { type: 'string' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}. Usage: pnpm bench [--quick] [--clients ${clientNames.join(',')}] [--out results.json]`);
  }
  const requested = values.clients === undefined ? comparedNames : values.clients.split(',').map((name) => name.trim());
  const parsed = argumentsSchema.safeParse({
    quick: values.quick,
    clients: requested,
    out: values.out ?? fileURLToPath(new URL('../bench-results.json', import.meta.url)),
  });
  if (!parsed.success) throw new Error(`invalid benchmark arguments: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  // The yardstick first, the rest in table order, whatever order they were named in.
  const clients = clientNames.filter((name) => name === YARDSTICK || parsed.data.clients.includes(name));
  return { profile: PROFILES[parsed.data.quick ? 'quick' : 'full'], clients, out: parsed.data.out };
}
