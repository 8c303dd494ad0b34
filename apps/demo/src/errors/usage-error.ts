import { SwitchyardError, isSwitchyardError } from '@switchyard/core';

/** The `code` that marks a mistake on the command line or in the environment (exit code 2). */
export const USAGE_ERROR_CODE = 'cli-usage';

/**
 * A bad flag, argument or environment variable, found before anything was sent. It is an
 * `invalid-request` `SwitchyardError` (so `--json` reports it like any other), told apart by its code.
 */
export function usageError(message: string): SwitchyardError {
  return new SwitchyardError('invalid-request', message, { code: USAGE_ERROR_CODE, retryable: false });
}

/** True for errors made by {@link usageError}. */
export function isUsageError(error: unknown): boolean {
  return isSwitchyardError(error) && error.code === USAGE_ERROR_CODE;
}
