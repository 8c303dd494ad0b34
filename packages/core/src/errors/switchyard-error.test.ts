import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SwitchyardError, isSwitchyardError } from './switchyard-error.js';

function thrownDeep(depth: number): SwitchyardError {
  return depth === 0 ? new SwitchyardError('server', 'The server failed.', { status: 500, provider: 'groq' }) : thrownDeep(depth - 1);
}

describe('SwitchyardError.withContext', () => {
  it('fills in missing fields, keeps the ones set, and keeps the original stack', () => {
    const original = thrownDeep(3);
    const copy = original.withContext({ provider: 'other', model: 'llama', attempt: 2 });
    expect(copy).toMatchObject({ kind: 'server', message: 'The server failed.', status: 500, provider: 'groq', model: 'llama', attempt: 2, retryable: true });
    expect(isSwitchyardError(copy)).toBe(true);
    expect(copy).toBeInstanceOf(Error);
    // The frames are where the original was made, not where the copy was.
    expect(copy.stack).toBe(original.stack);
    expect(copy.stack).toContain('thrownDeep');
    expect(inspect(copy)).toContain('thrownDeep');
    expect(JSON.parse(JSON.stringify(copy))).toMatchObject({ provider: 'groq', model: 'llama', attempt: 2 });
  });

  it('lets the copy be given a stack of its own', () => {
    const copy = thrownDeep(0).withContext({ attempt: 1 });
    copy.stack = 'SwitchyardError: replaced';
    expect(copy.stack).toBe('SwitchyardError: replaced');
  });
});
