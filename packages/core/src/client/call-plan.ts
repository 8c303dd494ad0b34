import { SwitchyardError } from '../errors/switchyard-error.js';
import { candidatesOf, modelFor, noModelError, providersFor, selectionMode, taskOf } from '../routing/candidates.js';
import type { Candidate, ProviderSelection, SelectionMode, TaskMethod } from '../routing/candidates.js';
import { rankCandidates } from '../routing/strategies.js';
import type { RankedCandidate } from '../routing/strategies.js';
import type { ProviderRoute } from '../spec/provider.js';
import type { CallRun } from './call-run.js';
import { latencyKey } from './call-run.js';
import type { ClientRuntime } from './client-runtime.js';

/** The candidates of a call, in the order they will be tried. */
export interface CallPlan {
  mode: SelectionMode;
  candidates: Candidate[];
}

/**
 * Works out where a call may go: the providers the selection allows that implement the method and
 * serve the model (aliases resolved, `supportsModel` asked), each multi-route provider expanded into
 * its routes, then — for `auto` — ranked by the routing strategy. Emits `call-start` with the order.
 * Synchronous unless a provider lists routes (or billing is still loading): most calls plan without a
 * promise.
 */
export function planCall(runtime: ClientRuntime, run: CallRun, method: TaskMethod, selection: ProviderSelection): CallPlan | Promise<CallPlan> {
  // Only the first calls of a client whose options need Billing, while its chunk loads.
  if (runtime.billingLoading !== undefined) return runtime.billingLoading.then(() => planCall(runtime, run, method, selection));
  const task = taskOf(method);
  const requested = run.spec.requestedModel;
  const providers = providersFor(runtime.providers, selection, method);
  const mode = selectionMode(selection);
  const serving: Candidate[] = [];
  let routed = false;
  for (const provider of providers) {
    const model = modelFor(provider, requested, runtime.options.models, task);
    if (model === undefined) continue;
    serving.push({ key: provider.id, provider, model, order: serving.length });
    if (provider.routes) routed = true;
  }
  if (serving.length === 0) throw noModelError(requested, providers, runtime.options.models, task);
  if (!routed) return ranked(runtime, run, method, mode, serving);
  return expandRoutes(run, mode, serving).then((candidates) => ranked(runtime, run, method, mode, candidates));
}

/** Each multi-route provider's candidate replaced by its routes (asked one provider after the other). */
async function expandRoutes(run: CallRun, mode: SelectionMode, serving: Candidate[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const { provider, model, order } of serving) {
    const routes = provider.routes ? await routesOf(run, { key: provider.id, provider, model }, mode) : undefined;
    candidates.push(...candidatesOf(provider, model, order, routes));
  }
  // Every provider listed no route (rather than failing to list them, which is traced as a skip).
  if (candidates.length === 0 && run.trace.length === 0) throw noRoutesError(serving.map(({ provider }) => provider.id), run.spec.requestedModel);
  return candidates;
}

/** The plan: candidates in the order the mode and strategy give them, announced with `call-start`. */
function ranked(runtime: ClientRuntime, run: CallRun, method: TaskMethod, mode: SelectionMode, candidates: Candidate[]): CallPlan {
  const requested = run.spec.requestedModel;
  const strategy = mode === 'auto' ? (runtime.options.routing?.strategy ?? 'priority') : 'ordered';
  // Configured order needs no ranking (and no ranking inputs built for it).
  const order: RankedCandidate[] | undefined =
    strategy === 'ordered' || strategy === 'priority'
      ? undefined
      : rankCandidates(candidates, strategy, {
          latencyMs: (candidate) => runtime.latency.averageMs(latencyKey(candidate)),
          estimatedCost: (candidate) => runtime.billing.estimateCost(candidate, run.billed),
          rotation: strategy === 'round-robin' ? nextRotation(runtime, `${method}|${requested}`) : 0,
          weights: runtime.options.routing?.weights,
          random: runtime.random,
        });
  if (runtime.listening) run.emit({
    type: 'call-start',
    operation: run.spec.operation,
    model: requested,
    selection: mode,
    strategy,
    candidates: (order ?? candidates.map((candidate): RankedCandidate => ({ candidate }))).map(({ candidate, score }) => ({ provider: candidate.key, model: candidate.model, ...(score === undefined ? {} : { score }) })),
  });
  return { mode, candidates: order ? order.map((entry) => entry.candidate) : candidates };
}

/**
 * Asks a multi-route provider for its routes, under the call's deadlines. For `auto` and ordered
 * selections a provider whose routes cannot be listed is skipped (and traced); a pinned call fails.
 */
async function routesOf(run: CallRun, target: Pick<Candidate, 'key' | 'provider' | 'model'>, mode: SelectionMode): Promise<ProviderRoute[]> {
  const scope = run.scope(target, 1);
  const context = run.context(scope, target);
  try {
    return await scope.guard(Promise.resolve().then(() => (target.provider.routes as NonNullable<typeof target.provider.routes>)(target.model, run.spec.task, context)));
  } catch (raw) {
    const error = scope.errorFrom(raw);
    if (mode === 'pinned' || error.kind === 'aborted') throw error;
    run.skipped({ ...target, order: 0 }, { admitted: false, cause: 'routes', reason: `its routes could not be listed: ${error.message}`, error });
    return [];
  } finally {
    scope.dispose();
  }
}

function nextRotation(runtime: ClientRuntime, key: string): number {
  const position = runtime.rotations.get(key) ?? 0;
  runtime.rotations.set(key, position + 1);
  return position;
}

function noRoutesError(providers: string[], model: string): SwitchyardError {
  const which = providers.map((id) => `"${id}"`).join(', ');
  return new SwitchyardError('model-not-found', `No route of ${which} serves model "${model}".`, {
    ...(providers.length === 1 ? { provider: providers[0] } : {}),
    model,
    retryable: false,
  });
}

