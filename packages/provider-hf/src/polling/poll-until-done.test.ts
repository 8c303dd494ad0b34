import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '@switchyard/core';
import { pollUntilDone } from './poll-until-done.js';

describe('pollUntilDone', () => {
  it('looks once at once, then waits a growing interval between looks, capped', async () => {
    const times: number[] = [];
    const value = await pollUntilDone(
      async (pollNumber) => {
        times.push(Date.now());
        return pollNumber < 4 ? { done: false, status: 'IN_QUEUE' } : { done: true, value: 'ok' };
      },
      { signal: new AbortController().signal, deadline: Date.now() + 5_000, intervalMs: 40, maxIntervalMs: 60, what: 'job' },
    );
    expect(value).toBe('ok');
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[3]).toBeGreaterThanOrEqual(58);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  });

  it('a Retry-After wins over the interval', async () => {
    const times: number[] = [];
    await pollUntilDone(
      async (pollNumber) => {
        times.push(Date.now());
        return pollNumber === 0 ? { done: false, status: 'queued', retryAfterMs: 300 } : { done: true, value: true };
      },
      { signal: new AbortController().signal, deadline: Date.now() + 5_000, intervalMs: 10, maxIntervalMs: 10, what: 'job' },
    );
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(290);
  });

  it('when the next look would pass the deadline, it waits for the deadline and fails with a total timeout, without looking again', async () => {
    let looks = 0;
    const deadline = Date.now() + 250;
    const error = await pollUntilDone(
      async () => {
        looks += 1;
        return { done: false, status: 'IN_PROGRESS' };
      },
      { signal: new AbortController().signal, deadline, intervalMs: 100, maxIntervalMs: 1_000, what: 'fal-ai job 7' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'total' });
    expect((error as Error).message).toContain('fal-ai job 7 was still "IN_PROGRESS"');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 5);
    expect(looks).toBe(2); // at 0 ms and ~100 ms; the next (~250 ms) would be at the deadline
  });

  it('an abort ends the wait at once with the abort\'s error', async () => {
    const controller = new AbortController();
    const reason = new SwitchyardError('timeout', 'first-token deadline', { timeoutPhase: 'first-token' });
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    await expect(
      pollUntilDone(async () => ({ done: false, status: 'queued' }), { signal: controller.signal, deadline: Date.now() + 10_000, intervalMs: 5_000, maxIntervalMs: 5_000, what: 'job' }),
    ).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
