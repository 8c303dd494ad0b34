import { z } from 'zod';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { abortableSleep } from '../policy/abortable-sleep.js';
import { createMemoryStateStore } from '../policy/state-store.js';
import type { StateStore } from '../policy/state-store.js';
import { validateInput } from '../spec/validate-input.js';
import { baseProviderId } from './candidate-key.js';
import { isCount, isId, validateFast } from '../spec/fast-validate.js';
import type { SubscriptionState } from './price-call.js';
import { currentCounter, findEntry, refusalFor } from './quota-counter.js';
import type { Counter, LogEntry, QuotaRecord } from './quota-counter.js';
import { notAnObject } from './schema-by-shape.js';
import { windowBounds } from './time-window.js';

/**
 * Client-side limits of one provider (or one route, keyed `"<provider id>/<route id>"`). Per-minute
 * limits count a sliding 60 s; per-month limits count the UTC calendar month and are where a
 * subscription's included quota goes when the plan allows no overage.
 */
export interface QuotaLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  requestsPerMonth?: number;
  tokensPerMonth?: number;
}

const limit = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).positive(`${what} must be > 0`);

/** Validates the client's `quotas` option: limits per provider id (or route candidate key). */
export const quotaConfigSchema: z.ZodType<Record<string, QuotaLimits>> = z.record(
  z.string().min(1, 'provider ids must not be empty'),
  z.strictObject(
    {
      requestsPerMinute: limit('requestsPerMinute').optional(),
      tokensPerMinute: limit('tokensPerMinute').optional(),
      requestsPerMonth: limit('requestsPerMonth').optional(),
      tokensPerMonth: limit('tokensPerMonth').optional(),
    },
    { error: notAnObject('quota limits must be an object such as { requestsPerMinute: 30, tokensPerMinute: 6000 }') },
  ),
  { error: 'quotas must map provider ids to limits, e.g. { groq: { requestsPerMinute: 30 } }' },
);

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

interface OpenLease {
  id: string;
  /** When its log entries were written, to find them by binary search. */
  at: number;
  baseId: string;
  keys: string[];
  monthStart: number;
}

const tokensSchema = z.number({ error: 'tokens must be a number' }).int('tokens must be a whole number').nonnegative('tokens must be >= 0');
const acquireSchema = z.object({
  providerId: z.string().min(1, 'providerId must not be empty'),
  tokens: tokensSchema.optional(),
  deadline: z.number({ error: 'deadline must be epoch milliseconds' }).optional(),
  signal: z.instanceof(AbortSignal, { error: 'signal must be an AbortSignal' }).optional(),
});
const settleSchema = tokensSchema.optional();

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
  readonly #now: () => number;
  readonly #open = new WeakMap<QuotaLease, OpenLease>();
  // The UTC month of the last grant: every call is counted in it, and a Date per call adds up.
  #month = { start: 0, end: 0 };

  constructor(options: QuotaLimiterOptions = {}) {
    this.#limits = validateInput(quotaConfigSchema, options.limits ?? {}, 'quotas option');
    this.#store = options.store ?? createMemoryStateStore();
    this.#now = options.now ?? Date.now;
  }

  /**
   * Takes a slot now if every limit has room, else says which limit is full and when it frees; never
   * waits. Auto routing uses this to skip a provider at its limit.
   */
  async tryAcquire(providerId: string, options: { tokens?: number } = {}): Promise<QuotaAnswer> {
    if (isId(providerId) && (options.tokens === undefined || isCount(options.tokens))) return this.#tryAcquire(providerId, options.tokens ?? 0);
    const input = validateInput(acquireSchema, { providerId, tokens: options.tokens }, 'quota request');
    return this.#tryAcquire(input.providerId, input.tokens ?? 0);
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
      const answer = await this.#tryAcquire(input.providerId, tokens);
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
    const actual = validateFast(usedTokens, isOptionalCount, settleSchema, 'settled token count');
    const open = this.#take(lease);
    if (open === undefined || actual === undefined || actual === lease.tokens) return;
    const delta = actual - lease.tokens;
    await this.#store.update<QuotaRecord>(storeKey(open.baseId), (current) => {
      const record = current ?? {};
      for (const key of open.keys) {
        const counter = record[key];
        if (counter === undefined) continue;
        const entry = counter.log[findEntry(counter.log, open.at, open.id)];
        if (entry !== undefined) {
          entry[1] = actual;
          counter.logTokens += delta;
        }
        if (counter.monthStart === open.monthStart) counter.monthTokens = Math.max(0, counter.monthTokens + delta);
      }
      return record;
    });
  }

  /** Gives a slot back: the call was never sent, so it counts against no limit. */
  async release(lease: QuotaLease): Promise<void> {
    const open = this.#take(lease);
    if (open === undefined) return;
    await this.#store.update<QuotaRecord>(storeKey(open.baseId), (current) => {
      const record = current ?? {};
      for (const key of open.keys) {
        const counter = record[key];
        if (counter === undefined) continue;
        const index = findEntry(counter.log, open.at, open.id);
        if (index >= 0) {
          counter.logTokens -= (counter.log[index] as LogEntry)[1];
          counter.log.splice(index, 1);
        }
        if (counter.monthStart === open.monthStart) {
          counter.monthRequests = Math.max(0, counter.monthRequests - 1);
          counter.monthTokens = Math.max(0, counter.monthTokens - lease.tokens);
        }
      }
      return record;
    });
  }

  /** The provider's requests and tokens so far this UTC month (all its routes together). */
  async subscriptionState(providerId: string): Promise<SubscriptionState> {
    const baseId = baseProviderId(providerId);
    const record = await this.#store.get<QuotaRecord>(storeKey(baseId));
    const counter = record?.[baseId];
    const monthStart = this.#monthStart(this.#now());
    if (counter === undefined || counter.monthStart !== monthStart) return { requestsUsed: 0, tokensUsed: 0 };
    return { requestsUsed: counter.monthRequests, tokensUsed: counter.monthTokens };
  }

  async #tryAcquire(providerId: string, tokens: number): Promise<QuotaAnswer> {
    const baseId = baseProviderId(providerId);
    const keys = providerId === baseId ? [baseId] : [baseId, providerId];
    const id = `${processTag}:${++leaseCounter}`;
    let answer: QuotaAnswer | undefined;
    let monthStart = 0;
    let at = 0;
    await this.#store.update<QuotaRecord>(storeKey(baseId), (current) => {
      const record = current ?? {};
      const now = this.#now();
      at = now;
      monthStart = this.#monthStart(now);
      answer = undefined;
      for (const key of keys) {
        const limits = this.#limitsOf(key);
        const counter = currentCounter(record, key, now, monthStart);
        const refusal = limits === undefined ? undefined : refusalFor(key, limits, counter, tokens, now);
        if (refusal !== undefined) {
          answer = refusal;
          return record;
        }
      }
      const base = record[baseId] as Counter;
      const subscriptionState = { requestsUsed: base.monthRequests, tokensUsed: base.monthTokens };
      for (const key of keys) {
        const counter = record[key] as Counter;
        if (this.#hasMinuteLimit(key)) {
          counter.log.push([now, tokens, id]);
          counter.logTokens += tokens;
        }
        counter.monthRequests += 1;
        counter.monthTokens += tokens;
      }
      answer = { ok: true, lease: Object.freeze({ providerId, tokens, subscriptionState: Object.freeze(subscriptionState) }) };
      return record;
    });
    const result = answer as QuotaAnswer | undefined;
    if (result === undefined) {
      throw new SwitchyardError('invalid-request', "The configured store's update() did not call its transform; a StateStore must, once per update.", { retryable: false });
    }
    if (result.ok) this.#open.set(result.lease, { id, at, baseId, keys, monthStart });
    return result;
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

  #take(lease: QuotaLease): OpenLease | undefined {
    const open = this.#open.get(lease);
    this.#open.delete(lease);
    return open;
  }
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

function storeKey(baseId: string): string {
  return `quota:${baseId}`;
}
