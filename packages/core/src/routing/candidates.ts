import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Provider, ProviderRoute } from '../spec/provider.js';
import type { Task } from '../spec/tasks.js';

/** A provider method the client calls. */
export type TaskMethod = 'chat' | 'streamChat' | 'complete' | 'streamComplete' | 'embed' | 'textToImage' | 'textToVideo';

/** Where a call may go: a provider (or one of its routes) and that provider's own model id. */
export interface Candidate {
  /** The provider id, or `"<provider id>/<route id>"` for a route: the key of breaker, latency and trace. */
  key: string;
  provider: Provider;
  /** The provider's own model id (aliases resolved, route override applied). */
  model: string;
  route?: ProviderRoute;
  /** Position in the configured order, for `priority` and stable ties. */
  order: number;
}

/** `'auto'`, one provider id (pinned), or ids in failover order. */
export type ProviderSelection = string | readonly string[];

/** Per alias, each provider's own model id: `{ 'llama-3.2-3b': { ollama: 'llama3.2:3b' } }`. */
export type ModelAliases = Record<string, Record<string, string>>;

/** How the selection was made, for events and the final error. */
export type SelectionMode = 'auto' | 'pinned' | 'ordered';

/** The selection mode of a `provider` option. */
export function selectionMode(selection: ProviderSelection): SelectionMode {
  if (typeof selection !== 'string') return selection.length === 1 ? 'pinned' : 'ordered';
  return selection === 'auto' ? 'auto' : 'pinned';
}

/**
 * The providers a call may use, in order: every configured provider that implements `method` for
 * `auto`; the named ones otherwise. Naming an unknown provider is an `invalid-request`; naming a
 * single provider that lacks the method, or having none that implements it, is `unsupported`.
 */
export function providersFor(providers: readonly Provider[], selection: ProviderSelection, method: TaskMethod): Provider[] {
  // Loops rather than filter/map/find with closures: this runs on every call.
  if (selection === 'auto') {
    const able: Provider[] = [];
    for (const provider of providers) if (typeof provider[method] === 'function') able.push(provider);
    if (able.length === 0) {
      throw new SwitchyardError('unsupported', `No configured provider implements ${method} (configured: ${idList(providers)}).`, { retryable: false });
    }
    return able;
  }
  const ids = typeof selection === 'string' ? [selection] : selection;
  const able: Provider[] = [];
  for (const id of ids) {
    const provider = providerById(providers, id);
    if (!provider) {
      throw new SwitchyardError('invalid-request', `Unknown provider "${id}" in options.provider; configured providers: ${idList(providers)}.`, { retryable: false });
    }
    if (typeof provider[method] === 'function') able.push(provider);
  }
  if (able.length === 0) {
    const others = providers.filter((provider) => typeof provider[method] === 'function');
    const hint = others.length ? ` Providers that do: ${idList(others)}.` : '';
    throw new SwitchyardError('unsupported', `Provider ${ids.map((id) => `"${id}"`).join(', ')} does not implement ${method}.${hint}`, {
      provider: ids.length === 1 ? ids[0] : undefined,
      retryable: false,
    });
  }
  return able;
}

function providerById(providers: readonly Provider[], id: string): Provider | undefined {
  for (const provider of providers) if (provider.id === id) return provider;
  return undefined;
}

/**
 * The provider's own model id for `requested`: its alias mapping when `requested` is an alias (a
 * provider without a mapping cannot serve it: `undefined`), else `requested` itself, subject to the
 * provider's `supportsModel`.
 */
export function modelFor(provider: Provider, requested: string, aliases: ModelAliases | undefined, task: Task): string | undefined {
  const mapping = aliases?.[requested];
  const model = mapping ? mapping[provider.id] : requested;
  if (model === undefined) return undefined;
  if (provider.supportsModel && !provider.supportsModel(model, task)) return undefined;
  return model;
}

/** The error when no provider can serve the requested model. */
export function noModelError(requested: string, providers: readonly Provider[], aliases: ModelAliases | undefined, task: Task): SwitchyardError {
  const mapping = aliases?.[requested];
  const ids = idList(providers);
  const message = mapping
    ? `Model alias "${requested}" has no mapping for ${providers.length === 1 ? `provider ${ids}` : `any of ${ids}`} that serves ${task}; add one under models["${requested}"] in createClient (mapped: ${Object.keys(mapping).join(', ') || 'none'}).`
    : `No provider among ${ids} serves model "${requested}" for ${task}. Check the model id, or define an alias under models in createClient.`;
  return new SwitchyardError('model-not-found', message, { model: requested, retryable: false, provider: providers.length === 1 ? providers[0]?.id : undefined });
}

/** A provider's candidates: one per route for a multi-route provider, else the provider itself. */
export function candidatesOf(provider: Provider, model: string, order: number, routes: readonly ProviderRoute[] | undefined): Candidate[] {
  if (!routes) return [{ key: provider.id, provider, model, order }];
  return routes.map((route) => ({ key: `${provider.id}/${route.id}`, provider, model: route.model ?? model, route, order }));
}

/** The contract task a method serves. */
export function taskOf(method: TaskMethod): Task {
  switch (method) {
    case 'chat':
    case 'streamChat':
      return 'chat';
    case 'complete':
    case 'streamComplete':
      return 'complete';
    case 'embed':
      return 'embed';
    case 'textToImage':
      return 'text-to-image';
    case 'textToVideo':
      return 'text-to-video';
  }
}

function idList(providers: readonly Provider[]): string {
  return providers.map((provider) => `"${provider.id}"`).join(', ') || '(none)';
}
