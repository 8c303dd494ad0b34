import { SwitchyardError, isSwitchyardError } from '../errors/switchyard-error.js';

/**
 * The error an abort stands for. A `SwitchyardError` reason (a deadline the client set) is returned
 * as is; a caller deadline (`AbortSignal.timeout`, a `TimeoutError`) is a `timeout` in phase
 * `total`; anything else is `aborted`. Neither of the last two is retried: the caller is done.
 */
export function abortReasonError(
  reason: unknown,
  context: { provider?: string | undefined; model?: string | undefined; attempt?: number | undefined } = {},
): SwitchyardError {
  if (isSwitchyardError(reason)) return reason;
  const { provider, model, attempt } = context;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new SwitchyardError('timeout', "The caller's signal timed out before the call finished.", {
      provider, model, attempt, timeoutPhase: 'total', retryable: false, cause: reason,
    });
  }
  return new SwitchyardError('aborted', 'The call was aborted by the caller before it finished.', {
    provider, model, attempt, retryable: false, cause: reason,
  });
}
