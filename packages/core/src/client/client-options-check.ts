import { MAX_DEADLINE_MS } from '../policy/timeout-policy.js';
import type { Provider } from '../spec/provider.js';
import { isId, isPlainRecord, isRecord } from '../spec/fast-validate.js';
import type { ValidatedClientOptions } from './client-options.js';

// createClient's options checked by hand, so that an ordinary configuration never loads zod (its
// import is 90–150 ms of a cold start). What this accepts it copies exactly as the zod schema in
// client-options.ts would parse it (new containers, the same values, providers and functions by
// reference); anything else (budget, pricing, quotas, timeouts byTask / byProvider, any value out
// of range) is left to the schema, which also writes the error message. client-options-check.test.ts
// compares both on many configurations.

const FAST_KEYS: ReadonlySet<string> = new Set(['providers', 'models', 'routing', 'timeouts', 'retry', 'breaker', 'hedge', 'store', 'onEvent', 'dispatcher']);
const STRATEGIES: ReadonlySet<unknown> = new Set(['priority', 'latency', 'cost', 'round-robin', 'weighted']);
const DEADLINES: ReadonlySet<string> = new Set(['connectMs', 'headersMs', 'firstTokenMs', 'idleMs', 'totalMs']);
const RETRY_FIELDS: ReadonlySet<string> = new Set(['maxRetries', 'baseDelayMs', 'multiplier', 'maxDelayMs', 'maxRetryAfterMs']);
const BREAKER_FIELDS: ReadonlySet<string> = new Set(['failureThreshold', 'cooldownMs', 'maxCooldownMs']);

/**
 * `value` as the client options schema would return it, or undefined when the hand-written check
 * does not accept it (then the schema decides).
 *
 * @param providerProblem why an item of `providers` is not a provider (the schema's own check).
 */
export function parseClientOptionsFast(value: unknown, providerProblem: (value: unknown) => string | undefined): ValidatedClientOptions | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) if (!FAST_KEYS.has(key)) return undefined;
  const { providers, models, routing, timeouts, retry, breaker, hedge, store, onEvent, dispatcher } = value;
  if (!Array.isArray(providers) || providers.length === 0) return undefined;
  const ids = new Set<string>();
  for (let index = 0; index < providers.length; index++) {
    const provider = providers[index] as Provider;
    if (providerProblem(provider) !== undefined || ids.has(provider.id)) return undefined;
    ids.add(provider.id);
  }
  if (!(models === undefined || isModels(models, ids))) return undefined;
  if (!(routing === undefined || isRouting(routing, ids))) return undefined;
  if (!(timeouts === undefined || fieldsWithin(timeouts, DEADLINES, isDeadline))) return undefined;
  if (!(retry === undefined || fieldsWithin(retry, RETRY_FIELDS, isRetryField))) return undefined;
  if (!(breaker === undefined || breaker === false || fieldsWithin(breaker, BREAKER_FIELDS, isBreakerField))) return undefined;
  if (!(hedge === undefined || hedge === false || isHedge(hedge))) return undefined;
  if (!(store === undefined || isStore(store))) return undefined;
  if (!(onEvent === undefined || typeof onEvent === 'function')) return undefined;
  if (!(dispatcher === undefined || (typeof dispatcher === 'object' && dispatcher !== null && typeof (dispatcher as { dispatch?: unknown }).dispatch === 'function'))) return undefined;

  // The copy zod makes: a new object per object or record schema, each present key kept (an
  // explicit `undefined` too), anything behind z.unknown / z.custom by reference.
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const entry = value[key];
    if (entry === undefined || key === 'store' || key === 'dispatcher' || !(Array.isArray(entry) || isRecord(entry))) copy[key] = entry;
    else copy[key] = key === 'providers' ? [...(entry as unknown[])] : key === 'models' ? copyModels(entry) : key === 'routing' ? copyRouting(entry) : { ...entry };
  }
  return copy as ValidatedClientOptions;
}

/** Model aliases: non-empty alias → { known provider id (or `id/…` key) → non-empty model id }. */
function isModels(models: unknown, ids: ReadonlySet<string>): boolean {
  if (!isPlainRecord(models)) return false;
  for (const alias of Object.keys(models)) {
    const mapping = models[alias];
    if (alias.length === 0 || !isPlainRecord(mapping)) return false;
    for (const key of Object.keys(mapping)) if (!isKnownKey(key, ids) || !isId(mapping[key])) return false;
  }
  return true;
}

function isRouting(routing: unknown, ids: ReadonlySet<string>): boolean {
  if (!isRecord(routing)) return false;
  for (const key in routing) if (key !== 'strategy' && key !== 'weights' && key !== 'random') return false;
  const { strategy, weights, random } = routing;
  if (!(strategy === undefined || STRATEGIES.has(strategy))) return false;
  if (!(random === undefined || typeof random === 'function')) return false;
  if (weights === undefined) return true;
  if (!isPlainRecord(weights)) return false;
  for (const key of Object.keys(weights)) {
    const weight = weights[key];
    if (!isKnownKey(key, ids) || typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) return false;
  }
  return true;
}

/** A key of `weights` or of an alias mapping: a provider id, or a candidate key `id/…`. */
function isKnownKey(key: string, ids: ReadonlySet<string>): boolean {
  return ids.has(key.split('/')[0] as string);
}

/** An object of only `names`, each absent, `undefined` or accepted by `accepts`. */
function fieldsWithin(value: unknown, names: ReadonlySet<string>, accepts: (name: string, field: number) => boolean): boolean {
  if (!isRecord(value)) return false;
  for (const name in value) {
    const field = value[name];
    if (!names.has(name)) return false;
    if (field !== undefined && !(typeof field === 'number' && accepts(name, field))) return false;
  }
  return true;
}

/** zod's `.int()` is a safe integer; `z.number()` rejects NaN and ±Infinity. */
const isWhole = (value: number): boolean => Number.isSafeInteger(value);

function isDeadline(_name: string, ms: number): boolean {
  return isWhole(ms) && ms > 0 && ms <= MAX_DEADLINE_MS;
}

function isRetryField(name: string, value: number): boolean {
  if (name === 'multiplier') return value >= 1 && value <= 10;
  if (name === 'maxRetries') return isWhole(value) && value >= 0 && value <= 20;
  return isWhole(value) && value >= 0;
}

function isBreakerField(name: string, value: number): boolean {
  return isWhole(value) && (name === 'failureThreshold' ? value >= 1 : value > 0);
}

function isHedge(hedge: unknown): boolean {
  if (!isRecord(hedge)) return false;
  for (const key in hedge) if (key !== 'delayMs') return false;
  return typeof hedge.delayMs === 'number' && isWhole(hedge.delayMs) && hedge.delayMs > 0;
}

function isStore(store: unknown): boolean {
  const candidate = store as { get?: unknown; update?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.get === 'function' && typeof candidate.update === 'function';
}

function copyModels(models: unknown): Record<string, Record<string, unknown>> {
  const copy: Record<string, Record<string, unknown>> = {};
  for (const [alias, mapping] of Object.entries(models as Record<string, Record<string, unknown>>)) copy[alias] = { ...mapping };
  return copy;
}

function copyRouting(routing: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(routing as Record<string, unknown>) };
  if (copy.weights !== undefined) copy.weights = { ...(copy.weights as Record<string, unknown>) };
  return copy;
}
