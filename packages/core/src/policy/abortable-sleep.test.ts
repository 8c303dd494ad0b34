import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { abortableSleep } from './abortable-sleep.js';

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('abortableSleep', () => {
  it('waits the requested time', async () => {
    const started = performance.now();
    await abortableSleep(60);
    expect(performance.now() - started).toBeGreaterThanOrEqual(58);
  });

  it('rejects with an aborted error as soon as the signal aborts and leaves no timer behind', async () => {
    const timersBefore = activeTimers();
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    expect(activeTimers()).toBe(timersBefore + 1);
    setImmediate(() => controller.abort());
    await expect(sleeping).rejects.toMatchObject({ kind: 'aborted' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(activeTimers()).toBe(timersBefore);
  });

  it('rejects at once when the signal already aborted', async () => {
    const timersBefore = activeTimers();
    await expect(abortableSleep(60_000, AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted' });
    expect(activeTimers()).toBe(timersBefore);
  });

  it('rethrows a SwitchyardError abort reason (a deadline) as is', async () => {
    const controller = new AbortController();
    const deadline = new SwitchyardError('timeout', 'The call ran past its deadline.', { timeoutPhase: 'total' });
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(deadline);
    await expect(sleeping).rejects.toBe(deadline);
  });

  it('removes its abort listener when the timer wins', async () => {
    const controller = new AbortController();
    await abortableSleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
