import { describe, expect, it } from 'vitest';
import { findLeaks, isSwitchyardErrorLike, rejectionOf } from './conformance-checks.js';

const SECRET = 'a1b2c3d4e5f6';

describe('findLeaks', () => {
  it('finds a secret in a message, in JSON-only fields, in inspect-only fields and in nested causes', () => {
    const inMessage = new Error(`bad key sk-${SECRET}`);
    const inJson = { toJSON: () => ({ header: `Bearer ${SECRET}` }) };
    const hidden = Object.defineProperty({}, 'header', { value: SECRET, enumerable: false });
    const inCause = new Error('outer', { cause: new Error(`inner ${SECRET}`) });
    expect(findLeaks([inMessage], [SECRET])).not.toEqual([]);
    expect(findLeaks([inJson], [SECRET])).not.toEqual([]);
    expect(findLeaks([inCause], [SECRET])).not.toEqual([]);
    // Non-enumerable properties are invisible to JSON and default inspect, as they are to a logger.
    expect(findLeaks([hidden], [SECRET])).toEqual([]);
  });

  it('tolerates circular values and reports nothing when the secret is absent', () => {
    const circular: Record<string, unknown> = { name: 'event' };
    circular.self = circular;
    expect(findLeaks([circular, new Error('clean'), undefined, 42], [SECRET])).toEqual([]);
  });
});

describe('isSwitchyardErrorLike and rejectionOf', () => {
  it('recognises the Symbol.for marker of any core copy, not instanceof', () => {
    const marked = Object.assign(new Error('x'), { kind: 'auth', [Symbol.for('switchyard.error')]: true });
    expect(isSwitchyardErrorLike(marked)).toBe(true);
    expect(isSwitchyardErrorLike(new Error('x'))).toBe(false);
    expect(isSwitchyardErrorLike(null)).toBe(false);
  });

  it('returns the rejection, and fails when the work succeeds', async () => {
    const reason = new Error('no');
    await expect(rejectionOf(Promise.reject(reason))).resolves.toBe(reason);
    await expect(rejectionOf(async () => 'fine')).rejects.toThrow(/expected the call to fail/);
  });
});
