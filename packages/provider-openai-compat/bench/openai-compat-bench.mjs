// CPU time per call through createClient (defaults: retries on) with an openaiCompatible()
// provider, against raw `undici.request` on the same loopback server; the provider called directly
// on core's transport is measured too, to show which part of the cost is whose. The server is core's
// benchmark server (packages/core/bench/bench-server.mjs), run in a child process so that its CPU
// time is not counted. Run `pnpm --filter @switchyard/provider-openai-compat bench` (after a build).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { bindTransport, createClient, createTransport } from '@switchyard/core';
import { Agent, request } from 'undici';
import { openaiCompatible } from '../dist/index.js';
// The warm-up rule every benchmark in the repository uses (a plain module, no dependency on the bench package).
import { WARM_UP_RULES, describeWarmUp, warmUp } from '../../bench/src/warm-up.mjs';

// Many short interleaved rounds, median of the paired ratios: on a shared machine this shrugs off
// the rounds another process disturbed (the same method as core's transport benchmark). Before
// them every side warms up until its CPU per call stops falling: V8 needs thousands of calls to
// optimise a request path, and one round of 50 measured mostly that.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const JSON_CALLS_PER_ROUND = 50;
const STREAM_CALLS_PER_ROUND = 5;
const TARGET = 1.3;

const chatRequest = {
  model: 'bench-model',
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: 'Explain in two sentences what an inference router does.' },
  ],
  maxTokens: 128,
};
const wireJson = { model: chatRequest.model, messages: chatRequest.messages, max_tokens: 128 };
const wireBody = JSON.stringify(wireJson);

async function startServer() {
  const script = fileURLToPath(new URL('../../core/bench/bench-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout, 'data');
  return { origin: `http://127.0.0.1:${line.toString().trim()}`, stop: () => child.stdin.end() };
}

async function cpuPerCall(variant, count) {
  const start = process.cpuUsage();
  for (let index = 0; index < count; index++) await variant();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `µs (ratio×)` for a table cell. */
function cell(times, ratios) {
  return `${median(times).toFixed(1).padStart(7)} (${median(ratios).toFixed(2)}×)`;
}

/** What a minimal hand-written client does with a stream: split events, parse each, keep the text. */
async function rawStreamText(body) {
  const decoder = new TextDecoder();
  let buffered = '';
  let text = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let boundary = buffered.indexOf('\n\n');
    while (boundary >= 0) {
      const event = buffered.slice(0, boundary);
      buffered = buffered.slice(boundary + 2);
      if (event.startsWith('data: ') && event !== 'data: [DONE]') text += JSON.parse(event.slice(6)).choices[0]?.delta?.content ?? '';
      boundary = buffered.indexOf('\n\n');
    }
  }
  return text;
}

async function main() {
  const server = await startServer();
  const agent = new Agent();
  // core's bench server answers JSON at /v1/chat/completions and a 200-chunk stream at any other path.
  const client = createClient({
    providers: [
      openaiCompatible({ id: 'json', baseURL: `${server.origin}/v1` }),
      openaiCompatible({ id: 'stream', baseURL: `${server.origin}/stream/v1` }),
    ],
  });
  // The provider alone, on core's transport, with the per-attempt context the client would build:
  // shows how much of the client's cost is the provider's.
  const http = createTransport({ proxy: false });
  const direct = {
    json: openaiCompatible({ id: 'json', baseURL: `${server.origin}/v1` }),
    stream: openaiCompatible({ id: 'stream', baseURL: `${server.origin}/stream/v1` }),
  };
  const contextFor = (task) => {
    const signal = new AbortController().signal;
    const timeouts = { connectMs: 10_000, headersMs: 30_000, firstTokenMs: 30_000, idleMs: 30_000, totalMs: 60_000 };
    return { http: bindTransport(http, { signal, provider: 'bench', model: 'bench-model' }), signal, timeouts, deadline: Date.now() + 60_000, attempt: 1, task, model: 'bench-model', idempotent: true, emit() {} };
  };
  const jsonUrl = `${server.origin}/v1/chat/completions`;
  const streamUrl = `${server.origin}/stream/v1/chat/completions`;
  const post = (url) => request(url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: wireBody });

  const workloads = {
    json: {
      label: 'chat, non-stream',
      count: JSON_CALLS_PER_ROUND,
      warmUpRule: WARM_UP_RULES.chat,
      raw: async () => {
        const { body } = await post(jsonUrl);
        const answer = await body.json();
        if (!answer.choices[0].message.content) throw new Error('empty answer');
      },
      transport: async () => {
        const response = await contextFor('chat').http.request({ method: 'POST', url: jsonUrl, json: wireJson });
        const answer = await response.json();
        if (!answer.choices[0].message.content) throw new Error('empty answer');
      },
      provider: async () => {
        const result = await direct.json.chat(chatRequest, contextFor('chat'));
        if (!result.text) throw new Error('empty answer');
      },
      client: async () => {
        const response = await client.chat(chatRequest, { provider: 'json' });
        if (!response.text) throw new Error('empty answer');
      },
    },
    stream: {
      label: 'chat stream, 200 chunks',
      count: STREAM_CALLS_PER_ROUND,
      warmUpRule: WARM_UP_RULES.stream,
      raw: async () => {
        const { body } = await post(streamUrl);
        if (!(await rawStreamText(body))) throw new Error('empty stream');
      },
      transport: async () => {
        const response = await contextFor('chat').http.request({ method: 'POST', url: streamUrl, json: wireJson });
        let text = '';
        for await (const message of response.sse()) text += JSON.parse(message.data).choices[0]?.delta?.content ?? '';
        if (!text) throw new Error('empty stream');
      },
      provider: async () => {
        let text = '';
        for await (const event of direct.stream.streamChat(chatRequest, contextFor('chat'))) if (event.type === 'text') text += event.text;
        if (!text) throw new Error('empty stream');
      },
      client: async () => {
        const text = await client.streamChat(chatRequest, { provider: 'stream' }).text();
        if (!text) throw new Error('empty stream');
      },
    },
  };

  const started = Date.now();
  const rows = [];
  const warmUpLines = [];
  let missed = false;
  for (const workload of Object.values(workloads)) {
    const sides = ['raw', 'transport', 'provider', 'client'];
    const warmUps = await warmUp(sides, async (side, count) => ({ count, cpuMicros: (await cpuPerCall(workload[side], count)) * count }), workload.warmUpRule);
    warmUpLines.push(`${workload.label}: ${sides.map((side) => describeWarmUp(side, warmUps[side])).join('; ')}`);
    const times = { raw: [], transport: [], provider: [], client: [] };
    const ratios = { transport: [], provider: [], client: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no side always runs on a warmer or cooler machine.
      const order = sides.map((_, index) => sides[(index + round) % sides.length]);
      const perSide = {};
      for (const side of order) perSide[side] = await cpuPerCall(workload[side], workload.count);
      for (const side of sides) times[side].push(perSide[side]);
      ratios.transport.push(perSide.transport / perSide.raw);
      ratios.provider.push(perSide.provider / perSide.raw);
      ratios.client.push(perSide.client / perSide.raw);
    }
    const ratio = median(ratios.client);
    if (ratio > TARGET) missed = true;
    rows.push(
      `| ${workload.label.padEnd(23)} | ${median(times.raw).toFixed(1).padStart(8)} | ${cell(times.transport, ratios.transport)} | ${cell(times.provider, ratios.provider)} | ${cell(times.client, ratios.client)} | ≤ ${TARGET}× ${ratio <= TARGET ? 'ok' : 'MISSED'} |`,
    );
  }
  await client.close();
  await http.close();
  await agent.close();
  server.stop();

  console.log(`CPU time per call in this process, µs (median of ${ROUNDS} interleaved rounds; server in a child process)`);
  console.log('| workload                | raw µs   | transport µs     | provider µs      | client µs        | target (client) |');
  console.log('|-------------------------|----------|------------------|------------------|------------------|-----------------|');
  for (const row of rows) console.log(row);
  console.log('raw = undici.request + body.json() / SSE split + JSON.parse per event; transport = core transport bound to an attempt signal as the client does, same parsing; provider = openaiCompatible() called with a context on that transport; client = createClient, default options');
  console.log(`warm-up, every side until its CPU per call stopped falling (packages/bench/src/warm-up.mjs):\n${warmUpLines.map((line) => `- ${line}`).join('\n')}`);
  console.log(`node ${process.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (missed) process.exitCode = 1;
}

await main();
