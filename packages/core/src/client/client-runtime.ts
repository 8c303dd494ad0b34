import { Billing } from '../billing/billing.js';
import { createTransport } from '../http/create-transport.js';
import type { HttpTransport } from '../http/types.js';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from '../policy/circuit-breaker.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import { createMemoryStateStore } from '../policy/state-store.js';
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
  /** Prices, budgets, quotas and the meter. */
  readonly billing: Billing;
  /** Round-robin positions per method and model. */
  readonly rotations: Map<string, number>;
  readonly random: () => number;
  nextCallId(): number;
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
  return {
    options,
    providers: options.providers,
    transport: createTransport(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    retry: Object.freeze(resolveRetryPolicy(options.retry)),
    breaker: options.breaker === false ? undefined : new CircuitBreaker(store, { ...DEFAULT_BREAKER_OPTIONS, ...definedOnly(options.breaker ?? {}) }),
    latency: new LatencyTracker(),
    billing: new Billing({
      ...(options.pricing ? { pricing: options.pricing } : {}),
      ...(options.budget?.length ? { budget: options.budget } : {}),
      ...(options.quotas ? { quotas: options.quotas } : {}),
      store,
      onEvent: emit,
    }),
    rotations: new Map(),
    random: options.routing?.random ?? Math.random,
    nextCallId: () => ++callIds,
    listening: listener !== undefined,
    emit,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
