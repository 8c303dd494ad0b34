import { SwitchyardError } from '@switchyard/core';

/**
 * Turns a failed `import()` of an optional peer dependency into an error that says what to
 * install; any other failure (the package is there but broken) is rethrown unchanged.
 */
export function missingPeer(error: unknown, packageNames: string, entryPoint: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return error;
  return new SwitchyardError('invalid-request', `${entryPoint} needs ${packageNames}, which is not installed. Install it: npm install ${packageNames}`, { retryable: false, cause: error });
}
