import { SwitchyardError, abortableSleep } from '@switchyard/core';
import type { ProviderProgressEvent } from '@switchyard/core';

/** What one look at an asynchronous job found. */
export type PollOutcome<T> =
  | { done: true; value: T }
  | {
      done: false;
      /** The job's own status word, for progress events and the timeout message. */
      status: string;
      /** How long the server asked us to wait (`Retry-After`), when it did. */
      retryAfterMs?: number;
      /** Queue position or similar detail for progress events. */
      detail?: string;
    };

/** How to poll: the attempt's signal and deadline, the interval, and where progress goes. */
export interface PollSettings {
  signal: AbortSignal;
  /** Epoch milliseconds at which the attempt's total timeout passes: no request starts after it. */
  deadline: number;
  /** First wait; grows ×1.5 per poll up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  /** Names the job in messages: `"fal-ai queue request 1234"`. */
  what: string;
  emit?: (event: ProviderProgressEvent) => void;
  /** For tests of the clock; default `Date.now`. */
  now?: () => number;
}

/**
 * Looks at a job until it is done, waiting between looks: the interval grows from `intervalMs` to
 * `maxIntervalMs`, a `Retry-After` from the server wins, and every wait is abortable. When the next
 * look would start after the deadline, it waits out the deadline instead and fails with a `timeout`
 * error (phase `total`): a queue that never completes ends at the task's total timeout, and no
 * request is sent after it.
 *
 * `check` is called once at once (the submit answer usually says whether the job is already done).
 */
export async function pollUntilDone<T>(check: (pollNumber: number) => Promise<PollOutcome<T>>, settings: PollSettings): Promise<T> {
  const now = settings.now ?? Date.now;
  let interval = settings.intervalMs;
  let lastStatus = 'submitted';
  for (let pollNumber = 0; ; pollNumber += 1) {
    const outcome = await check(pollNumber);
    if (outcome.done) return outcome.value;
    lastStatus = outcome.status;
    settings.emit?.({
      type: 'progress',
      stage: /progress|running|processing|starting/i.test(outcome.status) ? 'in-progress' : 'queued',
      detail: outcome.detail === undefined ? `${settings.what}: ${outcome.status}` : `${settings.what}: ${outcome.status} (${outcome.detail})`,
    });
    const wait = outcome.retryAfterMs ?? interval;
    interval = Math.min(interval * 1.5, settings.maxIntervalMs);
    const remaining = settings.deadline - now();
    if (wait >= remaining) {
      await abortableSleep(Math.max(0, remaining), settings.signal);
      throw new SwitchyardError(
        'timeout',
        `${settings.what} was still "${lastStatus}" when the total timeout passed (${pollNumber + 1} status checks); ` +
          'raise timeouts.total for this task if the job needs longer.',
        { timeoutPhase: 'total' },
      );
    }
    await abortableSleep(wait, settings.signal);
  }
}
