import type { ClientBilling } from '../billing/client-billing.js';
import { Meter } from '../billing/meter.js';
import { UnpricedBilling } from '../billing/unpriced-billing.js';
import type { EstimableRequest } from '../billing/estimate-usage.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import { createTransport } from '../http/create-transport.js';
import type { HttpTransport } from '../http/types.js';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from '../policy/circuit-breaker.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import { createMemoryStateStore } from '../policy/state-store.js';
import { resolveTimeouts } from '../policy/timeout-policy.js';
import type { Operation } from '../policy/timeout-policy.js';
import type { ResolvedTimeouts } from '../spec/call-context.js';
import { LatencyTracker } from '../routing/latency-tracker.js';
import type { Provider } from '../spec/provider.js';
import type { ClientEvent } from './client-events.js';
import type { ValidatedClientOptions } from './client-options.js';

/** What every call of one client shares. */
export interface ClientRuntime {
  readonly options: ValidatedClientOptions;
  readonly providers: readonly Provider[];
  readonly transport: HttpTransport;
  readonly breaker: CircuitBreaker | undefined;
  /** The client's retry policy over the defaults, resolved once (calls without a `retry` option use it as is). */
  readonly retry: RetryPolicy;
  readonly latency: LatencyTracker;
  /** Every attempt's requests, tokens and cost, for `client.usage()`. */
  readonly meter: Meter;
  /**
   * Prices, budgets and quotas: `UnpricedBilling` when nothing has a price, a budget or a quota, else
   * `Billing` once {@link ClientRuntime.billingLoading} has settled.
   */
  billing: ClientBilling;
  /**
   * Set while `Billing` loads (its chunk is imported when the client is created): a call waits for it
   * before planning, so every attempt is admitted and priced by it. `undefined` once loaded.
   */
  billingLoading: Promise<void> | undefined;
  /** A call's usage guessed before it is sent, for `Billing`: `estimateUsage` once it has loaded. */
  estimateUsage: (task: Task, request: EstimableRequest) => Usage;
  /** An attempt's deadlines from the client's options alone (frozen, computed once per operation and provider). */
  timeoutsFor(operation: Operation, providerId: string): ResolvedTimeouts;
  /** Round-robin positions per method and model. */
  readonly rotations: Map<string, number>;
  readonly random: () => number;
  nextCallId(): number;
  /**
   * Whether the breaker and billing state are in this process (the default in-memory store, no
   * budget): attempts are then admitted and recorded without a promise.
   */
  answersNow: boolean;
  /** Set by `client.close()`: later calls fail with `invalid-request`. */
  closed: boolean;
  /** Whether anyone listens: events are not even built otherwise. */
  readonly listening: boolean;
  /** Delivers an event to `onEvent`; a listener's exception is swallowed. */
  emit(event: ClientEvent): void;
}

/** Builds the shared state from validated options: one transport (one keep-alive pool), one breaker, one billing. */
export function createRuntime(options: ValidatedClientOptions): ClientRuntime {
  const store = options.store ?? createMemoryStateStore();
  const listener = options.onEvent;
  const emit = (event: ClientEvent): void => {
    if (!listener) return;
    try {
      listener(event);
    } catch {
      // A failing listener must not fail the call it observes.
    }
  };
  let callIds = 0;
  const timeouts = new Map<Operation, Map<string, ResolvedTimeouts>>();
  const timeoutsFor = (operation: Operation, providerId: string): ResolvedTimeouts => {
    let byProvider = timeouts.get(operation);
    if (byProvider === undefined) timeouts.set(operation, (byProvider = new Map()));
    let resolved = byProvider.get(providerId);
    if (resolved === undefined) byProvider.set(providerId, (resolved = Object.freeze(resolveTimeouts(operation, providerId, options.timeouts, undefined))));
    return resolved;
  };
  const breaker = options.breaker === false ? undefined : new CircuitBreaker(store, { ...DEFAULT_BREAKER_OPTIONS, ...definedOnly(options.breaker ?? {}) });
  const meter = new Meter();
  const breakerAnswersNow = breaker === undefined || breaker.answersNow;
  const runtime: ClientRuntime = {
    options,
    providers: options.providers,
    transport: createTransport(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    retry: Object.freeze(resolveRetryPolicy(options.retry)),
    breaker,
    latency: new LatencyTracker(),
    meter,
    billing: new UnpricedBilling(meter),
    billingLoading: undefined,
    estimateUsage: noEstimate,
    answersNow: breakerAnswersNow,
    timeoutsFor,
    rotations: new Map(),
    random: options.routing?.random ?? Math.random,
    nextCallId: () => ++callIds,
    closed: false,
    listening: listener !== undefined,
    emit,
  };
  if (needsBilling(options)) {
    const loading = Promise.all([import('../billing/billing.js'), import('../billing/estimate-usage.js')]).then(([{ Billing }, { estimateUsage }]) => {
      const billing = new Billing({
        ...(options.pricing ? { pricing: options.pricing } : {}),
        ...(options.budget?.length ? { budget: options.budget } : {}),
        ...(options.quotas ? { quotas: options.quotas } : {}),
        store,
        onEvent: emit,
        meter,
      });
      runtime.billing = billing;
      runtime.estimateUsage = estimateUsage;
      runtime.answersNow = breakerAnswersNow && billing.answersNow;
      runtime.billingLoading = undefined;
    });
    // Calls await `loading` and see a failure; a client that makes no call must not leave it unhandled.
    loading.catch(() => undefined);
    runtime.billingLoading = loading;
  }
  return runtime;
}

/**
 * Whether anything may have a price, a budget or a quota, so the client needs `Billing` rather than
 * `UnpricedBilling`: a `pricing`, `budget` or `quotas` option; a provider with `pricing()` or with
 * `routes()` (a route may carry a price); or a `store` option, where `Billing` counts each provider's
 * monthly usage for other processes sharing the store even without limits here.
 */
function needsBilling(options: ValidatedClientOptions): boolean {
  if (options.pricing !== undefined || (options.budget?.length ?? 0) > 0 || options.quotas !== undefined || options.store !== undefined) return true;
  return options.providers.some((provider) => typeof provider.pricing === 'function' || typeof provider.routes === 'function');
}

// UnpricedBilling reads no estimate.
const NO_ESTIMATE: Usage = Object.freeze({});
const noEstimate = (): Usage => NO_ESTIMATE;

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
