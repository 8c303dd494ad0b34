import { inspect } from 'node:util';

/** The marker `@switchyard/core` puts on every `SwitchyardError`, shared across copies of core. */
const SWITCHYARD_ERROR = Symbol.for('switchyard.error');

/** The fields of a `SwitchyardError` the suite checks. */
export interface ObservedError {
  kind: string;
  message: string;
  status?: number;
  retryAfterMs?: number;
  networkPhase?: string;
  committed?: boolean;
  partialText?: string;
}

/** True when `error` is a `SwitchyardError` from any copy of core (checked by marker, not `instanceof`). */
export function isSwitchyardErrorLike(error: unknown): error is Error & ObservedError {
  return typeof error === 'object' && error !== null && (error as { [SWITCHYARD_ERROR]?: unknown })[SWITCHYARD_ERROR] === true;
}

/** Awaits `work` and returns what it rejected with; fails if it resolved. */
export async function rejectionOf(work: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Every rendering of `value` a user might log: its message, `JSON.stringify`, `util.inspect` (deep),
 * and `String()`. A credential must appear in none of them.
 */
export function renderings(value: unknown): string[] {
  const out: string[] = [inspect(value, { depth: 12, showHidden: false, getters: false })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular events are covered by inspect.
  }
  if (value instanceof Error) out.push(value.message, String(value), value.stack ?? '');
  return out;
}

/** The renderings of `values` that contain any of `secrets` (empty when none leaks). */
export function findLeaks(values: readonly unknown[], secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const value of values) {
    for (const text of renderings(value)) {
      if (secrets.some((secret) => text.includes(secret))) leaks.push(text.slice(0, 300));
    }
  }
  return leaks;
}
