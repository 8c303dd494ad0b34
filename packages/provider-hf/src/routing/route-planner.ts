import { SwitchyardError } from '@switchyard/core';
import type { CallContext, Pricing, ProviderRoute, Task } from '@switchyard/core';
import { canServe } from '../adapters/upstream-adapters.js';
import { describeMapping, usableMappings } from '../hub/inference-provider-mapping.js';
import type { MappedProvider } from '../hub/inference-provider-mapping.js';
import type { MappingLookup } from '../hub/mapping-lookup.js';
import { ROUTER_POLICIES } from '../options.js';
import type { ProviderSelection, RouterPolicy } from '../options.js';
import type { RouterCatalog } from '../router/router-catalog.js';
import { offerPricing } from '../router/router-models.js';

/** What a route carries back to the task methods in `ProviderRoute.metadata`. */
export interface RouteMetadata {
  /** The Hub model id the caller asked for (the route's `model` is the provider's own id). */
  hubModel: string;
  /** Set for server-side selection: the router picks the provider (`''` for the router's default). */
  policy?: RouterPolicy | '';
  /** The mapping entry the route came from. */
  mapping?: MappedProvider;
}

/** Reads back the {@link RouteMetadata} of a route (routes from elsewhere fall back to the request's model). */
export function readRouteMetadata(route: ProviderRoute, requestModel: string): RouteMetadata {
  const metadata = route.metadata ?? {};
  const hubModel = typeof metadata.hubModel === 'string' ? metadata.hubModel : requestModel;
  const policy = typeof metadata.policy === 'string' && (metadata.policy === '' || (ROUTER_POLICIES as readonly string[]).includes(metadata.policy)) ? (metadata.policy as RouterPolicy | '') : undefined;
  const mapping = typeof metadata.mapping === 'object' && metadata.mapping !== null ? (metadata.mapping as MappedProvider) : undefined;
  return { hubModel, ...(policy === undefined ? {} : { policy }), ...(mapping === undefined ? {} : { mapping }) };
}

/** Decides the upstream routes of a call: mapped providers, one pinned provider, or a router policy. */
export class RoutePlanner {
  readonly #selection: ProviderSelection;
  readonly #mappings: MappingLookup;
  readonly #catalog: RouterCatalog;
  readonly #hfInferencePricePerSecond: number | undefined;

  constructor(selection: ProviderSelection, mappings: MappingLookup, catalog: RouterCatalog, hfInferencePricePerSecond: number | undefined) {
    this.#selection = selection;
    this.#mappings = mappings;
    this.#catalog = catalog;
    this.#hfInferencePricePerSecond = hfInferencePricePerSecond;
  }

  /**
   * The routes able to serve `model` for `task`, in preference order:
   * - chat with a router policy (`:fastest`, `:cheapest`, `:preferred`): one route, the router picks;
   * - otherwise the model's provider mapping on the Hub: `live` before `staging`, in the user's
   *   order, without `error` entries, unknown statuses, or providers this package cannot call for
   *   the task; narrowed to the pinned provider when one is configured.
   * Each route has the provider's own model id and, where known, its price (the router's per-token
   * price for chat, the configured compute-time price for hf-inference).
   */
  async routes(model: string, task: Task, context: CallContext): Promise<ProviderRoute[]> {
    const policy = this.#policy();
    if (task === 'chat' && policy !== undefined) {
      const metadata: RouteMetadata = { hubModel: model, policy };
      return [{ id: policy.slice(1), model: `${model}${policy}`, metadata: { ...metadata } }];
    }
    const [mapping, catalog] = await Promise.all([
      this.#mappings.lookup(model, context),
      // Prices are a bonus: a failed price list must not fail the call.
      task === 'chat' ? this.#catalog.load(context).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    let usable = usableMappings(mapping, task).filter((entry) => canServe(entry.provider, task));
    const pinned = this.#pinnedProvider();
    if (pinned !== undefined) usable = usable.filter((entry) => entry.provider === pinned);
    if (usable.length === 0) {
      const wanted = pinned === undefined ? 'no Inference Provider this package can call serves it' : `"${pinned}" does not serve it`;
      throw new SwitchyardError(
        'model-not-found',
        `Hugging Face: ${wanted} for ${task} (the Hub maps ${model} to: ${describeMapping(mapping)}). ` +
          'Pick a model with a live provider for this task at https://huggingface.co/models?inference_provider=all.',
        { model, retryable: false },
      );
    }
    return usable.map((entry) => {
      const metadata: RouteMetadata = { hubModel: model, mapping: entry };
      const pricing = task === 'chat' ? (offerPricing(catalog, model, entry.provider) ?? this.#computePricing(entry.provider)) : this.#computePricing(entry.provider);
      return { id: entry.provider, model: entry.providerId, ...(pricing === undefined ? {} : { pricing }), metadata: { ...metadata } };
    });
  }

  /**
   * The route of a call made without one from core's router: the first of {@link routes}, except
   * for chat, which without a route is sent to the router's own selection (no Hub lookup): the
   * configured policy, `model:<provider>` for a pinned provider, or the router's default.
   */
  async defaultRoute(model: string, task: Task, context: CallContext): Promise<ProviderRoute> {
    if (task === 'chat') {
      const pinned = this.#pinnedProvider();
      const policy = this.#policy() ?? '';
      if (pinned === undefined) {
        const metadata: RouteMetadata = { hubModel: model, policy };
        return { id: policy === '' ? 'auto' : policy.slice(1), model: `${model}${policy}`, metadata: { ...metadata } };
      }
      const metadata: RouteMetadata = { hubModel: model };
      const pricing = offerPricing(this.#catalog.latest, model, pinned) ?? this.#computePricing(pinned);
      return { id: pinned, model: `${model}:${pinned}`, ...(pricing === undefined ? {} : { pricing }), metadata: { ...metadata } };
    }
    const [first] = await this.routes(model, task, context);
    return first!;
  }

  /** The price `Provider.pricing` reports: only when one upstream is pinned and its price is known. */
  pricing(model: string, task: Task): Pricing | undefined {
    const pinned = this.#pinnedProvider();
    if (pinned === undefined) return undefined;
    return (task === 'chat' ? offerPricing(this.#catalog.latest, model, pinned) : undefined) ?? this.#computePricing(pinned);
  }

  #computePricing(provider: string): Pricing | undefined {
    return provider === 'hf-inference' && this.#hfInferencePricePerSecond !== undefined
      ? { type: 'compute-time', perSecond: this.#hfInferencePricePerSecond }
      : undefined;
  }

  #policy(): RouterPolicy | undefined {
    return (ROUTER_POLICIES as readonly string[]).includes(this.#selection) ? (this.#selection as RouterPolicy) : undefined;
  }

  #pinnedProvider(): string | undefined {
    return this.#selection === 'auto' || this.#policy() !== undefined ? undefined : this.#selection;
  }
}
