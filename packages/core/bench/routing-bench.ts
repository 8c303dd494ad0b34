// Routing figures of issue 3, from one run:
//  1. failover latency: what a provider that refuses connections adds before the next one is tried;
//  2. hedging: p99 latency with 10 % of the primary's calls stalling, hedging off against on.
// Run with `pnpm --filter @switchyard/core run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from '../src/client/create-client.js';
import { ask, wireProvider } from '../src/client/openai-wire-provider.test-support.js';
import type { AttemptTrace } from '../src/client/trace-types.js';

const FAILOVER_CALLS = 300;
const HEDGE_CALLS = 300;
const HEDGE_CONCURRENCY = 10;
// Without hedging, a stalled primary is abandoned only at its first-token deadline: 1 s here, far
// below the 30 s default for text, so the comparison favours "off".
const FIRST_TOKEN_MS = 1000;
const HEDGE_DELAY_MS = 60;
const TARGETS = { failoverAddedMs: 5, hedgeP99Improvement: 3 } as const;

async function startServers(): Promise<{ primary: string; secondary: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../routing-bench-server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const ports = JSON.parse(line.toString()) as { primary: number; secondary: number };
  return { primary: `http://127.0.0.1:${ports.primary}`, secondary: `http://127.0.0.1:${ports.secondary}`, stop: () => child.stdin!.end() };
}

/** A loopback port where nothing listens: connecting is refused at once. */
async function refusedOrigin(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Time from the start of the refused attempt to the start of the next one: what the refusal added. */
async function failoverFigures(healthy: string): Promise<{ addedMedianMs: number; addedP99Ms: number; gapMedianMs: number }> {
  const refused = await refusedOrigin();
  const client = createClient({ providers: [wireProvider({ id: 'down', baseUrl: refused }), wireProvider({ id: 'up', baseUrl: healthy })], breaker: false });
  await client.streamChat(ask()).text(); // warm up: undici loaded, a keep-alive connection to the healthy server
  const added: number[] = [];
  const gaps: number[] = [];
  for (let call = 0; call < FAILOVER_CALLS; call++) {
    const stream = client.streamChat(ask());
    await stream.text();
    const [down, up] = (await stream.response).trace as [AttemptTrace, AttemptTrace];
    // Trace times are epoch milliseconds; durations are rounded: good to about a millisecond.
    added.push(up.startedAt - down.startedAt);
    gaps.push(up.startedAt - (down.startedAt + down.durationMs));
  }
  await client.close();
  return { addedMedianMs: percentile(added, 0.5), addedP99Ms: percentile(added, 0.99), gapMedianMs: percentile(gaps, 0.5) };
}

/**
 * Finer figures: the median call latency with the refused provider first, minus the median without
 * it; and the same difference in CPU time, which a busy shared machine does not inflate.
 */
async function failoverByLatency(healthy: string): Promise<{ latencyDeltaMs: number; cpuDeltaMs: number }> {
  const refused = await refusedOrigin();
  const direct = createClient({ providers: [wireProvider({ id: 'up', baseUrl: healthy })], breaker: false });
  const viaRefusal = createClient({ providers: [wireProvider({ id: 'down', baseUrl: refused }), wireProvider({ id: 'up', baseUrl: healthy })], breaker: false });
  await direct.streamChat(ask()).text();
  await viaRefusal.streamChat(ask()).text();
  const directTimes: number[] = [];
  const refusedTimes: number[] = [];
  let directCpu = 0;
  let refusedCpu = 0;
  for (let call = 0; call < FAILOVER_CALLS; call++) {
    // Interleaved so that drift on a shared machine affects both alike.
    let cpu = process.cpuUsage();
    let started = performance.now();
    await direct.streamChat(ask()).text();
    directTimes.push(performance.now() - started);
    cpu = process.cpuUsage(cpu);
    directCpu += cpu.user + cpu.system;
    cpu = process.cpuUsage();
    started = performance.now();
    await viaRefusal.streamChat(ask()).text();
    refusedTimes.push(performance.now() - started);
    cpu = process.cpuUsage(cpu);
    refusedCpu += cpu.user + cpu.system;
  }
  await Promise.all([direct.close(), viaRefusal.close()]);
  return {
    latencyDeltaMs: percentile(refusedTimes, 0.5) - percentile(directTimes, 0.5),
    cpuDeltaMs: (refusedCpu - directCpu) / FAILOVER_CALLS / 1000,
  };
}

async function hedgeLatencies(primary: string, secondary: string, hedge: boolean): Promise<{ p50: number; p99: number }> {
  const client = createClient({
    providers: [wireProvider({ id: 'primary', baseUrl: primary }), wireProvider({ id: 'secondary', baseUrl: secondary })],
    timeouts: { firstTokenMs: FIRST_TOKEN_MS },
    breaker: false,
    ...(hedge ? { hedge: { delayMs: HEDGE_DELAY_MS } } : {}),
  });
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: HEDGE_CONCURRENCY }, async () => {
      while (next < HEDGE_CALLS) {
        next += 1;
        const started = performance.now();
        await client.streamChat(ask()).text();
        latencies.push(performance.now() - started);
      }
    }),
  );
  await client.close();
  return { p50: round(percentile(latencies, 0.5)), p99: round(percentile(latencies, 0.99)) };
}

async function main(): Promise<void> {
  const servers = await startServers();
  try {
    const failover = await failoverFigures(servers.secondary);
    const delta = await failoverByLatency(servers.secondary);
    const off = await hedgeLatencies(servers.primary, servers.secondary, false);
    const on = await hedgeLatencies(servers.primary, servers.secondary, true);
    const improvement = off.p99 / on.p99;
    const report = {
      failover: {
        calls: FAILOVER_CALLS,
        addedBeforeNextProviderMedianMs: failover.addedMedianMs,
        addedBeforeNextProviderP99Ms: failover.addedP99Ms,
        gapAfterRefusalMedianMs: failover.gapMedianMs,
        callLatencyDeltaMedianMs: round(delta.latencyDeltaMs),
        cpuPerCallDeltaMs: round(delta.cpuDeltaMs),
        targetMs: TARGETS.failoverAddedMs,
        pass: failover.addedMedianMs < TARGETS.failoverAddedMs && delta.latencyDeltaMs < TARGETS.failoverAddedMs,
      },
      hedging: {
        calls: HEDGE_CALLS,
        primaryStallRate: 0.1,
        firstTokenMs: FIRST_TOKEN_MS,
        hedgeDelayMs: HEDGE_DELAY_MS,
        off,
        on,
        p99Improvement: round(improvement),
        target: TARGETS.hedgeP99Improvement,
        pass: improvement >= TARGETS.hedgeP99Improvement,
      },
    };
    console.log(JSON.stringify(report, null, 2));
    if (!report.failover.pass || !report.hedging.pass) process.exitCode = 1;
  } finally {
    servers.stop();
  }
}

await main();
