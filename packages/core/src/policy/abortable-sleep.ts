import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';

/**
 * Waits `ms` milliseconds, or rejects with an `aborted` error as soon as `signal` aborts (or at once
 * when it already has). The timer and the abort listener are both removed whichever comes first, so
 * an abandoned sleep keeps no timer alive and no listener on a long-lived signal.
 *
 * When the signal's reason is a `SwitchyardError` (a deadline that fired) that error is rethrown.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error an aborted signal stands for: its reason when that is a `SwitchyardError`, else `aborted`. */
export function abortError(signal: AbortSignal): SwitchyardError {
  const reason: unknown = signal.reason;
  if (isSwitchyardError(reason)) return reason;
  return new SwitchyardError('aborted', 'The call was aborted by the caller before it finished.', {
    retryable: false,
    cause: reason,
  });
}
