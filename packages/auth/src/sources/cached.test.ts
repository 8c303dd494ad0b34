import { Secret, SwitchyardError, type ResolvedCredential } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cached } from './cached.js';

/** A source that hands out `token-1`, `token-2`, … and records calls; `fail` makes the next call throw. */
function countingSource() {
  const state = { calls: 0, invalidations: 0, fail: false, gate: undefined as Promise<void> | undefined };
  const source = Object.assign(
    async (): Promise<ResolvedCredential> => {
      state.calls += 1;
      const call = state.calls;
      if (state.gate) await state.gate;
      if (state.fail) throw new SwitchyardError('auth', 'source is down');
      return { secret: new Secret(`token-${call}`), source: 'counting source' };
    },
    { describe: 'counting source', invalidate: () => void (state.invalidations += 1) },
  );
  return { source, state };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('cached()', () => {
  it('reuses the credential for ttlMs, then resolves again', async () => {
    const { source, state } = countingSource();
    const token = cached(source, { ttlMs: 60_000 });
    expect((await token()).secret.reveal()).toBe('token-1');
    vi.setSystemTime(1_000_000 + 59_999);
    expect((await token()).secret.reveal()).toBe('token-1');
    vi.setSystemTime(1_000_000 + 60_000);
    expect((await token()).secret.reveal()).toBe('token-2');
    expect(state.calls).toBe(2);
    expect(token.describe).toBe('cached counting source');
  });

  it('shares one resolution between concurrent callers', async () => {
    const { source, state } = countingSource();
    const token = cached(source, { ttlMs: 1_000 });
    const results = await Promise.all([token(), token(), token()]);
    expect(results.map((result) => result.secret.reveal())).toEqual(['token-1', 'token-1', 'token-1']);
    expect(state.calls).toBe(1);
  });

  it('does not cache failures', async () => {
    const { source, state } = countingSource();
    const token = cached(source, { ttlMs: 1_000 });
    state.fail = true;
    await expect(token()).rejects.toThrow('source is down');
    state.fail = false;
    expect((await token()).secret.reveal()).toBe('token-2');
  });

  it('invalidate() drops the value, invalidates the source, and ignores a resolution already under way', async () => {
    const { source, state } = countingSource();
    const token = cached(source, { ttlMs: 60_000 });
    await token();
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    vi.setSystemTime(1_000_000 + 60_000);
    const stale = token();
    token.invalidate();
    expect(state.invalidations).toBe(1);
    const fresh = token();
    open();
    expect((await stale).secret.reveal()).toBe('token-2');
    expect((await fresh).secret.reveal()).toBe('token-3');
    state.gate = undefined;
    expect((await token()).secret.reveal()).toBe('token-3');
  });

  it('refreshes ahead of expiry in the background, keeping the old value if that fails', async () => {
    const { source, state } = countingSource();
    const token = cached(source, { ttlMs: 10_000, refreshAheadMs: 2_000 });
    await token();
    vi.setSystemTime(1_000_000 + 8_500);
    state.fail = true;
    expect((await token()).secret.reveal()).toBe('token-1');
    await vi.waitFor(() => expect(state.calls).toBe(2));
    state.fail = false;
    expect((await token()).secret.reveal()).toBe('token-1');
    await vi.waitFor(() => expect(state.calls).toBe(3));
    await Promise.resolve();
    expect((await token()).secret.reveal()).toBe('token-3');
  });

  it('rejects invalid options', () => {
    const { source } = countingSource();
    expect(() => cached(source, { ttlMs: 0 })).toThrow(/ttlMs must be more than 0/);
    expect(() => cached(source, { ttlMs: 100, refreshAheadMs: 100 })).toThrow(/refreshAheadMs must be less than ttlMs/);
    expect(() => cached('token' as never, { ttlMs: 100 })).toThrow(/source: expected a credential source/);
  });
});
