import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { decideRetry, mayHaveBeenProcessed } from './retry-decision.js';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy.js';

const state = { retryNumber: 1, policy: DEFAULT_RETRY_POLICY, idempotent: false, committed: false, random: () => 0.5 };

describe('decideRetry', () => {
  it('retries retryable kinds with backoff', () => {
    for (const kind of ['rate-limit', 'overloaded', 'server', 'timeout'] as const) {
      expect(decideRetry(new SwitchyardError(kind, 'x', { status: kind === 'server' ? 500 : undefined }), state)).toEqual({
        retry: true,
        delayMs: 250,
        fromRetryAfter: false,
      });
    }
  });

  it('never retries non-retryable kinds', () => {
    for (const kind of ['invalid-request', 'auth', 'model-not-found', 'content-filter', 'budget-exceeded', 'aborted'] as const) {
      expect(decideRetry(new SwitchyardError(kind, 'x'), state)).toMatchObject({ retry: false });
    }
  });

  it('honours a server that says not to retry (retryable: false from x-should-retry)', () => {
    expect(decideRetry(new SwitchyardError('server', 'x', { status: 500, retryable: false }), state)).toMatchObject({ retry: false });
  });

  it('retries a pre-send network error, but a post-send one only when the call is idempotent', () => {
    const preSend = new SwitchyardError('network', 'refused', { networkPhase: 'pre-send' });
    const postSend = new SwitchyardError('network', 'reset', { networkPhase: 'post-send' });
    expect(decideRetry(preSend, state)).toMatchObject({ retry: true });
    expect(decideRetry(postSend, state)).toMatchObject({ retry: false, reason: expect.stringContaining('idempotent') });
    expect(decideRetry(postSend, { ...state, idempotent: true })).toMatchObject({ retry: true });
  });

  it('treats 502 and 504 as possibly processed, 500 and 503 as safe to repeat', () => {
    for (const status of [502, 504]) {
      const error = new SwitchyardError('server', 'gateway', { status });
      expect(mayHaveBeenProcessed(error)).toBe(true);
      expect(decideRetry(error, state)).toMatchObject({ retry: false });
      expect(decideRetry(error, { ...state, idempotent: true })).toMatchObject({ retry: true });
    }
    expect(decideRetry(new SwitchyardError('server', 'x', { status: 500 }), state)).toMatchObject({ retry: true });
    expect(decideRetry(new SwitchyardError('overloaded', 'x', { status: 503 }), state)).toMatchObject({ retry: true });
  });

  it('stops after maxRetries', () => {
    const error = new SwitchyardError('server', 'x', { status: 500 });
    expect(decideRetry(error, { ...state, retryNumber: 2 })).toMatchObject({ retry: true });
    expect(decideRetry(error, { ...state, retryNumber: 3 })).toMatchObject({ retry: false, reason: expect.stringContaining('maxRetries 2') });
    expect(decideRetry(error, { ...state, policy: resolveRetryPolicy({ maxRetries: 0 }) })).toMatchObject({ retry: false });
  });

  it('waits exactly the Retry-After, up to maxRetryAfterMs', () => {
    const error = new SwitchyardError('rate-limit', 'slow down', { status: 429, retryAfterMs: 1500 });
    expect(decideRetry(error, state)).toEqual({ retry: true, delayMs: 1500, fromRetryAfter: true });
    const capped = { ...state, policy: resolveRetryPolicy({ maxRetryAfterMs: 1000 }) };
    expect(decideRetry(error, capped)).toMatchObject({ retry: false, reason: expect.stringContaining('maxRetryAfterMs') });
  });

  it('never retries past the commit point', () => {
    const error = new SwitchyardError('network', 'reset', { networkPhase: 'pre-send' });
    expect(decideRetry(error, { ...state, committed: true })).toMatchObject({ retry: false });
    expect(decideRetry(new SwitchyardError('stream-interrupted', 'cut', { committed: true }), state)).toMatchObject({ retry: false });
  });
});
