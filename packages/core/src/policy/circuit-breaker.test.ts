import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from './circuit-breaker.js';
import { createMemoryStateStore } from './state-store.js';

function setup() {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const breaker = new CircuitBreaker(createMemoryStateStore(), { ...DEFAULT_BREAKER_OPTIONS, failureThreshold: 3, cooldownMs: 1000 }, () => now);
  return { breaker, clock };
}

const serverError = new SwitchyardError('server', 'boom', { status: 500 });

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, then lets exactly one probe through after the cooldown', async () => {
    const { breaker, clock } = setup();
    expect(await breaker.recordFailure('p/m', serverError)).toBeUndefined();
    expect(await breaker.recordFailure('p/m', serverError)).toBeUndefined();
    expect(await breaker.acquire('p/m')).toEqual({ allowed: true, probe: false });
    expect(await breaker.recordFailure('p/m', serverError)).toMatchObject({ type: 'opened', until: 1_001_000 });
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: false, retryAfterMs: 1000, reason: expect.stringContaining('3 consecutive failures (last: server (500))') });
    clock.advance(1000);
    const permits = await Promise.all([breaker.acquire('p/m'), breaker.acquire('p/m'), breaker.acquire('p/m')]);
    expect(permits.filter((permit) => permit.allowed)).toEqual([{ allowed: true, probe: true }]);
    expect(await breaker.recordSuccess('p/m')).toEqual({ type: 'closed' });
    expect(await breaker.acquire('p/m')).toEqual({ allowed: true, probe: false });
  });

  it('reopens when the probe fails', async () => {
    const { breaker, clock } = setup();
    for (let index = 0; index < 3; index++) await breaker.recordFailure('p/m', serverError);
    clock.advance(1000);
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true, probe: true });
    expect(await breaker.recordFailure('p/m', serverError)).toMatchObject({ type: 'opened', until: 1_002_000 });
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: false });
  });

  it('a success resets the count of consecutive failures', async () => {
    const { breaker } = setup();
    await breaker.recordFailure('p/m', serverError);
    await breaker.recordFailure('p/m', serverError);
    expect(await breaker.recordSuccess('p/m')).toBeUndefined();
    expect(await breaker.recordFailure('p/m', serverError)).toBeUndefined();
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true });
  });

  it("uses a 429's Retry-After as the cooldown, at once", async () => {
    const { breaker, clock } = setup();
    const rateLimited = new SwitchyardError('rate-limit', 'slow down', { status: 429, retryAfterMs: 5000 });
    expect(await breaker.recordFailure('p/m', rateLimited)).toMatchObject({ type: 'opened', until: 1_005_000 });
    clock.advance(4999);
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true, probe: true });
  });

  it("ignores failures that are the caller's doing, and keys are independent", async () => {
    const { breaker } = setup();
    for (let index = 0; index < 5; index++) {
      await breaker.recordFailure('p/m', new SwitchyardError('invalid-request', 'bad'));
      await breaker.recordFailure('p/m', new SwitchyardError('aborted', 'stop'));
    }
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true });
    for (let index = 0; index < 3; index++) await breaker.recordFailure('p/other', serverError);
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true });
    expect(await breaker.acquire('p/other')).toMatchObject({ allowed: false });
  });

  it('release lets the next caller probe when a probe was abandoned', async () => {
    const { breaker, clock } = setup();
    for (let index = 0; index < 3; index++) await breaker.recordFailure('p/m', serverError);
    clock.advance(1000);
    expect(await breaker.acquire('p/m')).toMatchObject({ probe: true });
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: false });
    await breaker.release('p/m');
    expect(await breaker.acquire('p/m')).toMatchObject({ allowed: true, probe: true });
  });
});
