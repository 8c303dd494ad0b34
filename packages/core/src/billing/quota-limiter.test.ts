import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { QuotaLimiter } from './quota-limiter.js';
import type { QuotaAnswer, QuotaLease } from './quota-limiter.js';

const START = Date.parse('2025-03-10T12:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  expect(vi.getTimerCount()).toBe(0);
  vi.useRealTimers();
});

function lease(answer: QuotaAnswer): QuotaLease {
  if (!answer.ok) throw new Error(`expected a grant, got: ${answer.reason}`);
  return answer.lease;
}

describe('QuotaLimiter.tryAcquire', () => {
  it('grants requestsPerMinute calls in any sliding minute and says when the next slot frees', async () => {
    const limiter = new QuotaLimiter({ limits: { groq: { requestsPerMinute: 3 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('groq'));
    vi.advanceTimersByTime(10_000);
    lease(await limiter.tryAcquire('groq'));
    lease(await limiter.tryAcquire('groq'));
    const denied = await limiter.tryAcquire('groq');
    expect(denied).toEqual({
      ok: false,
      key: 'groq',
      limit: 'requestsPerMinute',
      reason: 'provider "groq" is at its limit of 3 requests per minute; the next slot frees in 50.0 s',
      freesAt: START + 60_000,
    });
    vi.advanceTimersByTime(49_999);
    expect((await limiter.tryAcquire('groq')).ok).toBe(false);
    vi.advanceTimersByTime(1);
    lease(await limiter.tryAcquire('groq'));
    // The two calls made at +10 s still fill the window until +70 s.
    expect(await limiter.tryAcquire('groq')).toMatchObject({ ok: false, freesAt: START + 70_000 });
  });

  it('counts tokens per minute and frees when enough old tokens leave the window', async () => {
    const limiter = new QuotaLimiter({ limits: { groq: { tokensPerMinute: 1_000 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('groq', { tokens: 400 }));
    vi.advanceTimersByTime(5_000);
    lease(await limiter.tryAcquire('groq', { tokens: 400 }));
    vi.advanceTimersByTime(5_000);
    expect(await limiter.tryAcquire('groq', { tokens: 300 })).toMatchObject({
      ok: false,
      limit: 'tokensPerMinute',
      reason: 'provider "groq" is at its limit of 1000 tokens per minute (800 used in the last minute, this call needs about 300); the next slot frees in 50.0 s',
      freesAt: START + 60_000,
    });
    // 700 tokens need both older calls gone.
    expect(await limiter.tryAcquire('groq', { tokens: 700 })).toMatchObject({ ok: false, freesAt: START + 65_000 });
    lease(await limiter.tryAcquire('groq', { tokens: 200 }));
  });

  it('settling with the real token count frees what the estimate over-counted', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { tokensPerMinute: 1_000 } } });
    const first = lease(await limiter.tryAcquire('p', { tokens: 900 }));
    expect((await limiter.tryAcquire('p', { tokens: 200 })).ok).toBe(false);
    await limiter.settle(first, 150);
    lease(await limiter.tryAcquire('p', { tokens: 800 }));
    expect((await limiter.tryAcquire('p', { tokens: 100 })).ok).toBe(false);
  });

  it('releasing a lease gives its request and tokens back', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { requestsPerMinute: 1, tokensPerMinute: 100 } } });
    const first = lease(await limiter.tryAcquire('p', { tokens: 100 }));
    expect((await limiter.tryAcquire('p')).ok).toBe(false);
    await limiter.release(first);
    await limiter.release(first);
    lease(await limiter.tryAcquire('p', { tokens: 100 }));
    expect(await limiter.subscriptionState('p')).toEqual({ requestsUsed: 1, tokensUsed: 100 });
  });

  it('never admits a call larger than a limit, and says what to change', async () => {
    const limiter = new QuotaLimiter({ limits: { groq: { tokensPerMinute: 6_000 } } });
    expect(await limiter.tryAcquire('groq', { tokens: 8_000 })).toEqual({
      ok: false,
      key: 'groq',
      limit: 'tokensPerMinute',
      reason: 'this call needs about 8000 tokens but provider "groq" allows 6000 tokens per minute: lower maxTokens or raise quotas["groq"].tokensPerMinute',
      freesAt: undefined,
    });
    await expect(limiter.acquire('groq', { tokens: 8_000 })).rejects.toMatchObject({
      kind: 'quota',
      retryable: false,
      message: 'This call needs about 8000 tokens but provider "groq" allows 6000 tokens per minute: lower maxTokens or raise quotas["groq"].tokensPerMinute.',
    });
  });

  it('counts a provider\'s routes together under its limits, and a route alone under its own', async () => {
    const limiter = new QuotaLimiter({ limits: { hf: { requestsPerMinute: 3 }, 'hf/together': { requestsPerMinute: 1 } } });
    lease(await limiter.tryAcquire('hf/together'));
    expect(await limiter.tryAcquire('hf/together')).toMatchObject({ ok: false, key: 'hf/together', reason: expect.stringContaining('provider "hf/together" is at its limit of 1') });
    lease(await limiter.tryAcquire('hf/novita'));
    lease(await limiter.tryAcquire('hf'));
    expect(await limiter.tryAcquire('hf/novita')).toMatchObject({ ok: false, key: 'hf' });
    lease(await limiter.tryAcquire('ollama'));
  });
});

describe('QuotaLimiter: monthly limits and subscription usage', () => {
  it('counts requests and tokens per UTC month for every provider, routes included', async () => {
    const limiter = new QuotaLimiter({ now: () => Date.now() });
    const first = lease(await limiter.tryAcquire('hf/together', { tokens: 100 }));
    expect(first.subscriptionState).toEqual({ requestsUsed: 0, tokensUsed: 0 });
    await limiter.settle(first, 120);
    const second = lease(await limiter.tryAcquire('hf', { tokens: 50 }));
    expect(second.subscriptionState).toEqual({ requestsUsed: 1, tokensUsed: 120 });
    expect(await limiter.subscriptionState('hf/novita')).toEqual({ requestsUsed: 2, tokensUsed: 170 });
    expect(await limiter.subscriptionState('ollama')).toEqual({ requestsUsed: 0, tokensUsed: 0 });
    vi.setSystemTime(Date.parse('2025-04-01T00:00:00Z'));
    expect(await limiter.subscriptionState('hf')).toEqual({ requestsUsed: 0, tokensUsed: 0 });
    expect(lease(await limiter.tryAcquire('hf')).subscriptionState).toEqual({ requestsUsed: 0, tokensUsed: 0 });
  });

  it('blocks at a monthly cap until the next month', async () => {
    const limiter = new QuotaLimiter({ limits: { free: { requestsPerMonth: 2 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('free'));
    lease(await limiter.tryAcquire('free'));
    expect(await limiter.tryAcquire('free')).toMatchObject({
      ok: false,
      limit: 'requestsPerMonth',
      reason: 'provider "free" has used its 2 requests for this month (UTC); it frees at 2025-04-01T00:00:00.000Z',
      freesAt: Date.parse('2025-04-01T00:00:00Z'),
    });
    const error = await limiter.acquire('free', { deadline: Date.now() + 30_000 }).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('quota');
    expect(isSwitchyardError(error) && error.retryAfterMs).toBe(Date.parse('2025-04-01T00:00:00Z') - START);
    expect((error as Error).message).toContain('after this call\'s deadline. Raise quotas["free"].requestsPerMonth in the client options');
  });
});

describe('QuotaLimiter.acquire', () => {
  it('waits for the slot to free, then takes it', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { requestsPerMinute: 1 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('p'));
    const waits: number[] = [];
    let granted = 0;
    const pending = limiter.acquire('p', { deadline: START + 120_000, onWait: (waitMs) => waits.push(waitMs) }).then((value) => {
      granted = Date.now();
      return value;
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(granted).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(granted).toBe(START + 60_000);
    expect(waits).toEqual([60_000]);
  });

  it('fails at once with rate-limit when the slot frees after the deadline', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { requestsPerMinute: 1 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('p'));
    await expect(limiter.acquire('p', { deadline: START + 30_000 })).rejects.toMatchObject({
      kind: 'rate-limit',
      provider: 'p',
      retryable: false,
      retryAfterMs: 60_000,
      message: 'Provider "p" is at its limit of 1 request per minute; the next slot frees in 60.0 s, after this call\'s deadline. Raise quotas["p"].requestsPerMinute in the client options, or send the call to another provider.',
    });
  });

  it('stops waiting when the signal aborts, leaving no timer behind', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { requestsPerMinute: 1 } }, now: () => Date.now() });
    lease(await limiter.tryAcquire('p'));
    const controller = new AbortController();
    const pending = limiter.acquire('p', { signal: controller.signal });
    const outcome = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect(await outcome).toMatchObject({ kind: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
    // The aborted waiter took nothing: the next slot is still the first free one.
    await vi.advanceTimersByTimeAsync(59_000);
    lease(await limiter.tryAcquire('p'));
  });

  it('lets many waiters through without ever exceeding the limit in any sliding minute', async () => {
    const limiter = new QuotaLimiter({ limits: { p: { requestsPerMinute: 5 } }, now: () => Date.now() });
    const grantedAt: number[] = [];
    const waiters = Array.from({ length: 23 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 700));
      await limiter.acquire('p', { deadline: START + 600_000 });
      grantedAt.push(Date.now());
    });
    await vi.advanceTimersByTimeAsync(300_000);
    await Promise.all(waiters);
    expect(grantedAt).toHaveLength(23);
    for (const at of grantedAt) {
      expect(grantedAt.filter((other) => other >= at && other < at + 60_000).length).toBeLessThanOrEqual(5);
    }
    // Slots were used as soon as they freed: 23 calls at 5 per minute need 4 full minutes.
    expect(Math.max(...grantedAt) - START).toBeLessThan(4 * 60_000 + 20_000);
  });
});

describe('QuotaLimiter: input validation', () => {
  it('says what is wrong with the quotas option and with a request', async () => {
    expect(() => new QuotaLimiter({ limits: { groq: { requestsPerMinute: 0 } } })).toThrow('Invalid quotas option: groq.requestsPerMinute: requestsPerMinute must be > 0.');
    expect(() => new QuotaLimiter({ limits: { groq: { rpm: 5 } as never } })).toThrow(/Unrecognized key: "rpm"/);
    const limiter = new QuotaLimiter();
    await expect(limiter.tryAcquire('p', { tokens: -1 })).rejects.toThrow('Invalid quota request: tokens: tokens must be >= 0.');
    await expect(limiter.acquire('', {})).rejects.toMatchObject({ kind: 'invalid-request' });
  });
});
