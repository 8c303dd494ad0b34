import type { Dispatcher } from 'undici';
import { notAnObject } from '../billing/schema-by-shape.js';
import { budgetConfigSchema } from '../billing/budget-limit.js';
import { quotaConfigSchema } from '../billing/quota-limits.js';
import { providerProblem } from '../client/provider-problem.js';
import type { Provider } from '../spec/provider.js';
import type { StateStore } from '../policy/state-store.js';
import { MAX_DEADLINE_MS, OPERATIONS } from '../policy/timeout-policy.js';
import type { ZodModule } from '../spec/load-zod.js';
import { buildBillingSchemas } from './billing-schemas.js';

/**
 * The zod schemas of createClient's options, a call's options, the housekeeping calls' options and
 * the policies in them (timeouts, retry, breaker), built together on first use: ordinary options
 * pass the hand-written check (client/client-options-check.ts) and never need them, nor zod.
 */
export function buildClientSchemas(z: ZodModule) {
  const { pricingConfig } = buildBillingSchemas(z);
  const deadline = (what: string) =>
    z
      .number({ error: `timeouts.${what} must be a number of milliseconds` })
      .int(`timeouts.${what} must be whole milliseconds`)
      .positive(`timeouts.${what} must be > 0`)
      .max(MAX_DEADLINE_MS, `timeouts.${what} must be at most one day`)
      .optional();

  const overrideFields = {
    connectMs: deadline('connectMs'),
    headersMs: deadline('headersMs'),
    firstTokenMs: deadline('firstTokenMs'),
    idleMs: deadline('idleMs'),
    totalMs: deadline('totalMs'),
  };

  const timeoutOverrides = z.strictObject(overrideFields, {
    error: notAnObject('timeouts must be an object such as { firstTokenMs: 10000, totalMs: 60000 }'),
  });

  const byTask = z.partialRecord(z.enum(OPERATIONS, { error: `timeouts.byTask keys must be one of ${OPERATIONS.join(', ')}` }), timeoutOverrides);

  const timeoutOptions = z.strictObject({
    ...overrideFields,
    byTask: byTask.optional(),
    byProvider: z.record(z.string(), z.strictObject({ ...overrideFields, byTask: byTask.optional() })).optional(),
  });

  const milliseconds = (what: string) =>
    z.number({ error: `${what} must be a number of milliseconds` }).int(`${what} must be whole milliseconds`).nonnegative(`${what} must be >= 0`);
  const retryPolicy = z.strictObject(
    {
      maxRetries: z.number().int('maxRetries must be a whole number').min(0, 'maxRetries must be >= 0').max(20, 'maxRetries must be <= 20').optional(),
      baseDelayMs: milliseconds('baseDelayMs').optional(),
      multiplier: z.number().min(1, 'multiplier must be >= 1').max(10, 'multiplier must be <= 10').optional(),
      maxDelayMs: milliseconds('maxDelayMs').optional(),
      maxRetryAfterMs: milliseconds('maxRetryAfterMs').optional(),
    },
    { error: notAnObject('retry must be an object such as { maxRetries: 2, baseDelayMs: 500 }') },
  );

  const breakerOptions = z.union([
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
        timeouts: timeoutOptions.optional(),
        retry: retryPolicy.optional(),
        breaker: breakerOptions.optional(),
        hedge: hedgeSchema.optional(),
        budget: budgetConfigSchema.optional(),
        pricing: pricingConfig.optional(),
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
      timeouts: timeoutOverrides.optional(),
      retry: retryPolicy.optional(),
      idempotent: z.boolean({ error: 'idempotent must be true or false' }).optional(),
      hedge: hedgeSchema.optional(),
    },
    { error: notAnObject('call options must be an object such as { provider: "auto", signal }') },
  );

  const housekeepingOptions = z.strictObject(
      {
        signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, { message: 'signal must be an AbortSignal' }).optional(),
        timeouts: timeoutOverrides.optional(),
      },
      { error: notAnObject('options must be an object such as { signal, timeouts: { totalMs: 5000 } }') },
    );

  const providerId = z.string({ error: 'providerId must be a provider id string' }).min(1, 'providerId must not be empty');

  return { timeoutOverrides, timeoutOptions, retryPolicy, breakerOptions, clientOptions, callOptions, housekeepingOptions, providerId };
}
