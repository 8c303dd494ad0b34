import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { AttemptScope } from './attempt-scope.js';

const identity = { provider: 'p', model: 'm', attempt: 1 };
const timeouts = (overrides: Partial<AttemptScope['timeouts']> = {}) => ({
  connectMs: 1000, headersMs: 1000, firstTokenMs: 1000, idleMs: 1000, totalMs: 10_000, ...overrides,
});

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

/** Yields the given events `gapMs` apart, then never yields again (a stalled provider that ignores its signal). */
async function* paced(events: ChatStreamEvent[], gapMs: number): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    yield event;
  }
  await new Promise(() => undefined);
}

/** `source` read event by event through `scope.read`, as a committed stream's reader does. */
function watched(scope: AttemptScope, source: AsyncIterable<ChatStreamEvent>) {
  const iterator = source[Symbol.asyncIterator]();
  return {
    next: () => scope.read(iterator, (result) => result, (error) => Promise.reject(error)),
    // Not awaited, as AttemptStream.close(): a generator stalled inside next() queues return() forever.
    return: () => {
      void iterator.return?.(undefined).catch(() => undefined);
    },
  };
}

describe('AttemptScope', () => {
  it('fires the first-token deadline within 10 % even when the provider ignores its signal', async () => {
    const scope = new AttemptScope(identity, timeouts({ firstTokenMs: 300 }), undefined);
    const events = watched(scope, paced([{ type: 'start' }], 50));
    expect(await events.next()).toEqual({ done: false, value: { type: 'start' } });
    const started = scope.startedAt;
    const error = await events.next().catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', timeoutPhase: 'first-token', provider: 'p', model: 'm', attempt: 1 });
    expect((error as Error).message).toContain('timeouts.firstTokenMs');
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(330);
    expect(scope.signal.aborted).toBe(true);
    scope.dispose();
    await events.return?.();
  });

  it('switches to the idle deadline after the first content event; every event resets it', async () => {
    const scope = new AttemptScope(identity, timeouts({ firstTokenMs: 200, idleMs: 150 }), undefined);
    const text: ChatStreamEvent = { type: 'text', text: 'a' };
    // Four events 100 ms apart: 400 ms in all, longer than first-token and idle, but no gap exceeds idle.
    const events = watched(scope, paced([text, text, text, text], 100));
    for (let index = 0; index < 4; index++) expect((await events.next()).done).toBe(false);
    expect(scope.timeToFirstTokenMs).toBeGreaterThanOrEqual(95);
    const lastEventAt = performance.now();
    await expect(events.next()).rejects.toMatchObject({ kind: 'timeout', timeoutPhase: 'idle' });
    const gap = performance.now() - lastEventAt;
    expect(gap).toBeGreaterThanOrEqual(140);
    expect(gap).toBeLessThan(170);
    scope.dispose();
  });

  it('bounds an answer (unstreamed) by the first-token deadline with guard()', async () => {
    const scope = new AttemptScope(identity, timeouts({ firstTokenMs: 100 }), undefined);
    const never = new Promise<string>(() => undefined);
    await expect(scope.guard(never)).rejects.toMatchObject({ kind: 'timeout', timeoutPhase: 'first-token' });
    scope.dispose();
  });

  it('fires the total deadline', async () => {
    const scope = new AttemptScope(identity, timeouts({ firstTokenMs: 5000, totalMs: 120 }), undefined);
    await expect(scope.guard(new Promise(() => undefined))).rejects.toMatchObject({ kind: 'timeout', timeoutPhase: 'total' });
    scope.dispose();
  });

  it("aborts with the caller's signal, as aborted (or timeout for AbortSignal.timeout)", async () => {
    const controller = new AbortController();
    const scope = new AttemptScope(identity, timeouts(), controller.signal);
    const pending = scope.guard(new Promise(() => undefined));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', retryable: false });
    scope.dispose();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const timed = new AttemptScope(identity, timeouts(), AbortSignal.timeout(20));
    await expect(timed.guard(new Promise(() => undefined))).rejects.toMatchObject({ kind: 'timeout', timeoutPhase: 'total', retryable: false });
    timed.dispose();
  });

  it('is aborted from the start when the caller already aborted', async () => {
    const scope = new AttemptScope(identity, timeouts(), AbortSignal.abort());
    expect(scope.signal.aborted).toBe(true);
    await expect(scope.guard(Promise.resolve(1))).rejects.toMatchObject({ kind: 'aborted' });
    scope.dispose();
  });

  it('gives provider errors the attempt context and wraps foreign throws as invalid-response', async () => {
    const scope = new AttemptScope(identity, timeouts(), undefined);
    await expect(scope.guard(Promise.reject(new SwitchyardError('server', 'boom', { status: 500 })))).rejects.toMatchObject({
      kind: 'server', provider: 'p', model: 'm', attempt: 1,
    });
    await expect(scope.guard(Promise.reject(new TypeError('x is undefined')))).rejects.toMatchObject({
      kind: 'invalid-response', message: expect.stringContaining('bug in the provider'),
    });
    const throwing: AsyncIterator<ChatStreamEvent> = {
      next() {
        throw new RangeError('bad');
      },
    };
    await expect(scope.read(throwing, (result) => result, (error) => Promise.reject(error))).rejects.toMatchObject({ kind: 'invalid-response' });
    scope.dispose();
  });

  it('leaves no timer and no listener after dispose', async () => {
    const timersBefore = activeTimers();
    const controller = new AbortController();
    const scope = new AttemptScope(identity, timeouts(), controller.signal);
    expect(activeTimers()).toBe(timersBefore + 1);
    const events = watched(scope, paced([{ type: 'text', text: 'x' }], 1));
    await events.next();
    scope.dispose();
    await events.return?.();
    expect(activeTimers()).toBe(timersBefore);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(scope.signal, 'abort')).toHaveLength(0);
  });
});
