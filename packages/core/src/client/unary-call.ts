import { isSwitchyardError, SwitchyardError } from '../errors/switchyard-error.js';
import type { TaskMethod } from '../routing/candidates.js';
import { routeCall } from '../routing/route-call.js';
import type { CallContext } from '../spec/call-context.js';
import type { Provider } from '../spec/provider.js';
import type { ProviderResultBase } from '../spec/responses.js';
import type { AttemptHooks, AttemptRun, AttemptTicket } from './attempt-run.js';
import { planCall } from './call-plan.js';
import { newCallRun, prepareCall, routeSetup, withModel } from './call-setup.js';
import type { RequestCheck, RoutedRequest } from './call-setup.js';
import type { CallOptions } from './client-options.js';
import type { ClientRuntime } from './client-runtime.js';
import { toClientResponse } from './client-response.js';
import type { ClientResponse } from './client-response.js';

/** Calls a provider's task method, given the request with the provider's own model id. */
export type TaskInvoker<Req, Res> = (provider: Provider, request: Req, context: CallContext) => Promise<Res>;

/**
 * Runs an unstreamed task call: plans the candidates, routes attempts (retries, failover, hedging),
 * and turns the winning result into the client's response. Every error carries the trace.
 */
export async function runUnary<Req extends RoutedRequest, Res extends ProviderResultBase>(
  runtime: ClientRuntime,
  method: TaskMethod,
  check: RequestCheck<Req>,
  request: Req,
  rawOptions: CallOptions | undefined,
  invoke: TaskInvoker<Req, Res>,
): Promise<ClientResponse<Res>> {
  // Before the call exists: an invalid request rejects without a trace.
  const options = prepareCall(runtime, check, request, rawOptions);
  const run = newCallRun(runtime, method, request, options, options.signal);
  try {
    const planned = planCall(runtime, run, method, options.provider ?? 'auto');
    const plan = planned instanceof Promise ? await planned : planned;
    const { value, handle } = await routeCall<Res, AttemptTicket>(
      routeSetup<Res>(runtime, run, plan, method, (candidate, attempt, hedge, ticket) =>
        run.start(candidate, attempt, hedge, ticket, (context) => invoke(candidate.provider, withModel(request, candidate.model), context), UNARY_HOOKS as AttemptHooks<Res>),
      ),
    );
    const finished = (handle as AttemptRun<Res>).finish({ usage: value.usage, reportedCost: value.reportedCost });
    const cost = finished instanceof Promise ? await finished : finished;
    run.end(handle.candidate.key, undefined);
    return toClientResponse(value, handle.candidate, cost, run.trace);
  } catch (raw) {
    const error = withTrace(raw, run.trace);
    run.end(undefined, error);
    throw error;
  }
}

// The bill of an unstreamed answer is in the answer itself.
const UNARY_HOOKS: AttemptHooks<ProviderResultBase> = {
  bill: (result) => ({ usage: result.usage, reportedCost: result.reportedCost }),
};

/** The error a call ends with, always a `SwitchyardError` carrying the call's attempts. */
export function withTrace(raw: unknown, trace: import('./trace-types.js').Trace): SwitchyardError {
  const error = isSwitchyardError(raw)
    ? raw
    : new SwitchyardError('invalid-response', 'The call failed unexpectedly.', { retryable: false, cause: raw });
  return error.attempts ? error : error.withContext({ attempts: trace });
}
