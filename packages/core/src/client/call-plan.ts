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
 */
export async function planCall(runtime: ClientRuntime, run: CallRun, method: TaskMethod, selection: ProviderSelection): Promise<CallPlan> {
  const task = taskOf(method);
  const requested = run.spec.requestedModel;
  const providers = providersFor(runtime.providers, selection, method);
  const mode = selectionMode(selection);
  const candidates: Candidate[] = [];
  const serving = providers.filter((provider) => modelFor(provider, requested, runtime.options.models, task) !== undefined);
  if (serving.length === 0) throw noModelError(requested, providers, runtime.options.models, task);
  for (const [order, provider] of serving.entries()) {
    const model = modelFor(provider, requested, runtime.options.models, task) as string;
    const routes = provider.routes ? await routesOf(run, { key: provider.id, provider, model }, mode) : undefined;
    candidates.push(...candidatesOf(provider, model, order, routes));
  }
  // Every provider listed no route (rather than failing to list them, which is traced as a skip).
  if (candidates.length === 0 && run.trace.length === 0) throw noRoutesError(serving.map((provider) => provider.id), requested);

  const strategy = mode === 'auto' ? (runtime.options.routing?.strategy ?? 'priority') : 'ordered';
  const ranked: RankedCandidate[] =
    mode === 'auto'
      ? rankCandidates(candidates, runtime.options.routing?.strategy ?? 'priority', {
          latencyMs: (candidate) => runtime.latency.averageMs(latencyKey(candidate)),
          estimatedCost: (candidate) => runtime.billing.estimateCost(candidate, run.spec.billed),
          rotation: nextRotation(runtime, `${method}|${requested}`),
          weights: runtime.options.routing?.weights,
          random: runtime.random,
        })
      : candidates.map((candidate) => ({ candidate }));
  if (runtime.listening) run.emit({
    type: 'call-start',
    operation: run.spec.operation,
    model: requested,
    selection: mode,
    strategy,
    candidates: ranked.map(({ candidate, score }) => ({ provider: candidate.key, model: candidate.model, ...(score === undefined ? {} : { score }) })),
  });
  return { mode, candidates: ranked.map((entry) => entry.candidate) };
}

/**
 * Asks a multi-route provider for its routes, under the call's deadlines. For `auto` and ordered
 * selections a provider whose routes cannot be listed is skipped (and traced); a pinned call fails.
 */
async function routesOf(run: CallRun, target: Pick<Candidate, 'key' | 'provider' | 'model'>, mode: SelectionMode): Promise<ProviderRoute[]> {
  const { scope, context } = run.context(target, 1);
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

