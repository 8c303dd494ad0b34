import { abortReasonError } from './abort-error.js';

/**
 * Waits `ms` milliseconds, or rejects with an `aborted` error as soon as `signal` aborts (or at once
 * when it already has). The timer and the abort listener are both removed whichever comes first, so
 * an abandoned sleep keeps no timer alive and no listener on a long-lived signal.
 *
 * The rejection is {@link abortReasonError} of the signal's reason: a deadline the client set is
 * rethrown as is.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReasonError(signal.reason));
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReasonError((signal as AbortSignal).reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
