import { z } from 'zod';
import { notAnObject } from '../billing/schema-by-shape.js';
import type { ErrorKind } from '../errors/error-kind.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import { localValuesOf } from './state-store.js';
import type { StateStore } from './state-store.js';

/** When a breaker opens and for how long. */
export interface BreakerOptions {
  /** Consecutive failures of one provider and model that open its breaker. */
  failureThreshold: number;
  /** How long an open breaker keeps the candidate out before one probe is let through. */
  cooldownMs: number;
  /** The longest cooldown a server's `Retry-After` may impose. */
  maxCooldownMs: number;
}

/** 5 consecutive failures open the breaker for 30 s; a 429's `Retry-After` may set up to 10 min. */
export const DEFAULT_BREAKER_OPTIONS: Readonly<BreakerOptions> = Object.freeze({
  failureThreshold: 5,
  cooldownMs: 30_000,
  maxCooldownMs: 600_000,
});

/** Validates the client's `breaker` option (`false` turns breakers off). */
export const breakerOptionsSchema = z.union([
  z.literal(false),
  z.strictObject(
    {
      failureThreshold: z.number().int().min(1, 'breaker.failureThreshold must be >= 1').optional(),
      cooldownMs: z.number().int().positive('breaker.cooldownMs must be > 0').optional(),
      maxCooldownMs: z.number().int().positive('breaker.maxCooldownMs must be > 0').optional(),
    },
    { error: notAnObject('breaker must be false or an object such as { failureThreshold: 5, cooldownMs: 30000 }') },
  ),
]);

/** The stored state of one breaker. */
export interface BreakerRecord {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** Epoch ms until which an open breaker refuses calls. */
  openUntil: number;
  /** Epoch ms at which the half-open probe started. */
  probeStartedAt?: number;
  /** Why it opened, credential-free: `"server (500)"`. */
  lastFailure?: string;
}

/** What {@link CircuitBreaker.acquire} answers. */
export type BreakerPermit =
  | { allowed: true; probe: boolean }
  | { allowed: false; retryAfterMs: number; reason: string };

/** A state change worth an event. */
export type BreakerTransition =
  | { type: 'opened'; until: number; reason: string }
  | { type: 'closed' };

// Failures that say something about the caller's request or choice, not the provider's health.
const NOT_PROVIDER_FAULTS = new Set<ErrorKind>([
  'invalid-request',
  'aborted',
  'budget-exceeded',
  'content-filter',
  'context-length',
  'unsupported',
  'all-providers-failed',
]);

/**
 * A circuit breaker per key (provider + model): closed while calls succeed; open for a cooldown
 * after `failureThreshold` consecutive failures (a 429 with `Retry-After` opens it at once, for
 * exactly that long: the server said when to come back); then half-open, letting exactly one probe
 * through; the probe's success closes it, its failure opens it again.
 */
export class CircuitBreaker {
  readonly #store: StateStore;
  /** The values of a local (in-memory) store, readable without a promise. */
  readonly #local: ReadonlyMap<string, unknown> | undefined;
  readonly #options: BreakerOptions;
  readonly #now: () => number;

  constructor(store: StateStore, options: BreakerOptions, now: () => number = Date.now) {
    this.#store = store;
    this.#local = localValuesOf(store);
    this.#options = options;
    this.#now = now;
  }

  /** Asks to send a call; a half-open breaker answers `allowed` (as the probe) to one caller only. */
  acquire(key: string): Promise<BreakerPermit> {
    // A breaker with no record is closed: in a local store that is known at once, with nothing to allocate.
    if (this.#local?.has(storeKey(key)) === false) return CLOSED_PERMIT;
    return this.#acquire(key);
  }

  async #acquire(key: string): Promise<BreakerPermit> {
    let permit: BreakerPermit = { allowed: true, probe: false };
    await this.#store.update<BreakerRecord>(storeKey(key), (current) => {
      permit = { allowed: true, probe: false };
      if (!current || current.state === 'closed') return current;
      const now = this.#now();
      if (current.state === 'open' && now < current.openUntil) {
        permit = { allowed: false, retryAfterMs: current.openUntil - now, reason: openReason(current, now) };
        return current;
      }
      // A probe that never reported back (its process died) must not block the breaker forever.
      const probeStale = current.probeStartedAt !== undefined && now - current.probeStartedAt > this.#options.cooldownMs;
      if (current.state === 'half-open' && !probeStale) {
        permit = { allowed: false, retryAfterMs: 0, reason: 'circuit half-open: a probe call is in flight' };
        return current;
      }
      permit = { allowed: true, probe: true };
      return { ...current, state: 'half-open', probeStartedAt: now };
    });
    return permit;
  }

  /** Records a success: closes an open or half-open breaker. */
  recordSuccess(key: string): Promise<BreakerTransition | undefined> {
    if (this.#local?.has(storeKey(key)) === false) return NO_TRANSITION;
    return this.#recordSuccess(key);
  }

  async #recordSuccess(key: string): Promise<BreakerTransition | undefined> {
    let transition: BreakerTransition | undefined;
    await this.#store.update<BreakerRecord>(storeKey(key), (current) => {
      transition = current && current.state !== 'closed' ? { type: 'closed' } : undefined;
      return undefined;
    });
    return transition;
  }

  /** Records a failed attempt; failures that are the caller's doing are ignored. */
  async recordFailure(key: string, error: SwitchyardError): Promise<BreakerTransition | undefined> {
    if (NOT_PROVIDER_FAULTS.has(error.kind)) return this.release(key);
    let transition: BreakerTransition | undefined;
    const failure = error.status === undefined ? error.kind : `${error.kind} (${error.status})`;
    await this.#store.update<BreakerRecord>(storeKey(key), (current) => {
      transition = undefined;
      const now = this.#now();
      const failures = (current?.consecutiveFailures ?? 0) + 1;
      const serverCooldown = error.kind === 'rate-limit' ? error.retryAfterMs : undefined;
      const wasOpen = current !== undefined && current.state !== 'closed';
      const opens = wasOpen || serverCooldown !== undefined || failures >= this.#options.failureThreshold;
      if (!opens) return { state: 'closed', consecutiveFailures: failures, openUntil: 0, lastFailure: failure };
      const cooldownMs = Math.min(serverCooldown ?? this.#options.cooldownMs, this.#options.maxCooldownMs);
      const until = Math.max(now + cooldownMs, current?.state === 'open' ? current.openUntil : 0);
      const reason = serverCooldown !== undefined ? `the server asked to wait ${serverCooldown} ms (${failure})` : `${failures} consecutive failures (last: ${failure})`;
      if (current?.state !== 'open' || until > current.openUntil) transition = { type: 'opened', until, reason };
      return { state: 'open', consecutiveFailures: failures, openUntil: until, lastFailure: reason };
    });
    return transition;
  }

  /** Ends a probe that neither succeeded nor failed (aborted, or lost a hedge) so another may run. */
  async release(key: string): Promise<undefined> {
    await this.#store.update<BreakerRecord>(storeKey(key), (current) => {
      if (current?.state !== 'half-open') return current;
      const { probeStartedAt: _probe, ...rest } = current;
      return { ...rest, state: 'open', openUntil: 0 };
    });
    return undefined;
  }
}

const CLOSED_PERMIT: Promise<BreakerPermit> = Promise.resolve(Object.freeze({ allowed: true, probe: false }));
const NO_TRANSITION: Promise<undefined> = Promise.resolve(undefined);

function storeKey(key: string): string {
  return `breaker:${key}`;
}

function openReason(record: BreakerRecord, now: number): string {
  const seconds = ((record.openUntil - now) / 1000).toFixed(1);
  return `circuit open for ${seconds} s more after ${record.lastFailure ?? 'failures'}`;
}
