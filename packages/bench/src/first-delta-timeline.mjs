// @ts-check
// `pnpm --filter @switchyard/bench first-delta [--rounds N] [--semi-cold]`: where a stream's time to
// first delta goes, for raw undici, core's transport, the provider called directly, and Switchyard's
// client (pinned and auto). undici's
// diagnostics channels mark when the request is created, when its headers are written and when the
// response headers arrive; the caller marks the first text delta. Median milliseconds from the call,
// after each path has warmed up until its CPU per stream and time to first delta stop falling
// (warm-up.mjs; the `streamOnly` rule: no chat here optimises the request path before the streams,
// as the chat rounds do in the cross-client bench's workers).
//
// `--semi-cold` measures each path more as the cross-client bench finds it: before each path's turn
// the process writes over 16 MB (evicting L1 and L2, 1 MB here, as the other clients' workers do
// there; not the L3 this VM reports, 508 MB), pauses 2 ms, and runs one stream uncounted; then it
// counts 4 streams, as the bench does.
// Without it every path runs hot, 10 streams a turn.
import diagnostics from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from '@switchyard/core';
import { openaiCompatible } from '@switchyard/provider-openai-compat';
import { request } from 'undici';
import { BENCH_API_KEY, STREAM_TEXT, assertText } from './canned-responses.mjs';
import { formatTable } from './format-report.mjs';
import { startBenchServer } from './start-bench-server.mjs';
import { median } from './stats.mjs';
import { collectDeltas, readRawSseText } from './stream-text.mjs';
import { CHAT_REQUEST, createBenchClient } from './clients/switchyard.mjs';
import { WIRE_STREAM, createLayers } from './switchyard-layers.mjs';
import { WARM_UP_RULES, describeWarmUp, warmUp } from './warm-up.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '12' }, 'semi-cold': { type: 'boolean', default: false } }, strict: true });
const ROUNDS = Number(values.rounds);
if (!(ROUNDS > 0)) throw new Error('--rounds takes a positive number');
const SEMI_COLD = values['semi-cold'];
const STREAMS_PER_ROUND = SEMI_COLD ? 4 : 10;
/** Written over before each semi-cold turn: 16 × this machine's L2. */
const CACHE_EVICTION_BYTES = 16 * 1024 * 1024;
const MARKS = /** @type {const} */ (['created', 'sent', 'headers', 'first delta']);

/** @type {Partial<Record<(typeof MARKS)[number], number>>} */
let marks = {};
let callStart = 0;
/** @param {(typeof MARKS)[number]} mark */
const note = (mark) => () => {
  marks[mark] ??= performance.now() - callStart;
};
diagnostics.subscribe('undici:request:create', note('created'));
diagnostics.subscribe('undici:client:sendHeaders', note('sent'));
diagnostics.subscribe('undici:request:headers', note('headers'));
const onFirstDelta = note('first delta');

const server = await startBenchServer();
const chatUrl = `${server.origin}/v1/chat/completions`;
const layers = createLayers(server.origin);
const client = createBenchClient(server.origin, { createClient }, { openaiCompatible });

/** @param {import('@switchyard/core').CallOptions} [options] */
const clientStream = async (options) => {
  const deltas = collectDeltas(onFirstDelta);
  for await (const event of client.streamChat(CHAT_REQUEST, options)) if (event.type === 'text') deltas.add(event.text);
  assertText(deltas.text, STREAM_TEXT, 'client');
};

/** @type {Record<string, () => Promise<void>>} */
const paths = {
  'raw undici': async () => {
    const { body } = await request(chatUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` }, body: JSON.stringify(WIRE_STREAM) });
    assertText(await readRawSseText(body, onFirstDelta), STREAM_TEXT, 'raw');
  },
  transport: () => layers.transport.stream(onFirstDelta),
  provider: () => layers.provider.stream(onFirstDelta),
  'client, pinned': () => clientStream({ provider: 'primary' }),
  'client, auto': () => clientStream(),
};

const names = Object.keys(paths);
/** @type {Record<string, Record<string, number[]>>} */
const samples = Object.fromEntries(names.map((name) => [name, Object.fromEntries(MARKS.map((mark) => [mark, []]))]));

/**
 * `count` streams of one path; their marks go to `samples` when `record` is set.
 * @param {string} name @param {number} count @param {boolean} record
 * @returns {Promise<import('./warm-up.mjs').WarmUpRound>}
 */
async function runStreams(name, count, record) {
  /** @type {number[]} */
  const firstDeltas = [];
  const cpuStart = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    marks = {};
    callStart = performance.now();
    await /** @type {() => Promise<void>} */ (paths[name])();
    firstDeltas.push(marks['first delta'] ?? Number.NaN);
    if (record) for (const mark of MARKS) samples[name]?.[mark]?.push(marks[mark] ?? Number.NaN);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { count, cpuMicros: cpu.user + cpu.system, latencyMs: median(firstDeltas) };
}

/** @type {Record<string, import('./warm-up.mjs').WarmUpResult>} */
let warmUps;
try {
  warmUps = await warmUp(names, (name, count) => runStreams(name, count, false), WARM_UP_RULES.streamOnly);
  const eviction = SEMI_COLD ? new Uint8Array(CACHE_EVICTION_BYTES) : undefined;
  // The path that starts rotates each round.
  for (let round = 0; round < ROUNDS; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = /** @type {string} */ (names[(turn + round) % names.length]);
      if (eviction) {
        for (let index = 0; index < eviction.length; index += 64) eviction[index] = (eviction[index] ?? 0) + 1;
        await sleep(2);
        await runStreams(name, 1, false);
      }
      await runStreams(name, STREAMS_PER_ROUND, true);
    }
  }
} finally {
  await client.close();
  await layers.close();
  await server.stop();
}
console.log(`Median ms from the call, ${ROUNDS} rounds × ${STREAMS_PER_ROUND} streams per path${SEMI_COLD ? ', semi-cold (L1 and L2 evicted, a pause and one stream uncounted before each turn)' : ''}\n`);
console.log(formatTable(['path', ...MARKS.map((mark) => `${mark} ms`)], names.map((name) => [name, ...MARKS.map((mark) => median(samples[name]?.[mark] ?? []).toFixed(3))])));
console.log(`\nwarm-up:\n${names.map((name) => `  ${describeWarmUp(name, /** @type {import('./warm-up.mjs').WarmUpResult} */ (warmUps[name]))}`).join('\n')}`);
