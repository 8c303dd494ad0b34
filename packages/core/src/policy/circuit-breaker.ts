import { clientSchemas } from '../spec/load-schemas.js';
import type { ErrorKind } from '../errors/error-kind.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { ComposedKeys } from './composed-keys.js';
import { localStoreOf, requireLocal } from './state-store.js';
import type { LocalStore, StateStore } from './state-store.js';

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

/** Validates the client's `breaker` option (`false` turns breakers off); built on first use. */
export const breakerOptionsSchema = () => clientSchemas().breakerOptions;

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
  /** The synchronous twin of a local (in-memory) store: the breaker then answers without a promise. */
  readonly #local: LocalStore | undefined;
  readonly #options: BreakerOptions;
  readonly #now: () => number;

  constructor(store: StateStore, options: BreakerOptions, now: () => number = Date.now) {
    this.#store = store;
    this.#local = localStoreOf(store);
    this.#options = options;
    this.#now = now;
  }

  /**
   * True when the state is in this process (the default in-memory store): `acquireNow`,
   * `recordSuccessNow`, `recordFailureNow` and `releaseNow` answer at once. With a shared store
   * only the promise-returning methods work.
   */
  get answersNow(): boolean {
    return this.#local !== undefined;
  }

  /** Asks to send a call; a half-open breaker answers `allowed` (as the probe) to one caller only. */
  acquire(key: string): Promise<BreakerPermit> {
    if (this.#local) return Promise.resolve(this.acquireNow(key));
    return this.#throughStore(key, this.#acquireStep, { permit: CLOSED }).then((step) => step.permit);
  }

  /** {@link CircuitBreaker.acquire} at once, when {@link CircuitBreaker.answersNow}. */
  acquireNow(key: string): BreakerPermit {
    const local = this.#requireLocal('acquireNow');
    const storedAt = storeKey(key);
    // No record is a closed breaker: the common case allocates nothing.
    if (!local.has(storedAt)) return CLOSED;
    const step = { permit: CLOSED };
    local.update(storedAt, this.#acquireStep, step);
    return step.permit;
  }

  /** Records a success: closes an open or half-open breaker. */
  recordSuccess(key: string): Promise<BreakerTransition | undefined> {
    if (this.#local) return Promise.resolve(this.recordSuccessNow(key));
    return this.#throughStore(key, this.#successStep, { transition: undefined }).then((step) => step.transition);
  }

  /** {@link CircuitBreaker.recordSuccess} at once, when {@link CircuitBreaker.answersNow}. */
  recordSuccessNow(key: string): BreakerTransition | undefined {
    const local = this.#requireLocal('recordSuccessNow');
    const storedAt = storeKey(key);
    if (!local.has(storedAt)) return undefined;
    const step: TransitionStep = { transition: undefined };
    local.update(storedAt, this.#successStep, step);
    return step.transition;
  }

  /** Records a failed attempt; failures that are the caller's doing are ignored. */
  recordFailure(key: string, error: SwitchyardError): Promise<BreakerTransition | undefined> {
    if (this.#local) return Promise.resolve(this.recordFailureNow(key, error));
    if (NOT_PROVIDER_FAULTS.has(error.kind)) return this.release(key);
    return this.#throughStore(key, this.#failureStep, failureStep(error)).then((step) => step.transition);
  }

  /** {@link CircuitBreaker.recordFailure} at once, when {@link CircuitBreaker.answersNow}. */
  recordFailureNow(key: string, error: SwitchyardError): BreakerTransition | undefined {
    const local = this.#requireLocal('recordFailureNow');
    if (NOT_PROVIDER_FAULTS.has(error.kind)) return this.releaseNow(key);
    const step = failureStep(error);
    local.update(storeKey(key), this.#failureStep, step);
    return step.transition;
  }

  /** Ends a probe that neither succeeded nor failed (aborted, or lost a hedge) so another may run. */
  release(key: string): Promise<undefined> {
    if (this.#local) return Promise.resolve(this.releaseNow(key));
    return this.#throughStore(key, releaseStep, undefined).then(() => undefined);
  }

  /** {@link CircuitBreaker.release} at once, when {@link CircuitBreaker.answersNow}. */
  releaseNow(key: string): undefined {
    const local = this.#requireLocal('releaseNow');
    const storedAt = storeKey(key);
    if (local.has(storedAt)) local.update(storedAt, releaseStep, undefined);
    return undefined;
  }

  async #throughStore<A>(key: string, step: (current: BreakerRecord | undefined, argument: A) => BreakerRecord | undefined, argument: A): Promise<A> {
    await this.#store.update<BreakerRecord>(storeKey(key), (current) => step(current, argument));
    return argument;
  }

  #requireLocal(method: string): LocalStore {
    return requireLocal(this.#local, `CircuitBreaker.${method}`);
  }

  // The state changes, each run inside one store update (atomic in a shared store, which may run
  // it again: every output is reset at the start).

  readonly #acquireStep = (current: BreakerRecord | undefined, step: { permit: BreakerPermit }): BreakerRecord | undefined => {
    step.permit = CLOSED;
    if (!current || current.state === 'closed') return current;
    const now = this.#now();
    if (current.state === 'open' && now < current.openUntil) {
      step.permit = { allowed: false, retryAfterMs: current.openUntil - now, reason: openReason(current, now) };
      return current;
    }
    // A probe that never reported back (its process died) must not block the breaker forever.
    const probeStale = current.probeStartedAt !== undefined && now - current.probeStartedAt > this.#options.cooldownMs;
    if (current.state === 'half-open' && !probeStale) {
      step.permit = { allowed: false, retryAfterMs: 0, reason: 'circuit half-open: a probe call is in flight' };
      return current;
    }
    step.permit = { allowed: true, probe: true };
    return { ...current, state: 'half-open', probeStartedAt: now };
  };

  readonly #successStep = (current: BreakerRecord | undefined, step: TransitionStep): BreakerRecord | undefined => {
    step.transition = current && current.state !== 'closed' ? { type: 'closed' } : undefined;
    return undefined;
  };

  readonly #failureStep = (current: BreakerRecord | undefined, step: FailureStep): BreakerRecord | undefined => {
    step.transition = undefined;
    const { error, failure } = step;
    const now = this.#now();
    const failures = (current?.consecutiveFailures ?? 0) + 1;
    const serverCooldown = error.kind === 'rate-limit' ? error.retryAfterMs : undefined;
    const wasOpen = current !== undefined && current.state !== 'closed';
    const opens = wasOpen || serverCooldown !== undefined || failures >= this.#options.failureThreshold;
    if (!opens) return { state: 'closed', consecutiveFailures: failures, openUntil: 0, lastFailure: failure };
    const cooldownMs = Math.min(serverCooldown ?? this.#options.cooldownMs, this.#options.maxCooldownMs);
    const until = Math.max(now + cooldownMs, current?.state === 'open' ? current.openUntil : 0);
    const reason = serverCooldown !== undefined ? `the server asked to wait ${serverCooldown} ms (${failure})` : `${failures} consecutive failures (last: ${failure})`;
    if (current?.state !== 'open' || until > current.openUntil) step.transition = { type: 'opened', until, reason };
    return { state: 'open', consecutiveFailures: failures, openUntil: until, lastFailure: reason };
  };
}

interface TransitionStep {
  transition: BreakerTransition | undefined;
}

interface FailureStep extends TransitionStep {
  error: SwitchyardError;
  /** For the reason: `"server (500)"`. */
  failure: string;
}

function failureStep(error: SwitchyardError): FailureStep {
  return { error, failure: error.status === undefined ? error.kind : `${error.kind} (${error.status})`, transition: undefined };
}

function releaseStep(current: BreakerRecord | undefined): BreakerRecord | undefined {
  if (current?.state !== 'half-open') return current;
  const { probeStartedAt: _probe, ...rest } = current;
  return { ...rest, state: 'open', openUntil: 0 };
}

// Shared: a permit is read, never changed.
const CLOSED: BreakerPermit = Object.freeze({ allowed: true, probe: false });

const STORE_KEYS = new ComposedKeys('breaker:');

function storeKey(key: string): string {
  return STORE_KEYS.key(key);
}

function openReason(record: BreakerRecord, now: number): string {
  const seconds = ((record.openUntil - now) / 1000).toFixed(1);
  return `circuit open for ${seconds} s more after ${record.lastFailure ?? 'failures'}`;
}
