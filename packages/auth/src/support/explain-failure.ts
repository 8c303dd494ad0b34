import { SwitchyardError, isSwitchyardError } from '@switchyard/core';

/**
 * Re-words a transport error for the credential being read: `Could not read the vault secret
 * secret/hf (…transport message…). <advice>`, keeping its kind, status, retryability and request id.
 * Anything that is not a `SwitchyardError` (a bug) is returned unchanged.
 */
export function explainFailure(error: unknown, what: string, advice: string | undefined): unknown {
  if (!isSwitchyardError(error)) return error;
  return new SwitchyardError(error.kind, `Could not read the ${what}: ${error.message}${advice ? ` ${advice}` : ''}`, {
    status: error.status,
    requestId: error.requestId,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    timeoutPhase: error.timeoutPhase,
    networkPhase: error.networkPhase,
    code: error.code,
    cause: error,
  });
}
