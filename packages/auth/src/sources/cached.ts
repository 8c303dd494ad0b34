import { lazySchema, validateInput, type CredentialSource, type ResolvedCredential } from '@switchyard/core';
import type { z } from 'zod';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { credentialSourceSchema } from '../support/source-schema.js';

const cachedArgumentsSchema = lazySchema((z) =>
  z.object({
    source: credentialSourceSchema(),
    options: z
      .object({
        ttlMs: z.number().positive('ttlMs must be more than 0 (milliseconds to keep the credential)'),
        refreshAheadMs: z.number().nonnegative().optional(),
      })
      .strict()
      .refine((options) => (options.refreshAheadMs ?? 0) < options.ttlMs, 'refreshAheadMs must be less than ttlMs'),
  }),
);

/** Options of {@link cached}. */
export interface CachedSourceOptions {
  /** How long a resolved credential is reused, in milliseconds. */
  ttlMs: number;
  /**
   * Within this many milliseconds of expiry, a call still gets the cached credential at once and
   * starts a background refresh, so callers never wait on a slow source (a vault, a CLI). A failed
   * background refresh keeps the cached value until it expires. Default 0 (no refresh ahead).
   */
  refreshAheadMs?: number;
}

/** A cached source: a {@link CredentialSource} whose `invalidate()` is always present. */
export type CachedSource = DescribedSource & { invalidate(): void };

/**
 * Reuses what `source` resolves for `ttlMs`, then resolves it again on the next call (concurrent
 * callers share one resolution; failures are not cached). `invalidate()` drops the cached value and
 * invalidates `source`: core's transport calls it once when a server answers 401, then retries the
 * request once with a fresh credential.
 *
 * @example
 * const token = cached(command(['vault', 'kv', 'get', '-field=token', 'secret/hf']), { ttlMs: 5 * 60_000 });
 */
export function cached(source: CredentialSource, options: CachedSourceOptions): CachedSource {
  const parsed = validateInput(cachedArgumentsSchema, { source, options }, 'cached() arguments');
  const inner = parsed.source;
  const { ttlMs } = parsed.options;
  const refreshAheadMs = parsed.options.refreshAheadMs ?? 0;
  let current: ResolvedCredential | undefined;
  let expiresAt = 0;
  let pending: Promise<ResolvedCredential> | undefined;
  // Bumped by invalidate(): a resolution started before it must not refill the cache with the old value.
  let generation = 0;

  const refresh = (): Promise<ResolvedCredential> => {
    if (pending) return pending;
    const startedIn = generation;
    const attempt = inner().then((resolved) => {
      if (startedIn === generation) {
        current = resolved;
        expiresAt = Date.now() + ttlMs;
      }
      return resolved;
    });
    pending = attempt;
    const clear = () => {
      if (pending === attempt) pending = undefined;
    };
    attempt.then(clear, clear);
    return attempt;
  };

  const resolve = async (): Promise<ResolvedCredential> => {
    const now = Date.now();
    if (current && now < expiresAt) {
      if (refreshAheadMs > 0 && now >= expiresAt - refreshAheadMs && !pending) {
        // The caller already has a good value; a failure here surfaces on the first call after expiry.
        refresh().catch(() => undefined);
      }
      return current;
    }
    return refresh();
  };

  const invalidate = () => {
    generation += 1;
    current = undefined;
    pending = undefined;
    inner.invalidate?.();
  };

  return defineSource(resolve, `cached ${inner.describe ?? 'credential source'}`, invalidate) as CachedSource;
}
