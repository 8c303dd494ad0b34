import { SwitchyardError, isSwitchyardError } from '@switchyard/core';

/**
 * The same error with the upstream named at the start of its message (`"Hugging Face (together): …"`),
 * so that a failure behind the router says which provider failed. Errors that already name it, and
 * anything that is not a `SwitchyardError`, pass through unchanged.
 */
export function nameUpstream(error: unknown, label: string): unknown {
  if (!isSwitchyardError(error) || error.message.includes(label)) return error;
  const named = new SwitchyardError(error.kind, `${label}: ${error.message}`, {
    provider: error.provider,
    model: error.model,
    status: error.status,
    requestId: error.requestId,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    attempt: error.attempt,
    committed: error.committed,
    timeoutPhase: error.timeoutPhase,
    networkPhase: error.networkPhase,
    code: error.code,
    partialText: error.partialText,
    partialUsage: error.partialUsage,
    attempts: error.attempts,
    cause: error.cause,
  });
  named.stack = error.stack;
  return named;
}
