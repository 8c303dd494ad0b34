// CPU time per call of `createClient` + `ollama()` against raw `undici.request` on the same
// Ollama-shaped loopback server (a child process): a non-streamed chat, and a 200-line NDJSON
// stream. One run, interleaved rounds so that drift affects both sides alike; ratios printed.
// Run with `pnpm --filter @switchyard/provider-ollama run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { createClient } from '@switchyard/core';
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

  const variants: Record<'chat' | 'stream', Record<'raw' | 'client', Variant>> = {
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
    const { raw, client: viaClient } = variants[workload];
    // Warm-up: JIT, connection pools and lazy imports on both sides.
    await cpuPerCall(raw, counts[workload]);
    await cpuPerCall(viaClient, counts[workload]);
    const rawTimes: number[] = [];
    const clientTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first so that neither always runs on a warmer or cooler machine.
      const rawFirst = round % 2 === 0;
      const rawBefore = rawFirst ? await cpuPerCall(raw, counts[workload]) : 0;
      const clientTime = await cpuPerCall(viaClient, counts[workload]);
      const rawTime = rawFirst ? rawBefore : await cpuPerCall(raw, counts[workload]);
      rawTimes.push(rawTime);
      clientTimes.push(clientTime);
      ratios.push(clientTime / rawTime);
      if (process.env.BENCH_VERBOSE) console.log(workload, round, rawTime.toFixed(1), clientTime.toFixed(1));
    }
    const ratio = median(ratios);
    if (ratio > TARGET) missed = true;
    const label = workload === 'chat' ? 'chat (non-stream)' : 'NDJSON stream, 200 lines';
    rows.push(
      `| ${label.padEnd(24)} | ${median(rawTimes).toFixed(1).padStart(13)} | ${median(clientTimes).toFixed(1).padStart(13)} | ${ratio.toFixed(3).padStart(6)}× | ≤ ${TARGET.toFixed(2)}× ${ratio <= TARGET ? 'ok' : 'MISSED'} |`,
    );
  }
  await client.close();
  await agent.close();
  server.stop();

  console.log(`CPU time per call of this process (median of ${ROUNDS} interleaved rounds; server in a child process)`);
  console.log('| workload                 | raw undici µs | createClient µs | ratio   | target        |');
  console.log('|--------------------------|---------------|---------------|---------|---------------|');
  for (const row of rows) console.log(row);
  console.log(`node ${process.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (missed) process.exitCode = 1;
}

await main();
