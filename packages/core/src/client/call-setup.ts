import type { ZodType } from 'zod';
import type { SchemaGetter } from '../spec/lazy-schema.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { validateFast } from '../spec/fast-validate.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import type { Operation } from '../policy/timeout-policy.js';
import type { RouteCallSetup } from '../routing/route-call.js';
import type { TaskMethod } from '../routing/candidates.js';
import { taskOf } from '../routing/candidates.js';
import type { EstimableRequest } from '../billing/estimate-usage.js';
import type { AttemptTicket } from './attempt-run.js';
import type { CallPlan } from './call-plan.js';
import { CallRun } from './call-run.js';
import { parseCallOptions } from './client-options.js';
import type { CallOptions } from './client-options.js';
import type { ClientRuntime } from './client-runtime.js';

/** The request fields the client reads itself (the rest goes to the provider untouched). */
export interface RoutedRequest extends EstimableRequest {
  model: string;
}

/** How a task checks its request: a precheck for the common shapes, the zod schema (built on first use) for the rest. */
export interface RequestCheck<Req> {
  schema: SchemaGetter<ZodType<Req>>;
  looksValid: (value: unknown) => boolean;
  /** For the message: `"chat request"`. */
  what: string;
}

/**
 * Checks a call before anything else: the client is open, the request and the call options are
 * valid. Returns the options; throws `invalid-request` saying what to fix. The request is not
 * copied (no transform applies): the caller's object goes on unchanged.
 */
export function prepareCall<Req>(runtime: ClientRuntime, check: RequestCheck<Req>, request: Req, rawOptions: CallOptions | undefined): CallOptions {
  if (runtime.closed) throw closedError();
  validateFast(request, check.looksValid, check.schema, check.what);
  return parseCallOptions(rawOptions);
}

/** What every call of a closed client fails with. */
export function closedError(): SwitchyardError {
  return new SwitchyardError('invalid-request', 'This client was closed: create a new one with createClient().', { retryable: false });
}

/** Starts the bookkeeping of one task call. */
export function newCallRun(runtime: ClientRuntime, method: TaskMethod, request: RoutedRequest, options: CallOptions, signal: AbortSignal | undefined): CallRun {
  const task = taskOf(method);
  return new CallRun(runtime, {
    operation: task satisfies Operation,
    task,
    requestedModel: request.model,
    idempotent: options.idempotent ?? false,
    options,
    signal,
    request,
  });
}

/**
 * Everything `routeCall` needs, with `start` saying how to start an attempt. Built as one literal:
 * spreading a partial setup into another object costs microseconds a call in Node 20.
 */
export function routeSetup<T>(runtime: ClientRuntime, run: CallRun, plan: CallPlan, method: TaskMethod, start: RouteCallSetup<T, AttemptTicket>['start']): RouteCallSetup<T, AttemptTicket> {
  const options = run.spec.options;
  const hedge = options.hedge ?? runtime.options.hedge;
  return {
    candidates: plan.candidates,
    mode: plan.mode,
    operation: method,
    requestedModel: run.spec.requestedModel,
    idempotent: run.spec.idempotent,
    retry: options.retry === undefined ? runtime.retry : resolveRetryPolicy(runtime.options.retry, options.retry),
    hedgeDelayMs: hedge ? hedge.delayMs : undefined,
    signal: run.spec.signal,
    trace: run.trace,
    random: runtime.random,
    admit: (candidate, pinned) => run.admit(candidate, pinned),
    start,
    skipped: (candidate, admission) => run.skipped(candidate, admission),
    emit: (event) => run.emit(event),
  };
}

/** The request a provider gets: the caller's, with the provider's own model id. */
export function withModel<Req extends RoutedRequest>(request: Req, model: string): Req {
  // Object.assign, not `{ ...request, model }`: see routeSetup.
  const routed = Object.assign({}, request);
  routed.model = model;
  return routed;
}
