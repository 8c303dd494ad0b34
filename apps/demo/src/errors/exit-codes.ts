import { isSwitchyardError, type ErrorKind } from '@switchyard/core';
import { isUsageError } from './usage-error.js';

/** Nothing went wrong. */
export const EXIT_OK = 0;
/** A bug or an unexpected failure (not a `SwitchyardError`). */
export const EXIT_UNEXPECTED = 1;
/** The command line or the environment is wrong: nothing was sent. */
export const EXIT_USAGE = 2;

/**
 * One exit code per error kind, so scripts can tell "start Ollama" from "fix your token" without
 * parsing messages. Fixed numbers (not derived from `ERROR_KINDS` order), so a kind added to core
 * never renumbers the others; `aborted` uses the shell's 128 + SIGINT convention.
 */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, number>> = Object.freeze({
  'invalid-request': 10,
  auth: 11,
  permission: 12,
  'not-found': 13,
  'model-not-found': 14,
  'rate-limit': 15,
  quota: 16,
  overloaded: 17,
  server: 18,
  timeout: 19,
  network: 20,
  'invalid-response': 21,
  'stream-interrupted': 22,
  'content-filter': 23,
  'context-length': 24,
  'budget-exceeded': 25,
  unsupported: 26,
  'all-providers-failed': 27,
  aborted: 130,
});

/** The process exit code for a failure. */
export function exitCodeFor(error: unknown): number {
  if (isUsageError(error)) return EXIT_USAGE;
  if (isSwitchyardError(error)) return EXIT_CODE_BY_KIND[error.kind] ?? EXIT_UNEXPECTED;
  return EXIT_UNEXPECTED;
}
