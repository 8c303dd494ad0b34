import { lazySchema, type ModelInfo, type Pricing } from '@switchyard/core';
import { decodeModelList } from '@switchyard/provider-openai-compat';

/** What the router's model list says about one provider serving one model. */
export interface RouterProviderOffer {
  provider: string;
  status: string | undefined;
  contextLength: number | undefined;
  /** USD per million tokens, when the router lists a price. */
  pricing: Extract<Pricing, { type: 'per-token' }> | undefined;
  supportsTools: boolean | undefined;
  supportsStructuredOutput: boolean | undefined;
  firstTokenLatencyMs: number | undefined;
  /** Output tokens per second. */
  throughput: number | undefined;
}

// Only `provider` is required: a field that is missing, null or of another type reads as unknown.
// Built on the first model list read (core's lazySchema: zod is loaded then, not at import).
const offerSchema = lazySchema((z) => {
  const optionalNumber = z.number().optional().catch(undefined);
  const optionalBoolean = z.boolean().optional().catch(undefined);
  return z.looseObject({
    provider: z.string().min(1),
    status: z.string().optional().catch(undefined),
    context_length: optionalNumber,
    pricing: z.looseObject({ input: z.number().nonnegative(), output: z.number().nonnegative() }).optional().catch(undefined),
    supports_tools: optionalBoolean,
    supports_structured_output: optionalBoolean,
    first_token_latency_ms: optionalNumber,
    throughput: optionalNumber,
  });
});

/** The router's model list, indexed for price lookups. */
export interface RouterModelCatalog {
  models: ModelInfo[];
  /** Offers per Hub model id, in the router's order. */
  offers: ReadonlyMap<string, readonly RouterProviderOffer[]>;
}

/**
 * Reads the router's model list: an OpenAI-style list (decoded by provider-openai-compat) whose
 * entries carry `providers[]`. Offers that do not parse are skipped (the list is large and grows
 * new fields; one odd entry must not hide every price). Each model's context length is the largest
 * any provider offers.
 */
export function parseRouterModels(json: unknown): RouterModelCatalog {
  const models = decodeModelList(json);
  const offers = new Map<string, RouterProviderOffer[]>();
  for (const model of models) {
    const rawOffers = model.metadata?.providers;
    const modelOffers: RouterProviderOffer[] = [];
    for (const rawOffer of Array.isArray(rawOffers) ? rawOffers : []) {
      const offer = offerSchema().safeParse(rawOffer);
      if (!offer.success) continue;
      const { data } = offer;
      modelOffers.push({
        provider: data.provider,
        status: data.status,
        contextLength: data.context_length,
        pricing: data.pricing ? { type: 'per-token', inputPerMillion: data.pricing.input, outputPerMillion: data.pricing.output } : undefined,
        supportsTools: data.supports_tools,
        supportsStructuredOutput: data.supports_structured_output,
        firstTokenLatencyMs: data.first_token_latency_ms,
        throughput: data.throughput,
      });
    }
    offers.set(model.id, modelOffers);
    const contextLengths = modelOffers.map((offer) => offer.contextLength).filter((length): length is number => length !== undefined);
    if (model.contextLength === undefined && contextLengths.length > 0) model.contextLength = Math.max(...contextLengths);
    model.metadata = { ...model.metadata, providers: modelOffers };
  }
  return { models, offers };
}

/** The per-token price of `model` served by `provider`, when the catalog lists one. */
export function offerPricing(catalog: RouterModelCatalog | undefined, model: string, provider: string): Pricing | undefined {
  return catalog?.offers.get(model)?.find((offer) => offer.provider === provider)?.pricing;
}
