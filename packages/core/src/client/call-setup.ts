import { estimateUsage } from '../billing/estimate-usage.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import type { Operation } from '../policy/timeout-policy.js';
import type { RouteCallSetup } from '../routing/route-call.js';
import type { TaskMethod } from '../routing/candidates.js';
import { taskOf } from '../routing/candidates.js';
import type { EstimableRequest } from '../billing/estimate-usage.js';
import type { AttemptTicket } from './attempt-run.js';
import type { CallPlan } from './call-plan.js';
import { CallRun } from './call-run.js';
import type { CallOptions } from './client-options.js';
import type { ClientRuntime } from './client-runtime.js';

/** The request fields the client reads itself (the rest goes to the provider untouched). */
export interface RoutedRequest extends EstimableRequest {
  model: string;
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
    billed: { task, requestedModel: request.model, estimate: estimateUsage(task, request) },
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
