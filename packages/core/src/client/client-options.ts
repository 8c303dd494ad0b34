import type { Dispatcher } from 'undici';
import type { BudgetLimit } from '../billing/budget-limit.js';
import type { QuotaLimits } from '../billing/quota-limits.js';
import type { PricingConfig } from '../billing/pricing-schema.js';
import type { BreakerOptions } from '../policy/circuit-breaker.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import type { StateStore } from '../policy/state-store.js';
import type { TimeoutOptions, TimeoutOverrides } from '../policy/timeout-policy.js';
import type { ModelAliases, ProviderSelection } from '../routing/candidates.js';
import type { RoutingStrategy } from '../routing/strategies.js';
import { isId, isRecord, validateFast } from '../spec/fast-validate.js';
import { everyItem } from '../spec/request-checks.js';
import { clientSchemas } from '../spec/load-schemas.js';
import type { Provider } from '../spec/provider.js';
import { validateInput } from '../spec/validate-input.js';
import { parseClientOptionsFast } from './client-options-check.js';
import { providerProblem } from './provider-problem.js';
import type { ClientEventListener } from './client-events.js';

/** How `provider: 'auto'` ranks candidates. */
export interface RoutingOptions {
  /** Default `'priority'` (configured order). */
  strategy?: RoutingStrategy;
  /** For `'weighted'`: by provider id or candidate key (`'hf/together'`); default 1 each. */
  weights?: Record<string, number>;
  /** Source in `[0, 1)` for `weighted` and backoff jitter (tests pin it). */
  random?: () => number;
}

/** Opt-in hedging: start the next candidate when the first has no first token after `delayMs`. */
export interface HedgeOptions {
  delayMs: number;
}

/** Options of {@link createClient}. Only `providers` is required. */
export interface ClientOptions {
  /** Provider objects from their factories (`ollama()`, `openaiCompatible({...})`), in priority order. */
  providers: Provider[];
  /** Model aliases: `{ 'llama-3.2-3b': { hf: 'meta-llama/Llama-3.2-3B-Instruct', ollama: 'llama3.2:3b' } }`. */
  models?: ModelAliases;
  routing?: RoutingOptions;
  /** Deadlines: flat, `byTask`, `byProvider` (see `DEFAULT_TIMEOUTS`); each call may override them. */
  timeouts?: TimeoutOptions;
  /** Retry policy (see `DEFAULT_RETRY_POLICY`); each call may override it. */
  retry?: Partial<RetryPolicy>;
  /** Circuit breaker per provider and model; `false` turns it off. */
  breaker?: false | Partial<BreakerOptions>;
  /** Hedging, off by default. */
  hedge?: false | HedgeOptions;
  /** Spending limits checked before each attempt is sent. */
  budget?: BudgetLimit | BudgetLimit[];
  /** Prices per provider (or candidate key), for one price or per model. */
  pricing?: PricingConfig;
  /**
   * Client-side rate limits per provider (or candidate key): `auto` skips a provider at its limit,
   * a pinned call waits for room within its deadline.
   */
  quotas?: Record<string, QuotaLimits>;
  /** Where breaker, budget and quota state live; default in memory. */
  store?: StateStore;
  /** Receives every client event; see {@link ClientEvent}. */
  onEvent?: ClientEventListener;
  /** An undici dispatcher for every request (a proxy agent, custom TLS, a test agent). */
  dispatcher?: Dispatcher;
}

/** Per-call options, the second argument of every task method. */
export interface CallOptions {
  /** `'auto'` (default), one provider id (pinned: retries, no failover), or ids in failover order. */
  provider?: ProviderSelection;
  signal?: AbortSignal;
  timeouts?: TimeoutOverrides;
  retry?: Partial<RetryPolicy>;
  /** Sending the request twice is harmless: lets post-send network errors and 502/504 retry and fail over. */
  idempotent?: boolean;
  /** Overrides the client's hedging for this call. */
  hedge?: false | HedgeOptions;
}

// The schemas are built on first use from the schema module (see spec/load-schemas.ts): ordinary
// options pass a hand-written check and never need them, nor zod.

/** Validates `createClient` options (what the hand-written check in client-options-check.ts does not accept). */
export const clientOptionsSchema = () => clientSchemas().clientOptions;

/** Validates the options of one call (the second argument of every task method). */
export const callOptionsSchema = () => clientSchemas().callOptions;

/** The validated options, with the budget normalised to a list. */
export type ValidatedClientOptions = Omit<ClientOptions, 'budget'> & { budget?: BudgetLimit[] };

/** Validates `createClient` options; throws `invalid-request` saying what to fix. */
export function parseClientOptions(value: unknown): ValidatedClientOptions {
  return parseClientOptionsFast(value, providerProblem) ?? (validateInput(clientOptionsSchema, value, 'createClient() options') as ValidatedClientOptions);
}

/** Validates a call's options (the common ones through a precheck, the rest with zod). */
export function parseCallOptions(value: unknown): CallOptions {
  if (value === undefined) return NO_OPTIONS;
  return validateFast(value, looksLikeCallOptions, callOptionsSchema, 'call options') as CallOptions;
}

const CALL_OPTION_KEYS: ReadonlySet<string> = new Set(['provider', 'signal', 'timeouts', 'retry', 'idempotent', 'hedge']);

/**
 * Call options `callOptionsSchema` accepts, in their common form: `provider`, `signal` and
 * `idempotent`, no unknown key. Options with `timeouts`, `retry` or `hedge` go through zod.
 */
export function looksLikeCallOptions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) if (!CALL_OPTION_KEYS.has(key)) return false;
  const { provider, signal, idempotent } = value;
  return (
    value.timeouts === undefined &&
    value.retry === undefined &&
    value.hedge === undefined &&
    (signal === undefined || signal instanceof AbortSignal) &&
    (idempotent === undefined || typeof idempotent === 'boolean') &&
    (provider === undefined || isId(provider) || (Array.isArray(provider) && provider.length > 0 && everyItem(provider, isId)))
  );
}

const NO_OPTIONS: CallOptions = Object.freeze({});
