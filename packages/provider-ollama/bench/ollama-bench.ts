// CPU time per call of `createClient` + `ollama()` against raw `undici.request` on the same
// Ollama-shaped loopback server (a child process): a non-streamed chat, and a 200-line NDJSON
// stream. One run, interleaved rounds so that drift affects both sides alike; ratios printed.
// A third column calls the provider directly on the core transport (one bound context, as the
// client would build per attempt), to tell the provider's own cost from the client's.
// Run with `pnpm --filter @switchyard/provider-ollama run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { bindTransport, createClient, createTransport, type CallContext } from '@switchyard/core';
import { ollama } from '../src/index.js';

const ROUNDS = 12;
const CHATS_PER_ROUND = 300;
const STREAMS_PER_ROUND = 20;
const TARGET = 1.3;

const messages = [
  { role: 'system' as const, content: 'You are a concise assistant.' },
  { role: 'user' as const, content: 'Explain in two sentences what an inference router does.' },
];

async function startServer(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../ollama-bench-server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { origin: `http://127.0.0.1:${line.toString().trim()}`, stop: () => child.stdin!.end() };
}

type Variant = () => Promise<void>;

/** CPU microseconds (user + system) of this process per call of `variant`. */
async function cpuPerCall(variant: Variant, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let index = 0; index < count; index++) await variant();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What any consumer of Ollama's NDJSON must do at the least: decode, split lines, parse each. */
async function readNdjsonRaw(body: AsyncIterable<Uint8Array>): Promise<number> {
  const decoder = new TextDecoder();
  let pending = '';
  let count = 0;
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      JSON.parse(pending.slice(0, newline));
      count++;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  return count;
}

async function main(): Promise<void> {
  const server = await startServer();
  const url = `${server.origin}/api/chat`;
  const agent = new Agent();
  const client = createClient({ providers: [ollama({ baseURL: server.origin })] });
  const chatRequest = { model: 'llama3.2', messages };
  const provider = ollama({ baseURL: server.origin });
  const http = createTransport({ proxy: false });
  const timeouts = { connectMs: 10_000, headersMs: 60_000, firstTokenMs: 60_000, idleMs: 60_000, totalMs: 600_000 };
  const context: CallContext = {
    http: bindTransport(http, { provider: 'ollama', model: 'llama3.2' }),
    signal: new AbortController().signal,
    timeouts,
    deadline: Date.now() + timeouts.totalMs,
    attempt: 1,
    task: 'chat',
    model: 'llama3.2',
    idempotent: false,
    emit: () => {},
  };

  const variants: Record<'chat' | 'stream', Record<'raw' | 'provider' | 'client', Variant>> = {
    chat: {
      raw: async () => {
        const { body } = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'llama3.2', messages, stream: false }),
        });
        await body.json();
      },
      provider: async () => {
        await provider.chat(chatRequest, context);
      },
      client: async () => {
        await client.chat(chatRequest, { provider: 'ollama' });
      },
    },
    stream: {
      raw: async () => {
        const { body } = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'llama3.2', messages, stream: true }),
        });
        if ((await readNdjsonRaw(body)) !== 201) throw new Error('the raw stream lost lines');
      },
      provider: async () => {
        let texts = 0;
        for await (const event of provider.streamChat(chatRequest, context)) if (event.type === 'text') texts++;
        if (texts !== 200) throw new Error(`the provider stream gave ${texts} text events, not 200`);
      },
      client: async () => {
        let texts = 0;
        for await (const event of client.streamChat(chatRequest, { provider: 'ollama' })) if (event.type === 'text') texts++;
        if (texts !== 200) throw new Error(`the client stream gave ${texts} text events, not 200`);
      },
    },
  };
  const counts = { chat: CHATS_PER_ROUND, stream: STREAMS_PER_ROUND };

  const started = Date.now();
  const rows: string[] = [];
  let missed = false;
  for (const workload of ['chat', 'stream'] as const) {
    const sides = variants[workload];
    // Warm-up: JIT, connection pools and lazy imports on every side.
    for (const side of Object.values(sides)) await cpuPerCall(side, counts[workload]);
    const times: Record<keyof typeof sides, number[]> = { raw: [], provider: [], client: [] };
    const ratios: number[] = [];
    const providerRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no side always runs on a warmer or cooler machine.
      const order = (['raw', 'provider', 'client'] as const).map((_, index, all) => all[(index + round) % all.length]!);
      const perCall: Partial<Record<keyof typeof sides, number>> = {};
      for (const side of order) perCall[side] = await cpuPerCall(sides[side], counts[workload]);
      for (const side of order) times[side].push(perCall[side]!);
      ratios.push(perCall.client! / perCall.raw!);
      providerRatios.push(perCall.provider! / perCall.raw!);
      if (process.env.BENCH_VERBOSE) console.log(workload, round, perCall.raw!.toFixed(1), perCall.provider!.toFixed(1), perCall.client!.toFixed(1));
    }
    const ratio = median(ratios);
    if (ratio > TARGET) missed = true;
    const label = workload === 'chat' ? 'chat (non-stream)' : 'NDJSON stream, 200 lines';
    const cell = (value: number, width: number) => value.toFixed(1).padStart(width);
    rows.push(
      `| ${label.padEnd(24)} | ${cell(median(times.raw), 10)} | ${cell(median(times.provider), 11)} | ${cell(median(times.client), 9)} | ${median(providerRatios).toFixed(3).padStart(6)}× | ${ratio.toFixed(3).padStart(6)}× | ≤ ${TARGET.toFixed(2)}× ${ratio <= TARGET ? 'ok' : 'MISSED'} |`,
    );
  }
  await client.close();
  await http.close();
  await agent.close();
  server.stop();

  console.log(`CPU time per call of this process (median of ${ROUNDS} interleaved rounds; server in a child process)`);
  console.log('| workload                 | raw undici | provider µs | client µs | provider/raw | client/raw | target |');
  console.log('|--------------------------|------------|-------------|-----------|---------|---------|---------------|');
  for (const row of rows) console.log(row);
  console.log(`node ${process.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (missed) process.exitCode = 1;
}

await main();
