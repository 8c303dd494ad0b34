// CPU time per call of `createClient` + `ollama()` against raw `undici.request` on the same
// Ollama-shaped loopback server (a child process): a non-streamed chat, and a 200-line NDJSON
// stream. One run, interleaved rounds so that drift affects every side alike; ratios printed.
// Each side adds one layer to the one before it, to tell where the CPU goes:
//   raw        undici.request, `body.json()` / a hand-written NDJSON split (the yardstick)
//   transport  core's transport (one bound context, as the client builds per attempt) sending the
//              body the provider sends, `response.json()` / `response.ndjson()` without decoding
//   provider   `ollama().chat` / `streamChat` called directly with that context
//   client     `createClient(...).chat(request, { provider: 'ollama' })`
// Run with `pnpm --filter @switchyard/provider-ollama run bench`; `-- --only provider --workload chat`
// runs one side alone (for `node --cpu-prof bench/dist/ollama-bench.js …`), `-- --rounds N`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { bindTransport, createClient, createTransport, type CallContext } from '@switchyard/core';
import { ollama } from '../src/index.js';
// The warm-up rule every benchmark in the repository uses (packages/bench/src/warm-up.mjs).
import { WARM_UP_RULES, describeWarmUp, warmUp, type WarmUpRule } from './warm-up.mjs';

const SIDES = ['raw', 'transport', 'provider', 'client'] as const;
type Side = (typeof SIDES)[number];
const WORKLOADS = ['chat', 'stream'] as const;
type Workload = (typeof WORKLOADS)[number];

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, only: { type: 'string' }, workload: { type: 'string' } },
  strict: true,
});
const ROUNDS = Number(args.rounds);
if (!(ROUNDS > 0)) throw new Error('--rounds takes a positive number');
const only = args.only as Side | undefined;
if (only !== undefined && !SIDES.includes(only)) throw new Error(`--only takes one of ${SIDES.join(', ')}`);
const workloads = args.workload === undefined ? WORKLOADS : WORKLOADS.filter((workload) => workload === args.workload);
if (workloads.length === 0) throw new Error(`--workload takes one of ${WORKLOADS.join(', ')}`);

const CALLS_PER_ROUND: Record<Workload, number> = { chat: 300, stream: 20 };
const WARM_UP_RULE: Record<Workload, WarmUpRule> = { chat: WARM_UP_RULES.chat, stream: WARM_UP_RULES.stream };
const TARGET = 1.3;
const STREAM_LINES = 200;

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

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
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
  const wire = (stream: boolean) => ({ model: 'llama3.2', messages, stream });

  const variants: Record<Workload, Record<Side, Variant>> = {
    chat: {
      raw: async () => {
        const { body } = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(wire(false)),
        });
        check(((await body.json()) as { done?: unknown }).done === true, 'the raw answer is not a final one');
      },
      transport: async () => {
        const response = await context.http.request({ method: 'POST', url, json: wire(false), provider: 'ollama', model: 'llama3.2' });
        check(((await response.json()) as { done?: unknown }).done === true, 'the transport answer is not a final one');
      },
      provider: async () => {
        check((await provider.chat(chatRequest, context)).finishReason === 'stop', 'the provider answer did not stop');
      },
      client: async () => {
        check((await client.chat(chatRequest, { provider: 'ollama' })).finishReason === 'stop', 'the client answer did not stop');
      },
    },
    stream: {
      raw: async () => {
        const { body } = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(wire(true)),
        });
        check((await readNdjsonRaw(body)) === STREAM_LINES + 1, 'the raw stream lost lines');
      },
      transport: async () => {
        const response = await context.http.request({ method: 'POST', url, json: wire(true), provider: 'ollama', model: 'llama3.2' });
        let lines = 0;
        for await (const _line of response.ndjson()) lines++;
        check(lines === STREAM_LINES + 1, 'the transport stream lost lines');
      },
      provider: async () => {
        let texts = 0;
        for await (const event of provider.streamChat(chatRequest, context)) if (event.type === 'text') texts++;
        check(texts === STREAM_LINES, `the provider stream gave ${texts} text events, not ${STREAM_LINES}`);
      },
      client: async () => {
        let texts = 0;
        for await (const event of client.streamChat(chatRequest, { provider: 'ollama' })) if (event.type === 'text') texts++;
        check(texts === STREAM_LINES, `the client stream gave ${texts} text events, not ${STREAM_LINES}`);
      },
    },
  };

  const started = Date.now();
  const rows: string[] = [];
  const warmUpLines: string[] = [];
  let missed = false;
  try {
    for (const workload of workloads) {
      const sides = variants[workload];
      const count = CALLS_PER_ROUND[workload];
      const warmUps = await warmUp(
        only === undefined ? SIDES : [only],
        async (side, warmUpCount) => ({ count: warmUpCount, cpuMicros: (await cpuPerCall(sides[side as Side], warmUpCount)) * warmUpCount }),
        WARM_UP_RULE[workload],
      );
      warmUpLines.push(`${workload}: ${Object.entries(warmUps).map(([side, result]) => describeWarmUp(side, result)).join('; ')}`);
      if (only !== undefined) {
        // One side alone, for a CPU profile: no other side's frames in it.
        const perRound: number[] = [];
        for (let round = 0; round < ROUNDS; round++) perRound.push(await cpuPerCall(sides[only], count));
        rows.push(`${workload}: ${only} ${median(perRound).toFixed(1)} µs per call (median of ${ROUNDS} rounds after warm-up)`);
        continue;
      }
      const times: Record<Side, number[]> = { raw: [], transport: [], provider: [], client: [] };
      const ratios: Record<Side, number[]> = { raw: [], transport: [], provider: [], client: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate the order so that no side always runs on a warmer or cooler machine.
        const perCall = {} as Record<Side, number>;
        for (let turn = 0; turn < SIDES.length; turn++) {
          const side = SIDES[(turn + round) % SIDES.length]!;
          perCall[side] = await cpuPerCall(sides[side], count);
        }
        for (const side of SIDES) {
          times[side].push(perCall[side]);
          ratios[side].push(perCall[side] / perCall.raw);
        }
        if (process.env.BENCH_VERBOSE) console.log(workload, round, SIDES.map((side) => perCall[side].toFixed(1)).join(' '));
      }
      const ratio = median(ratios.client);
      if (ratio > TARGET) missed = true;
      const label = workload === 'chat' ? 'chat (non-stream)' : `NDJSON stream, ${STREAM_LINES} lines`;
      const cell = (value: number, width: number) => value.toFixed(1).padStart(width);
      // The provider's own cost: the median of per-round differences to the transport side.
      const providerAdds = median(times.provider.map((value, index) => value - times.transport[index]!));
      rows.push(
        `| ${label.padEnd(24)} | ${cell(median(times.raw), 6)} | ${cell(median(times.transport), 9)} | ${cell(median(times.provider), 8)} | ${cell(providerAdds, 13)} | ${cell(median(times.client), 9)} | ${median(ratios.provider).toFixed(2).padStart(11)}× | ${ratio.toFixed(2).padStart(9)}× | ≤ ${TARGET.toFixed(2)}× ${(ratio <= TARGET ? 'ok' : 'MISSED').padEnd(6)} |`,
      );
    }
  } finally {
    await client.close();
    await http.close();
    await agent.close();
    server.stop();
  }

  const warmUpReport = `warm-up, every side until its CPU per call stopped falling (packages/bench/src/warm-up.mjs):\n${warmUpLines.map((line) => `- ${line}`).join('\n')}`;
  if (only !== undefined) {
    for (const row of rows) console.log(row);
    console.log(warmUpReport);
    return;
  }
  console.log(`CPU µs per call of this process (median of ${ROUNDS} interleaved rounds; server in a child process)`);
  console.log('| workload                 | raw µs | transport | provider | provider adds | client µs | provider/raw | client/raw | target (client) |');
  console.log('|--------------------------|-------:|----------:|---------:|--------------:|----------:|-------------:|-----------:|-----------------|');
  for (const row of rows) console.log(row);
  console.log(warmUpReport);
  console.log(`node ${process.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (missed) process.exitCode = 1;
}

await main();
