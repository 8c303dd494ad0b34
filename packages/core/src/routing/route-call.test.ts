import { describe, expect, it } from 'vitest';
import type { CallEventBody } from '../client/client-events.js';
import type { AttemptTrace } from '../client/trace-types.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import type { Provider } from '../spec/provider.js';
import type { Admission, AttemptHandle } from './attempt-handle.js';
import type { Candidate } from './candidates.js';
import { routeCall } from './route-call.js';
import type { RouteCallSetup } from './route-call.js';

// The loop's decisions in isolation: attempts here are plain promises, so the order and timing of
// retries, failovers, skips and waits can be asserted exactly. Real-socket behaviour is covered by
// the failover, commit-point and hedging tests.

const candidate = (key: string, order: number): Candidate => ({
  key,
  provider: { specificationVersion: 'switchyard.provider.v1', id: key, kind: 'local' } as Provider,
  model: 'm',
  order,
});

type Script = Array<SwitchyardError | string>;

function harness(scripts: Record<string, Script>, overrides: Partial<RouteCallSetup<string, null>> = {}) {
  const started: Array<{ key: string; at: number; hedge: boolean }> = [];
  const events: CallEventBody[] = [];
  const trace: AttemptTrace[] = [];
  const setup: RouteCallSetup<string, null> = {
    candidates: Object.keys(scripts).map(candidate),
    mode: 'auto',
    operation: 'chat',
    requestedModel: 'm',
    idempotent: false,
    retry: resolveRetryPolicy({ baseDelayMs: 100 }),
    hedgeDelayMs: undefined,
    trace,
    random: () => 0.5,
    admit: async (): Promise<Admission<null>> => ({ admitted: true, ticket: null }),
    start: (target, attempt, hedge): AttemptHandle<string> => {
      started.push({ key: target.key, at: performance.now(), hedge });
      const next = (scripts[target.key] as Script).shift();
      const won = typeof next === 'string' ? Promise.resolve(next) : Promise.reject(next);
      return { candidate: target, attempt, hedge, won, abandon: () => undefined };
    },
    skipped: (target, admission) => trace.push({ attempt: 0, provider: target.key, model: 'm', outcome: 'skipped', reason: admission.reason, startedAt: 0, durationMs: 0 }),
    emit: (event) => events.push(event),
    ...overrides,
  };
  return { setup, started, events };
}

const serverError = () => new SwitchyardError('server', 'boom', { status: 500 });

describe('routeCall', () => {
  it('fails over to a ready candidate at once and only sleeps when none is ready', async () => {
    const { setup, started, events } = harness({ a: [serverError(), 'a answered'], b: [serverError()] });
    const { value } = await routeCall(setup);
    expect(value).toBe('a answered');
    expect(started.map((entry) => entry.key)).toEqual(['a', 'b', 'a']);
    const [first, second, third] = started as [(typeof started)[number], (typeof started)[number], (typeof started)[number]];
    expect(second.at - first.at).toBeLessThan(20);
    // The retry of a waits out its backoff: 100 ms × 0.5 (the jitter draw) from a's failure.
    expect(third.at - first.at).toBeGreaterThanOrEqual(45);
    expect(events.map((event) => event.type)).toEqual(['failover', 'retry-scheduled']);
  });

  it('retries the candidate that is ready soonest', async () => {
    const limited = new SwitchyardError('rate-limit', 'slow down', { status: 429, retryAfterMs: 400 });
    const { setup, started } = harness({ a: [limited, 'a'], b: [serverError(), 'b second'] });
    const { value } = await routeCall(setup);
    expect(value).toBe('b second');
    expect(started.map((entry) => entry.key)).toEqual(['a', 'b', 'b']);
  });

  it('a pinned call with a full quota waits the time billing gives, then goes', async () => {
    let asked = 0;
    const { setup, started, events } = harness(
      { a: ['after the wait'] },
      {
        mode: 'pinned',
        admit: async (): Promise<Admission<null>> =>
          asked++ === 0
            ? { admitted: false, cause: 'quota', reason: 'requestsPerMinute is full', error: new SwitchyardError('rate-limit', 'full'), waitMs: 150 }
            : { admitted: true, ticket: null },
      },
    );
    const before = performance.now();
    expect((await routeCall(setup)).value).toBe('after the wait');
    expect((started[0]?.at ?? 0) - before).toBeGreaterThanOrEqual(145);
    expect(events).toEqual([{ type: 'quota-wait', provider: 'a', model: 'm', waitMs: 150, reason: 'requestsPerMinute is full' }]);
  });

  it('skipped candidates are traced; with nothing left, the call ends with all-providers-failed', async () => {
    const { setup } = harness(
      { a: [], b: [serverError()] },
      {
        retry: resolveRetryPolicy({ maxRetries: 0 }),
        admit: async (target): Promise<Admission<null>> =>
          target.key === 'a' ? { admitted: false, cause: 'breaker', reason: 'circuit open', error: new SwitchyardError('overloaded', 'open') } : { admitted: true, ticket: null },
      },
    );
    const error = await routeCall(setup).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'all-providers-failed', attempts: [{ provider: 'a', outcome: 'skipped' }] });
    expect((error as Error).message).toContain('a (m) skipped: circuit open');
  });

  it('stops waiting as soon as the call is aborted', async () => {
    const controller = new AbortController();
    const { setup } = harness({ a: [new SwitchyardError('rate-limit', 'wait', { retryAfterMs: 10_000 })] }, { mode: 'pinned', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(routeCall(setup)).rejects.toMatchObject({ kind: 'aborted' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
