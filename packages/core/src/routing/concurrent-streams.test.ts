import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../client/client-events.js';
import { createClient } from '../client/create-client.js';
import { ask, chunks, leaksOf, wireProvider } from '../client/openai-wire-provider.test-support.js';
import type { AttemptTrace } from '../client/trace-types.js';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';

const CALLS = 1000;
const PIECES = Array.from({ length: 10 }, (_, index) => `w${index} `);
const FULL_TEXT = PIECES.join('');
// The servers run in a worker thread; the 1,000 streams still share the client's event loop, so a
// healthy stream's first token can take seconds to be read, and a timer fires late by however long
// the loop was busy: deadlines leave room for that, and are checked against the measured loop delay.
const FIRST_TOKEN_MS = 3000;
const IDLE_MS = 2000;
const TOTAL_MS = 20_000;
const TYPED_KINDS = new Set(['stream-interrupted', 'all-providers-failed', 'network', 'timeout', 'server', 'rate-limit', 'overloaded']);

function countOf(name: string): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === name).length;
}

describe('1,000 concurrent streams across three servers with random faults', () => {
  it('every call ends with a full answer or a typed error in bounded time; the meter equals the traces; nothing leaks or stays open', async () => {
    const timersBefore = countOf('Timeout');
    const socketsBefore = countOf('TCPSocketWrap');
    const worker = new Worker(new URL('./fault-servers.test-support.mjs', import.meta.url), {
      workerData: { events: chunks(PIECES), seed: 20_240_611, count: 3 },
    });
    const [urls] = (await once(worker, 'message')) as [string[]];
    const events: ClientEvent[] = [];
    const client = createClient({
      providers: urls.map((url, index) => wireProvider({ id: `s${index}`, baseUrl: url })),
      pricing: Object.fromEntries(urls.map((_, index) => [`s${index}`, { type: 'per-token', inputPerMillion: 1 + index, outputPerMillion: 2 + index }])),
      retry: { maxRetries: 1, baseDelayMs: 20 },
      timeouts: { firstTokenMs: FIRST_TOKEN_MS, idleMs: IDLE_MS, totalMs: TOTAL_MS },
      breaker: false,
      onEvent: (event) => events.push(event),
    });

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: CALLS }, async (_, index) => {
        const callStarted = performance.now();
        const stream = client.streamChat(ask(), { idempotent: index % 2 === 0 });
        let received = '';
        try {
          for await (const event of stream) if (event.type === 'text') received += event.text;
          const response = await stream.response;
          return { ok: true as const, received, text: response.text, trace: response.trace, elapsed: performance.now() - callStarted };
        } catch (error) {
          return { ok: false as const, received, error, elapsed: performance.now() - callStarted };
        }
      }),
    );
    const wallMs = performance.now() - started;
    loopDelay.disable();
    const lagMs = loopDelay.max / 1e6;

    const traces: AttemptTrace[][] = [];
    const errors: SwitchyardError[] = [];
    for (const outcome of outcomes) {
      // Within its deadline: each attempt is bounded by totalMs, the call by its attempts plus the backoff between them.
      const attempts = (outcome.ok ? outcome.trace : ((outcome.error as SwitchyardError).attempts ?? [])).filter((entry) => entry.outcome !== 'skipped');
      for (const entry of attempts) expect(entry.durationMs).toBeLessThanOrEqual(TOTAL_MS + lagMs + 50);
      expect(outcome.elapsed).toBeLessThan(attempts.length * (TOTAL_MS + lagMs) + 1000);
      if (outcome.ok) {
        expect(outcome.received).toBe(FULL_TEXT);
        expect(outcome.text).toBe(FULL_TEXT);
        traces.push(outcome.trace);
        continue;
      }
      expect(isSwitchyardError(outcome.error)).toBe(true);
      const error = outcome.error as SwitchyardError;
      errors.push(error);
      expect(TYPED_KINDS).toContain(error.kind);
      expect(error.attempts?.length).toBeGreaterThan(0);
      traces.push([...(error.attempts ?? [])]);
      if (error.kind === 'stream-interrupted') {
        // What the caller saw is exactly the partial text: a prefix of the answer, nothing repeated.
        expect(error.partialText).toBe(outcome.received);
        expect(FULL_TEXT.startsWith(outcome.received)).toBe(true);
      } else {
        expect(outcome.received).toBe('');
      }
    }

    const sent = traces.flat().filter((entry) => entry.outcome !== 'skipped');
    const totals = client.usage().totals;
    expect(totals.requests).toBe(sent.length);
    expect(totals.succeeded).toBe(sent.filter((entry) => entry.outcome === 'success').length);
    expect(totals.inputTokens).toBe(sent.reduce((sum, entry) => sum + (entry.usage?.inputTokens ?? 0), 0));
    expect(totals.outputTokens).toBe(sent.reduce((sum, entry) => sum + (entry.usage?.outputTokens ?? 0), 0));
    expect(totals.costUsd).toBeCloseTo(sent.reduce((sum, entry) => sum + (entry.cost?.amount ?? 0), 0), 12);
    expect(leaksOf([...errors, ...events, ...traces])).toEqual([]);

    await client.close();
    worker.postMessage('close');
    await once(worker, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(countOf('TCPSocketWrap')).toBe(socketsBefore);
    expect(countOf('Timeout')).toBeLessThanOrEqual(timersBefore);

    const succeeded = outcomes.filter((outcome) => outcome.ok).length;
    const outcomesByKind = new Map<string, number>();
    for (const entry of sent) {
      const key = entry.outcome === 'success' ? 'success' : `${entry.errorKind}${entry.timeoutPhase ? `/${entry.timeoutPhase}` : ''}`;
      outcomesByKind.set(key, (outcomesByKind.get(key) ?? 0) + 1);
    }
    // Most calls succeed thanks to retries and failover; the rest failed with a typed error.
    expect(succeeded).toBeGreaterThan(CALLS * 0.5);
    console.info(`1000 streams: ${succeeded} succeeded, ${errors.length} typed errors, ${sent.length} attempts (${[...outcomesByKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}), ${Math.round(wallMs)} ms, max event-loop delay ${Math.round(lagMs)} ms`);
  }, 60_000);
});
