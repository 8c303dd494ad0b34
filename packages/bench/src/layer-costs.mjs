// @ts-check
// `pnpm --filter @switchyard/bench layers [--rounds N]`: where Switchyard's CPU goes, layer by layer,
// against raw undici on the bench server. Each row adds one layer to the one above it:
//   transport   core's createTransport, bound per call to a fresh signal and deadlines, with a scoped credential
//   provider    openaiCompatible().chat / streamChat called directly with a CallContext like the client's
//   pinned      createClient(...).chat(request, { provider: 'primary' })
//   auto        createClient(...).chat(request): `auto` routing over two providers, what the main bench measures
// All layers run in this one process, interleaved in rotating order, each warmed up first until its
// CPU per call stops falling (warm-up.mjs); figures are medians over rounds and ratios the medians
// of per-round ratios to raw undici.
import { parseArgs } from 'node:util';
import { bindTransport, createClient, createTransport, scopeCredential } from '@switchyard/core';
import { openaiCompatible } from '@switchyard/provider-openai-compat';
import { request } from 'undici';
import { ANSWER_TEXT, BENCH_API_KEY, BENCH_MODEL, CHAT_MESSAGES, STREAM_TEXT, assertText } from './canned-responses.mjs';
import { formatTable } from './format-report.mjs';
import { startBenchServer } from './start-bench-server.mjs';
import { readRawSseText } from './stream-text.mjs';
import { median, pairedRatio } from './stats.mjs';
import { WARM_UP_RULES, describeWarmUp, warmUp } from './warm-up.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } }, strict: true });
const ROUNDS = Number(values.rounds);
if (!(ROUNDS > 0)) throw new Error('--rounds takes a positive number');
const CHATS_PER_ROUND = 100;
const STREAMS_PER_ROUND = 8;
const TIMEOUTS = { connectMs: 10_000, headersMs: 60_000, firstTokenMs: 60_000, idleMs: 60_000, totalMs: 600_000 };

/** @param {() => Promise<void>} call @param {number} count */
async function cpuPerCall(call, count) {
  const start = process.cpuUsage();
  for (let index = 0; index < count; index++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

async function main() {
  const server = await startBenchServer();
  const baseURL = `${server.origin}/v1`;
  const chatUrl = `${baseURL}/chat/completions`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };
  const wireChat = { model: BENCH_MODEL, messages: CHAT_MESSAGES, max_tokens: 128 };
  const wireStream = { ...wireChat, stream: true, stream_options: { include_usage: true } };
  /** @type {import('@switchyard/core').ChatRequest} */
  const chatRequest = { model: BENCH_MODEL, messages: /** @type {any} */ (CHAT_MESSAGES), maxTokens: 128 };

  const http = createTransport({ proxy: false });
  const credential = scopeCredential(BENCH_API_KEY, { origins: [server.origin] });
  const provider = openaiCompatible({ id: 'primary', baseURL, apiKey: BENCH_API_KEY });
  const client = createClient({
    providers: [openaiCompatible({ id: 'primary', baseURL, apiKey: BENCH_API_KEY }), openaiCompatible({ id: 'secondary', baseURL, apiKey: BENCH_API_KEY })],
  });
  /** What the client hands a provider for one attempt (see spec/call-context.ts). */
  const contextFor = () => {
    const signal = new AbortController().signal;
    return {
      http: bindTransport(http, { signal, timeouts: TIMEOUTS, provider: 'primary', model: BENCH_MODEL }),
      signal,
      timeouts: TIMEOUTS,
      deadline: Date.now() + TIMEOUTS.totalMs,
      attempt: 1,
      task: /** @type {const} */ ('chat'),
      model: BENCH_MODEL,
      idempotent: false,
      emit() {},
    };
  };

  /** @type {Record<string, Record<string, () => Promise<void>>>} */
  const workloads = {
    chat: {
      raw: async () => {
        const { body } = await request(chatUrl, { method: 'POST', headers, body: JSON.stringify(wireChat) });
        assertText(/** @type {any} */ (await body.json()).choices[0].message.content, ANSWER_TEXT, 'raw');
      },
      transport: async () => {
        const response = await contextFor().http.request({ method: 'POST', url: chatUrl, json: wireChat, credential });
        assertText(/** @type {any} */ (await response.json()).choices[0].message.content, ANSWER_TEXT, 'transport');
      },
      provider: async () => {
        const result = await /** @type {NonNullable<typeof provider.chat>} */ (provider.chat)(chatRequest, contextFor());
        assertText(result.text, ANSWER_TEXT, 'provider');
      },
      pinned: async () => assertText((await client.chat(chatRequest, { provider: 'primary' })).text, ANSWER_TEXT, 'pinned'),
      auto: async () => assertText((await client.chat(chatRequest)).text, ANSWER_TEXT, 'auto'),
    },
    stream: {
      raw: async () => {
        const { body } = await request(chatUrl, { method: 'POST', headers, body: JSON.stringify(wireStream) });
        assertText(await readRawSseText(body), STREAM_TEXT, 'raw');
      },
      transport: async () => {
        const response = await contextFor().http.request({ method: 'POST', url: chatUrl, json: wireStream, credential });
        let text = '';
        for await (const message of response.sse()) if (message.data !== '[DONE]') text += JSON.parse(message.data).choices[0]?.delta?.content ?? '';
        assertText(text, STREAM_TEXT, 'transport');
      },
      provider: async () => {
        let text = '';
        for await (const event of /** @type {NonNullable<typeof provider.streamChat>} */ (provider.streamChat)(chatRequest, contextFor())) if (event.type === 'text') text += event.text;
        assertText(text, STREAM_TEXT, 'provider');
      },
      pinned: async () => {
        let text = '';
        for await (const event of client.streamChat(chatRequest, { provider: 'primary' })) if (event.type === 'text') text += event.text;
        assertText(text, STREAM_TEXT, 'pinned');
      },
      auto: async () => {
        let text = '';
        for await (const event of client.streamChat(chatRequest)) if (event.type === 'text') text += event.text;
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
    await http.close();
    await server.stop();
  }
}

await main();
