import { SwitchyardError } from '@switchyard/core';

/**
 * Reads `field` from a secret stored as a JSON object (AWS and Azure secrets often hold
 * `{"token": "…"}`; Vault KV entries always do). Errors name the field and the keys present, never
 * a value.
 */
export function pickField(stored: string | Record<string, unknown>, field: string, where: string): string {
  let fields: unknown = stored;
  if (typeof stored === 'string') {
    try {
      fields = JSON.parse(stored) as unknown;
    } catch {
      fields = undefined;
    }
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new SwitchyardError('auth', `The ${where} is not a JSON object, so its field "${field}" cannot be read. Omit field to use the whole value.`, { retryable: false });
  }
  const value = (fields as Record<string, unknown>)[field];
  if (typeof value === 'string') return value;
  if (value === undefined) {
    const keys = Object.keys(fields);
    throw new SwitchyardError('auth', `The ${where} has no field "${field}"; its fields are: ${keys.length ? keys.join(', ') : '(none)'}. Set field to one of them.`, { retryable: false });
  }
  throw new SwitchyardError('auth', `The field "${field}" of the ${where} is not a string (it is ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}). Store the credential as a string.`, { retryable: false });
}
