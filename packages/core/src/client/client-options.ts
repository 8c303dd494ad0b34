import type { Dispatcher } from 'undici';
import { notAnObject } from '../billing/schema-by-shape.js';
import { budgetConfigSchema } from '../billing/budget-limit.js';
import type { BudgetLimit } from '../billing/budget-limit.js';
import { pricingConfigSchema } from '../billing/pricing-schema.js';
import { quotaConfigSchema } from '../billing/quota-limits.js';
import type { QuotaLimits } from '../billing/quota-limits.js';
import type { PricingConfig } from '../billing/pricing-schema.js';
import { breakerOptionsSchema } from '../policy/circuit-breaker.js';
import type { BreakerOptions } from '../policy/circuit-breaker.js';
import { retryPolicySchema } from '../policy/retry-policy.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import type { StateStore } from '../policy/state-store.js';
import { timeoutOptionsSchema, timeoutOverridesSchema } from '../policy/timeout-policy.js';
import type { TimeoutOptions, TimeoutOverrides } from '../policy/timeout-policy.js';
import type { ModelAliases, ProviderSelection } from '../routing/candidates.js';
import type { RoutingStrategy } from '../routing/strategies.js';
import { SPECIFICATION_VERSION } from '../spec/provider.js';
import type { Provider } from '../spec/provider.js';
import { isId, isRecord, validateFast } from '../spec/fast-validate.js';
import { everyItem } from '../spec/request-checks.js';
import { lazySchema } from '../spec/lazy-schema.js';
import type { ZodModule } from '../spec/load-zod.js';
import { validateInput } from '../spec/validate-input.js';
import { parseClientOptionsFast } from './client-options-check.js';
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

// The schemas of createClient's options and of a call's options, built together on first use (see
// lazySchema): ordinary options pass a hand-written check and never need them, nor zod.
function buildClientSchemas(z: ZodModule) {
  const functionSchema = (message: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message });

  const hedgeSchema = z.union([
    z.literal(false),
    z.strictObject(
      { delayMs: z.number({ error: 'hedge.delayMs must be a number of milliseconds' }).int().positive('hedge.delayMs must be > 0') },
      { error: notAnObject('hedge must be false or { delayMs: 500 }') },
    ),
  ]);

  const providerSchema = z.unknown().superRefine((value, context) => {
    const problem = providerProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

  const storeSchema = z.custom<StateStore>(
    (value) => typeof value === 'object' && value !== null && typeof (value as StateStore).get === 'function' && typeof (value as StateStore).update === 'function',
    { message: 'store must implement StateStore: get(key) and update(key, transform)' },
  );

  const dispatcherSchema = z.custom<Dispatcher>((value) => typeof value === 'object' && value !== null && typeof (value as Dispatcher).dispatch === 'function', {
    message: 'dispatcher must be an undici Dispatcher (an Agent, ProxyAgent or MockAgent)',
  });

  const routingSchema = z.strictObject(
    {
      strategy: z.enum(['priority', 'latency', 'cost', 'round-robin', 'weighted'], {
        error: 'routing.strategy must be one of "priority", "latency", "cost", "round-robin", "weighted"',
      }).optional(),
      weights: z.record(z.string(), z.number().nonnegative('weights must be >= 0').finite()).optional(),
      random: functionSchema('routing.random must be a function returning a number in [0, 1)').optional(),
    },
    { error: notAnObject('routing must be an object such as { strategy: "latency" }') },
  );

  const clientOptions = z
    .strictObject(
      {
        providers: z
          .array(providerSchema, { error: 'providers must be an array of provider objects, e.g. [ollama(), openaiCompatible({...})]' })
          .min(1, 'providers must list at least one provider'),
        models: z
          .record(
            z.string().min(1, 'alias names must not be empty'),
            z.record(z.string(), z.string().min(1, 'model ids must not be empty'), { error: 'each alias maps provider ids to model ids' }),
          )
          .optional(),
        routing: routingSchema.optional(),
        timeouts: timeoutOptionsSchema().optional(),
        retry: retryPolicySchema().optional(),
        breaker: breakerOptionsSchema().optional(),
        hedge: hedgeSchema.optional(),
        budget: budgetConfigSchema.optional(),
        pricing: pricingConfigSchema.optional(),
        quotas: quotaConfigSchema.optional(),
        store: storeSchema.optional(),
        onEvent: functionSchema('onEvent must be a function').optional(),
        dispatcher: dispatcherSchema.optional(),
      },
      { error: notAnObject('createClient() takes an options object such as { providers: [ollama()] }') },
    )
    .superRefine((options, context) => {
      const providers = options.providers as Provider[];
      const ids = providers.map((provider) => provider.id);
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['providers', index], message: `duplicate provider id "${id}": give each provider a distinct id option` });
      });
      const known = new Set(ids);
      const checkKeys = (keys: Iterable<string>, path: string[]) => {
        for (const key of keys) {
          const providerId = key.split('/')[0] as string;
          if (!known.has(providerId)) {
            context.addIssue({ code: 'custom', path: [...path, key], message: `no provider has the id "${providerId}" (configured: ${ids.join(', ')})` });
          }
        }
      };
      checkKeys(Object.keys(options.timeouts?.byProvider ?? {}), ['timeouts', 'byProvider']);
      checkKeys(Object.keys(options.routing?.weights ?? {}), ['routing', 'weights']);
      checkKeys(Object.keys(options.pricing ?? {}), ['pricing']);
      checkKeys(Object.keys(options.quotas ?? {}), ['quotas']);
      for (const [alias, mapping] of Object.entries(options.models ?? {})) checkKeys(Object.keys(mapping), ['models', alias]);
      (options.budget ?? []).forEach((budget, index) => {
        if (budget.provider !== undefined && !known.has(budget.provider)) {
          context.addIssue({ code: 'custom', path: ['budget', index, 'provider'], message: `no provider has the id "${budget.provider}" (configured: ${ids.join(', ')})` });
        }
      });
    });

  // The options of one call (the second argument of every task method).
  const callOptions = z.strictObject(
    {
      provider: z
        .union([z.string().min(1, 'provider must not be empty'), z.array(z.string().min(1)).min(1, 'provider list must not be empty')], {
          error: 'provider must be "auto", a provider id, or an array of provider ids',
        })
        .optional(),
      signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, { message: 'signal must be an AbortSignal' }).optional(),
      timeouts: timeoutOverridesSchema().optional(),
      retry: retryPolicySchema().optional(),
      idempotent: z.boolean({ error: 'idempotent must be true or false' }).optional(),
      hedge: hedgeSchema.optional(),
    },
    { error: notAnObject('call options must be an object such as { provider: "auto", signal }') },
  );
  return { clientOptions, callOptions };
}

const clientSchemas = lazySchema(buildClientSchemas);

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

/** Why `value` is not a provider this core can use, or undefined when it is one. */
export function providerProblem(value: unknown): string | undefined {
  if (typeof value === 'function') return 'is a function: call the provider factory, e.g. ollama() rather than ollama';
  if (typeof value !== 'object' || value === null) return 'is not a provider object: pass what a provider factory returns, e.g. ollama()';
  const candidate = value as Partial<Provider> & { specificationVersion?: unknown };
  if (candidate.specificationVersion !== SPECIFICATION_VERSION) {
    return candidate.specificationVersion === undefined
      ? 'has no specificationVersion: it is not a Switchyard provider'
      : `speaks contract ${JSON.stringify(candidate.specificationVersion)} but this @switchyard/core speaks "${SPECIFICATION_VERSION}": install matching versions of @switchyard/core and the provider package`;
  }
  if (typeof candidate.id !== 'string' || candidate.id.length === 0) return 'has no id: every provider needs a non-empty string id';
  if (candidate.id === 'auto') return 'uses the reserved id "auto": give it another id';
  return undefined;
}
