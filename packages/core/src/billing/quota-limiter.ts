import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { abortableSleep } from '../policy/abortable-sleep.js';
import { ComposedKeys } from '../policy/composed-keys.js';
import { createMemoryStateStore, localStoreOf, requireLocal } from '../policy/state-store.js';
import type { LocalStore, StateStore } from '../policy/state-store.js';
import { validateInput } from '../spec/validate-input.js';
import { baseProviderId } from './candidate-key.js';
import { isCount, isId, validateFast } from '../spec/fast-validate.js';
import type { SubscriptionState } from './compute-cost.js';
import { grantStep, releaseStep, settleStep } from './quota-counter.js';
import type { GrantStep, OpenLease, QuotaRecord, QuotaRules, ReleaseStep, SettleStep } from './quota-counter.js';
import { quotaConfigSchema } from './quota-limits.js';
import type { QuotaLimits } from './quota-limits.js';
import { windowBounds } from './time-window.js';

/** Which limit refused a call. */
export type QuotaLimitName = keyof QuotaLimits;

/** A granted slot: settle it with the tokens the call really used, or release it if it was not sent. */
export interface QuotaLease {
  readonly providerId: string;
  /** The tokens counted for the call so far (the estimate, until settled). */
  readonly tokens: number;
  /**
   * The provider's requests and tokens this UTC month before this call: what {@link priceCall} needs
   * to price a subscription. All routes of a provider share it (a plan covers the account).
   */
  readonly subscriptionState: SubscriptionState;
}

/** What {@link QuotaLimiter.tryAcquire} answers. */
export type QuotaAnswer =
  | { ok: true; lease: QuotaLease }
  | {
      ok: false;
      /** The limits' key in the `quotas` option: the provider id, or the route candidate key. */
      key: string;
      limit: QuotaLimitName;
      /** For a person: which limit, how full, when it frees. */
      reason: string;
      /** Epoch milliseconds when the call would fit if nothing else is sent; `undefined`: never (the call is bigger than the limit). */
      freesAt: number | undefined;
    };

/** Options of {@link QuotaLimiter.acquire}. */
export interface AcquireOptions {
  /** Estimated tokens of the call (input + the output it may produce). Default 0. */
  tokens?: number;
  signal?: AbortSignal;
  /** Epoch milliseconds: a slot that frees later than this fails at once instead of waiting. */
  deadline?: number;
  /** Told before each wait, e.g. to emit a `quota-wait` event. */
  onWait?: (waitMs: number, reason: string) => void;
}

/** What {@link QuotaLimiter} needs. */
export interface QuotaLimiterOptions {
  limits?: Record<string, QuotaLimits>;
  /** Where the counters live (a shared store lets several processes keep one limit). Default: in memory. */
  store?: StateStore;
  now?: () => number;
}

const tokensSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.number({ error: 'tokens must be a number' }).int('tokens must be a whole number').nonnegative('tokens must be >= 0'),
  ),
);
const acquireSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object({
      providerId: z.string().min(1, 'providerId must not be empty'),
      tokens: tokensSchema.optional(),
      deadline: z.number({ error: 'deadline must be epoch milliseconds' }).optional(),
      signal: z.instanceof(AbortSignal, { error: 'signal must be an AbortSignal' }).optional(),
    }),
  ),
);
const settleSchema = schemaOnFirstUse(
  lazySchema((z) =>
    tokensSchema.optional(),
  ),
);

let leaseCounter = 0;
// Distinguishes leases of this process from another's in a shared store.
const processTag = Math.random().toString(36).slice(2, 10);

/**
 * Per-provider request and token rate limits enforced on this side, so `auto` routing skips a
 * provider at its limit instead of collecting 429s, and a pinned call waits for a slot within its
 * deadline. It also counts every provider's requests and tokens per UTC month, the usage a
 * subscription's included quota is measured against ({@link QuotaLease.subscriptionState}).
 *
 * Limits configured for a provider id cover all its routes together; limits keyed by a route
 * (`"hf/together"`) cover that route alone, on top of the provider's.
 */
export class QuotaLimiter {
  readonly #limits: Record<string, QuotaLimits>;
  readonly #store: StateStore;
  /** The synchronous twin of a local (in-memory) store: counters then change without a promise. */
  readonly #local: LocalStore | undefined;
  readonly #now: () => number;
  // The UTC month of the last grant: every call is counted in it, and a Date per call adds up.
  #month = { start: 0, end: 0 };

  constructor(options: QuotaLimiterOptions = {}) {
    // No limits (a client that only prices): nothing to check, and no reason to load zod for `{}`.
    this.#limits = options.limits === undefined ? {} : validateInput(quotaConfigSchema, options.limits, 'quotas option');
    this.#store = options.store ?? createMemoryStateStore();
    this.#local = localStoreOf(this.#store);
    this.#now = options.now ?? Date.now;
  }

  /**
   * True when the counters are in this process (the default in-memory store): `tryAcquireNow`,
   * `settleNow`, `releaseNow` and `subscriptionStateNow` answer at once.
   */
  get answersNow(): boolean {
    return this.#local !== undefined;
  }

  /**
   * Takes a slot now if every limit has room, else says which limit is full and when it frees; never
   * waits. Auto routing uses this to skip a provider at its limit.
   */
  async tryAcquire(providerId: string, options: { tokens?: number } = {}): Promise<QuotaAnswer> {
    checkAcquire(providerId, options.tokens);
    const tokens = options.tokens ?? 0;
    return this.#local ? this.#grantLocally(providerId, tokens) : this.#grantThroughStore(providerId, tokens);
  }

  /** {@link QuotaLimiter.tryAcquire} at once, when {@link QuotaLimiter.answersNow}. */
  tryAcquireNow(providerId: string, options: { tokens?: number } = {}): QuotaAnswer {
    checkAcquire(providerId, options.tokens);
    this.#requireLocal('tryAcquireNow');
    return this.#grantLocally(providerId, options.tokens ?? 0);
  }

  /**
   * Takes a slot, waiting for one to free when needed. Fails at once, without waiting, with
   * `rate-limit` (per-minute limits) or `quota` (monthly limits, or a call larger than a limit)
   * when the slot frees after `deadline`; rejects when `signal` aborts. No timer outlives the call.
   */
  async acquire(providerId: string, options: AcquireOptions = {}): Promise<QuotaLease> {
    const input = validateInput(acquireSchema, { providerId, tokens: options.tokens, deadline: options.deadline, signal: options.signal }, 'quota request');
    const tokens = input.tokens ?? 0;
    for (;;) {
      const answer = this.#local ? this.#grantLocally(input.providerId, tokens) : await this.#grantThroughStore(input.providerId, tokens);
      if (answer.ok) return answer.lease;
      const now = this.#now();
      if (answer.freesAt === undefined) throw quotaRefusalError(input.providerId, answer, now);
      if (input.deadline !== undefined && answer.freesAt > input.deadline) throw quotaRefusalError(input.providerId, answer, now, { afterDeadline: true });
      // At least 1 ms, so a slot freeing "now" by a rounding hair does not spin.
      const waitMs = Math.max(1, answer.freesAt - now);
      options.onWait?.(waitMs, answer.reason);
      await abortableSleep(waitMs, options.signal);
    }
  }

  /** Replaces the lease's estimated tokens with what the call used (`undefined`: keep the estimate). */
  async settle(lease: QuotaLease, usedTokens: number | undefined): Promise<void> {
    const step = this.#settlement(lease, usedTokens);
    if (step === undefined) return;
    if (this.#local) this.#local.update(storeKey(step.open.baseId), settleStep, step);
    else await this.#store.update<QuotaRecord>(storeKey(step.open.baseId), (current) => settleStep(current, step));
  }

  /** {@link QuotaLimiter.settle} at once, when {@link QuotaLimiter.answersNow}. */
  settleNow(lease: QuotaLease, usedTokens: number | undefined): void {
    const local = this.#requireLocal('settleNow');
    const step = this.#settlement(lease, usedTokens);
    if (step !== undefined) local.update(storeKey(step.open.baseId), settleStep, step);
  }

  /** Gives a slot back: the call was never sent, so it counts against no limit. */
  async release(lease: QuotaLease): Promise<void> {
    const step = this.#release(lease);
    if (step === undefined) return;
    if (this.#local) this.#local.update(storeKey(step.open.baseId), releaseStep, step);
    else await this.#store.update<QuotaRecord>(storeKey(step.open.baseId), (current) => releaseStep(current, step));
  }

  /** {@link QuotaLimiter.release} at once, when {@link QuotaLimiter.answersNow}. */
  releaseNow(lease: QuotaLease): void {
    const local = this.#requireLocal('releaseNow');
    const step = this.#release(lease);
    if (step !== undefined) local.update(storeKey(step.open.baseId), releaseStep, step);
  }

  /** The provider's requests and tokens so far this UTC month (all its routes together). */
  async subscriptionState(providerId: string): Promise<SubscriptionState> {
    const baseId = baseProviderId(providerId);
    return this.#monthUsage(baseId, this.#local ? this.#local.get<QuotaRecord>(storeKey(baseId)) : await this.#store.get<QuotaRecord>(storeKey(baseId)));
  }

  /** {@link QuotaLimiter.subscriptionState} at once, when {@link QuotaLimiter.answersNow}. */
  subscriptionStateNow(providerId: string): SubscriptionState {
    const baseId = baseProviderId(providerId);
    return this.#monthUsage(baseId, this.#requireLocal('subscriptionStateNow').get<QuotaRecord>(storeKey(baseId)));
  }

  #monthUsage(baseId: string, record: QuotaRecord | undefined): SubscriptionState {
    const counter = record?.[baseId];
    if (counter === undefined || counter.monthStart !== this.#monthStart(this.#now())) return { requestsUsed: 0, tokensUsed: 0 };
    return { requestsUsed: counter.monthRequests, tokensUsed: counter.monthTokens };
  }

  #grantLocally(providerId: string, tokens: number): QuotaAnswer {
    const step = this.#grantStep(providerId, tokens);
    (this.#local as LocalStore).update(storeKey(step.baseId), grantStep, step);
    return this.#granted(step);
  }

  async #grantThroughStore(providerId: string, tokens: number): Promise<QuotaAnswer> {
    const step = this.#grantStep(providerId, tokens);
    await this.#store.update<QuotaRecord>(storeKey(step.baseId), (current) => grantStep(current, step));
    return this.#granted(step);
  }

  #grantStep(providerId: string, tokens: number): GrantStep {
    const baseId = baseProviderId(providerId);
    const keys = providerId === baseId ? [baseId] : [baseId, providerId];
    // Only per-minute limits keep a log whose entries the lease must find again.
    const logged = this.#hasMinuteLimit(baseId) || (keys.length > 1 && this.#hasMinuteLimit(providerId));
    return { rules: this.#rules, providerId, baseId, keys, tokens, id: logged ? `${processTag}:${++leaseCounter}` : '', answer: undefined, at: 0, month: 0 };
  }

  // The configuration as the counting steps see it, made once.
  readonly #rules: QuotaRules = {
    limitsOf: (key) => this.#limitsOf(key),
    hasMinuteLimit: (key) => this.#hasMinuteLimit(key),
    now: () => this.#now(),
    monthStart: (now) => this.#monthStart(now),
  };

  #granted(step: GrantStep): QuotaAnswer {
    const result = step.answer;
    if (result === undefined) {
      throw new SwitchyardError('invalid-request', "The configured store's update() did not call its transform; a StateStore must, once per update.", { retryable: false });
    }
    if (!result.ok) return result;
    return { ok: true, lease: new GrantedLease(step.providerId, step.tokens, Object.freeze(result.subscriptionState), { id: step.id, at: step.at, baseId: step.baseId, keys: step.keys, monthStart: step.month }) };
  }

  #settlement(lease: QuotaLease, usedTokens: number | undefined): SettleStep | undefined {
    const actual = validateFast(usedTokens, isOptionalCount, settleSchema, 'settled token count');
    const open = GrantedLease.take(lease);
    if (open === undefined || actual === undefined || actual === lease.tokens) return undefined;
    return { open, actual, delta: actual - lease.tokens };
  }

  #release(lease: QuotaLease): ReleaseStep | undefined {
    const open = GrantedLease.take(lease);
    return open === undefined ? undefined : { open, tokens: lease.tokens };
  }

  #requireLocal(method: string): LocalStore {
    return requireLocal(this.#local, `QuotaLimiter.${method}`);
  }

  #monthStart(now: number): number {
    if (now < this.#month.start || now >= this.#month.end) this.#month = windowBounds('month', now);
    return this.#month.start;
  }

  #limitsOf(key: string): QuotaLimits | undefined {
    return Object.hasOwn(this.#limits, key) ? this.#limits[key] : undefined;
  }

  #hasMinuteLimit(key: string): boolean {
    const limits = this.#limitsOf(key);
    return limits !== undefined && (limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined);
  }
}

/**
 * A lease as the limiter grants it: frozen, with what settling and releasing need in a private
 * field, taken once (a copy, or a second settle, finds nothing).
 */
class GrantedLease implements QuotaLease {
  readonly providerId: string;
  readonly tokens: number;
  readonly subscriptionState: SubscriptionState;
  #open: OpenLease | undefined;

  constructor(providerId: string, tokens: number, subscriptionState: SubscriptionState, open: OpenLease) {
    this.providerId = providerId;
    this.tokens = tokens;
    this.subscriptionState = subscriptionState;
    this.#open = open;
    Object.freeze(this);
  }

  /** The lease's open state, once: later calls (and leases not granted here) get `undefined`. */
  static take(lease: QuotaLease): OpenLease | undefined {
    if (typeof lease !== 'object' || lease === null || !(#open in lease)) return undefined;
    const open = (lease as GrantedLease).#open;
    (lease as GrantedLease).#open = undefined;
    return open;
  }
}

/** Throws `invalid-request` unless `providerId` and `tokens` are what tryAcquire() takes (the schema changes no valid value). */
function checkAcquire(providerId: string, tokens: number | undefined): void {
  if (!isId(providerId) || (tokens !== undefined && !isCount(tokens))) validateInput(acquireSchema, { providerId, tokens }, 'quota request');
}

/**
 * The error a quota refusal stands for, when the call cannot wait for it: `quota` for a call larger
 * than a limit or a full monthly limit, `rate-limit` (with `retryAfterMs`) for a full per-minute one.
 * Never retryable: waiting is the limiter's job, within the deadline.
 */
export function quotaRefusalError(
  providerId: string,
  refusal: Extract<QuotaAnswer, { ok: false }>,
  now: number,
  options: { afterDeadline?: boolean } = {},
): SwitchyardError {
  if (refusal.freesAt === undefined) return new SwitchyardError('quota', `${sentence(refusal.reason)}.`, { provider: providerId, retryable: false });
  const kind = refusal.limit.endsWith('PerMonth') ? 'quota' : 'rate-limit';
  const when = options.afterDeadline ? ", after this call's deadline" : '';
  const advice = `Raise quotas["${refusal.key}"].${refusal.limit} in the client options, or send the call to another provider.`;
  return new SwitchyardError(kind, `${sentence(refusal.reason)}${when}. ${advice}`, {
    provider: providerId,
    retryable: false,
    retryAfterMs: Math.max(0, refusal.freesAt - now),
  });
}

function isOptionalCount(value: unknown): boolean {
  return value === undefined || isCount(value);
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

const STORE_KEYS = new ComposedKeys('quota:');

function storeKey(baseId: string): string {
  return STORE_KEYS.key(baseId);
}
