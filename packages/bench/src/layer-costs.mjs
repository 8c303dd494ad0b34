// @ts-check
// `pnpm --filter @switchyard/bench layers [--rounds N]`: where Switchyard's CPU goes, layer by layer,
// against raw undici on the bench server. Each row adds one layer to the one above it:
//   transport   core's createTransport, bound per call to a fresh signal and deadlines, with a scoped credential
//   provider    openaiCompatible().chat / streamChat called directly with a CallContext like the client's
//               (both as in switchyard-layers.mjs, which the bench's opt-in layer clients share)
//   pinned      createClient(...).chat(request, { provider: 'primary' })
//   auto        createClient(...).chat(request): `auto` routing over two providers, what the main bench measures
// All layers run in this one process, interleaved in rotating order, each warmed up first until its
// CPU per call stops falling (warm-up.mjs); figures are medians over rounds and ratios the medians
// of per-round ratios to raw undici.
import { parseArgs } from 'node:util';
import { createClient } from '@switchyard/core';
import { openaiCompatible } from '@switchyard/provider-openai-compat';
import { request } from 'undici';
import { ANSWER_TEXT, BENCH_API_KEY, STREAM_TEXT, assertText } from './canned-responses.mjs';
import { formatTable } from './format-report.mjs';
import { startBenchServer } from './start-bench-server.mjs';
import { readRawSseText } from './stream-text.mjs';
import { median, pairedRatio } from './stats.mjs';
import { CHAT_REQUEST, createBenchClient } from './clients/switchyard.mjs';
import { WIRE_CHAT, WIRE_STREAM, createLayers } from './switchyard-layers.mjs';
import { WARM_UP_RULES, describeWarmUp, warmUp } from './warm-up.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } }, strict: true });
const ROUNDS = Number(values.rounds);
if (!(ROUNDS > 0)) throw new Error('--rounds takes a positive number');
const CHATS_PER_ROUND = 100;
const STREAMS_PER_ROUND = 8;

/** @param {() => Promise<void>} call @param {number} count */
async function cpuPerCall(call, count) {
  const start = process.cpuUsage();
  for (let index = 0; index < count; index++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

async function main() {
  const server = await startBenchServer();
  const chatUrl = `${server.origin}/v1/chat/completions`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };
  const layers = createLayers(server.origin);
  const client = createBenchClient(server.origin, { createClient }, { openaiCompatible });

  /** @type {Record<string, Record<string, () => Promise<void>>>} */
  const workloads = {
    chat: {
      raw: async () => {
        const { body } = await request(chatUrl, { method: 'POST', headers, body: JSON.stringify(WIRE_CHAT) });
        assertText(/** @type {any} */ (await body.json()).choices[0].message.content, ANSWER_TEXT, 'raw');
      },
      transport: layers.transport.chat,
      provider: layers.provider.chat,
      pinned: async () => assertText((await client.chat(CHAT_REQUEST, { provider: 'primary' })).text, ANSWER_TEXT, 'pinned'),
      auto: async () => assertText((await client.chat(CHAT_REQUEST)).text, ANSWER_TEXT, 'auto'),
    },
    stream: {
      raw: async () => {
        const { body } = await request(chatUrl, { method: 'POST', headers, body: JSON.stringify(WIRE_STREAM) });
        assertText(await readRawSseText(body), STREAM_TEXT, 'raw');
      },
      transport: () => layers.transport.stream(),
      provider: () => layers.provider.stream(),
      pinned: async () => {
        let text = '';
        for await (const event of client.streamChat(CHAT_REQUEST, { provider: 'primary' })) if (event.type === 'text') text += event.text;
        assertText(text, STREAM_TEXT, 'pinned');
      },
      auto: async () => {
        let text = '';
        for await (const event of client.streamChat(CHAT_REQUEST)) if (event.type === 'text') text += event.text;
        assertText(text, STREAM_TEXT, 'auto');
      },
    },
  };

  try {
    for (const [workload, layers] of Object.entries(workloads)) {
      const count = workload === 'chat' ? CHATS_PER_ROUND : STREAMS_PER_ROUND;
      const names = Object.keys(layers);
      /** @type {Record<string, number[]>} */
      const times = Object.fromEntries(names.map((name) => [name, []]));
      const warmUps = await warmUp(
        names,
        async (name, warmUpCount) => ({ count: warmUpCount, cpuMicros: (await cpuPerCall(/** @type {() => Promise<void>} */ (layers[name]), warmUpCount)) * warmUpCount }),
        workload === 'chat' ? WARM_UP_RULES.chat : WARM_UP_RULES.stream,
      );
      for (let round = 0; round < ROUNDS; round++) {
        for (let turn = 0; turn < names.length; turn++) {
          const name = /** @type {string} */ (names[(turn + round) % names.length]);
          times[name]?.push(await cpuPerCall(/** @type {() => Promise<void>} */ (layers[name]), count));
        }
      }
      const raw = /** @type {number[]} */ (times.raw);
      let previous = raw;
      const rows = names.map((name) => {
        const series = /** @type {number[]} */ (times[name]);
        const row = [name, median(series).toFixed(0), `${pairedRatio(series, raw).toFixed(2)}×`, `${(median(series) - median(previous)).toFixed(0)}`];
        previous = series;
        return row;
      });
      console.log(`\n${workload} (${ROUNDS} rounds × ${count} calls), CPU µs per call\n\n${formatTable(['layer', 'CPU µs', '× raw', 'added µs'], rows)}`);
      console.log(`warm-up:\n${names.map((name) => `  ${describeWarmUp(name, /** @type {import('./warm-up.mjs').WarmUpResult} */ (warmUps[name]))}`).join('\n')}`);
    }
  } finally {
    await client.close();
    await layers.close();
    await server.stop();
  }
}

await main();
