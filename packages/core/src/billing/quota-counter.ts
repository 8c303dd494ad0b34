import type { QuotaAnswer, QuotaLimitName } from './quota-limiter.js';
import type { QuotaLimits } from './quota-limits.js';
import { windowBounds } from './time-window.js';

// The counters behind QuotaLimiter: JSON-serialisable, so a shared StateStore can hold them.

type QuotaRefusal = Extract<QuotaAnswer, { ok: false }>;

/** The sliding window of per-minute limits. */
export const MINUTE_MS = 60_000;

/** One call in a sliding log: when it was admitted, its tokens, its id. */
export type LogEntry = [at: number, tokens: number, id: string];

export interface Counter {
  /** Calls of the last minute, oldest first; kept only where a per-minute limit applies. */
  log: LogEntry[];
  logTokens: number;
  monthStart: number;
  monthRequests: number;
  monthTokens: number;
}

/** Everything one provider's calls touch, in one store value so a grant is one atomic update. */
export type QuotaRecord = Record<string, Counter>;

/**
 * Which limit of `limits` refuses a call of `tokens` now, if any: a call larger than a limit never
 * fits (`freesAt` undefined); otherwise the limit that frees last decides when the call fits.
 */
export function refusalFor(key: string, limits: QuotaLimits, counter: Counter, tokens: number, now: number): QuotaRefusal | undefined {
  const who = `provider "${key}"`;
  const refusals: Array<QuotaRefusal> = [];
  const { requestsPerMinute, tokensPerMinute, requestsPerMonth, tokensPerMonth } = limits;
  if (tokensPerMinute !== undefined && tokens > tokensPerMinute) {
    return never(key, 'tokensPerMinute', `this call needs about ${tokens} tokens but ${who} allows ${tokensPerMinute} tokens per minute: lower maxTokens or raise quotas["${key}"].tokensPerMinute`);
  }
  if (tokensPerMonth !== undefined && tokens > tokensPerMonth) {
    return never(key, 'tokensPerMonth', `this call needs about ${tokens} tokens but ${who} allows ${tokensPerMonth} tokens per month: lower maxTokens or raise quotas["${key}"].tokensPerMonth`);
  }
  if (requestsPerMinute !== undefined && counter.log.length + 1 > requestsPerMinute) {
    const freesAt = (counter.log[counter.log.length - requestsPerMinute] as LogEntry)[0] + MINUTE_MS;
    refusals.push(full(key, 'requestsPerMinute', `${who} is at its limit of ${plural(requestsPerMinute, 'request')} per minute`, freesAt, now));
  }
  if (tokensPerMinute !== undefined && counter.logTokens + tokens > tokensPerMinute) {
    let excess = counter.logTokens + tokens - tokensPerMinute;
    let freesAt = now;
    for (const [at, entryTokens] of counter.log) {
      excess -= entryTokens;
      freesAt = at + MINUTE_MS;
      if (excess <= 0) break;
    }
    refusals.push(full(key, 'tokensPerMinute', `${who} is at its limit of ${tokensPerMinute} tokens per minute (${counter.logTokens} used in the last minute, this call needs about ${tokens})`, freesAt, now));
  }
  const monthEnd = windowBounds('month', now).end;
  if (requestsPerMonth !== undefined && counter.monthRequests + 1 > requestsPerMonth) {
    refusals.push(full(key, 'requestsPerMonth', `${who} has used its ${plural(requestsPerMonth, 'request')} for this month (UTC)`, monthEnd, now));
  }
  if (tokensPerMonth !== undefined && counter.monthTokens + tokens > tokensPerMonth) {
    refusals.push(full(key, 'tokensPerMonth', `${who} has used ${counter.monthTokens} of its ${tokensPerMonth} tokens for this month (UTC)`, monthEnd, now));
  }
  // Every full limit must free before the call fits: the latest one decides.
  return refusals.reduce<QuotaRefusal | undefined>(
    (latest, refusal) => (latest === undefined || (refusal.freesAt as number) > (latest.freesAt as number) ? refusal : latest),
    undefined,
  );
}

/** The counter for `key`, pruned to the last minute and rolled to the current month, stored in `record`. */
export function currentCounter(record: QuotaRecord, key: string, now: number, monthStart: number): Counter {
  let counter = Object.hasOwn(record, key) ? record[key] : undefined;
  if (counter === undefined) {
    counter = { log: [], logTokens: 0, monthStart, monthRequests: 0, monthTokens: 0 };
    record[key] = counter;
  }
  const log = counter.log;
  while (log.length > 0 && (log[0] as LogEntry)[0] <= now - MINUTE_MS) counter.logTokens -= (log.shift() as LogEntry)[1];
  if (counter.monthStart !== monthStart) {
    counter.monthStart = monthStart;
    counter.monthRequests = 0;
    counter.monthTokens = 0;
  }
  return counter;
}

/**
 * The index of the entry `id` written at `at`, or -1 (it left the window). The log is in time order,
 * so a binary search finds the first entry of that millisecond; settling stays O(log n) however many
 * calls the minute holds. (A wall clock stepping back can hide an entry: its estimate then stays
 * counted until it leaves the window, the safe side.)
 */
export function findEntry(log: LogEntry[], at: number, id: string): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((log[middle] as LogEntry)[0] < at) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < log.length && (log[index] as LogEntry)[0] === at; index++) {
    if ((log[index] as LogEntry)[2] === id) return index;
  }
  return -1;
}

function full(key: string, limit: QuotaLimitName, what: string, freesAt: number, now: number): QuotaRefusal {
  const when = limit.endsWith('PerMonth') ? `it frees at ${new Date(freesAt).toISOString()}` : `the next slot frees in ${((freesAt - now) / 1000).toFixed(1)} s`;
  return { ok: false, key, limit, reason: `${what}; ${when}`, freesAt };
}

function never(key: string, limit: QuotaLimitName, reason: string): QuotaRefusal {
  return { ok: false, key, limit, reason, freesAt: undefined };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}


/** What the counting steps ask of the limiter's configuration. */
export interface QuotaRules {
  limitsOf(key: string): QuotaLimits | undefined;
  hasMinuteLimit(key: string): boolean;
  now(): number;
  /** The start of the UTC month containing `now`. */
  monthStart(now: number): number;
}

/** What a granted lease needs to be settled or released. */
export interface OpenLease {
  id: string;
  /** When its log entries were written, to find them by binary search. */
  at: number;
  baseId: string;
  keys: string[];
  monthStart: number;
}

/** One grant: its inputs, and what {@link grantStep} found (reset on every run of the step). */
export interface GrantStep {
  rules: QuotaRules;
  providerId: string;
  baseId: string;
  /** The base provider id, then the route key when the call goes to a route. */
  keys: string[];
  tokens: number;
  /** The id of its log entries; `''` when no key has a per-minute limit (nothing is logged). */
  id: string;
  answer: QuotaRefusal | { ok: true; subscriptionState: { requestsUsed: number; tokensUsed: number } } | undefined;
  at: number;
  month: number;
}

/**
 * Takes a slot in `current` (one provider's counters, changed in place) if every limit has room,
 * else records the refusal in `step.answer`. Runs inside one store update.
 */
export function grantStep(current: QuotaRecord | undefined, step: GrantStep): QuotaRecord {
  const record = current ?? {};
  const { rules, keys, tokens } = step;
  const now = rules.now();
  const monthStart = rules.monthStart(now);
  step.at = now;
  step.month = monthStart;
  step.answer = undefined;
  for (const key of keys) {
    const limits = rules.limitsOf(key);
    const counter = currentCounter(record, key, now, monthStart);
    const refusal = limits === undefined ? undefined : refusalFor(key, limits, counter, tokens, now);
    if (refusal !== undefined) {
      step.answer = refusal;
      return record;
    }
  }
  const base = record[step.baseId] as Counter;
  step.answer = { ok: true, subscriptionState: { requestsUsed: base.monthRequests, tokensUsed: base.monthTokens } };
  for (const key of keys) {
    const counter = record[key] as Counter;
    if (rules.hasMinuteLimit(key)) {
      counter.log.push([now, tokens, step.id]);
      counter.logTokens += tokens;
    }
    counter.monthRequests += 1;
    counter.monthTokens += tokens;
  }
  return record;
}

/** A lease settled with the tokens the call used. */
export interface SettleStep {
  open: OpenLease;
  actual: number;
  /** `actual` minus the estimate counted at the grant. */
  delta: number;
}

/** Replaces a lease's estimated tokens with `step.actual` in its log entries and month. */
export function settleStep(current: QuotaRecord | undefined, step: SettleStep): QuotaRecord {
  const record = current ?? {};
  const { open, actual, delta } = step;
  for (const key of open.keys) {
    const counter = record[key];
    if (counter === undefined) continue;
    // Only per-minute limits keep a log; and never index with -1 (a slow named-property read).
    const index = counter.log.length === 0 ? -1 : findEntry(counter.log, open.at, open.id);
    if (index >= 0) {
      (counter.log[index] as LogEntry)[1] = actual;
      counter.logTokens += delta;
    }
    if (counter.monthStart === open.monthStart) counter.monthTokens = Math.max(0, counter.monthTokens + delta);
  }
  return record;
}

/** A lease given back unsent. */
export interface ReleaseStep {
  open: OpenLease;
  /** The tokens counted at the grant. */
  tokens: number;
}

/** Takes a lease's request and tokens out of its log entries and month. */
export function releaseStep(current: QuotaRecord | undefined, step: ReleaseStep): QuotaRecord {
  const record = current ?? {};
  const { open, tokens } = step;
  for (const key of open.keys) {
    const counter = record[key];
    if (counter === undefined) continue;
    const index = counter.log.length === 0 ? -1 : findEntry(counter.log, open.at, open.id);
    if (index >= 0) {
      counter.logTokens -= (counter.log[index] as LogEntry)[1];
      counter.log.splice(index, 1);
    }
    if (counter.monthStart === open.monthStart) {
      counter.monthRequests = Math.max(0, counter.monthRequests - 1);
      counter.monthTokens = Math.max(0, counter.monthTokens - tokens);
    }
  }
  return record;
}
