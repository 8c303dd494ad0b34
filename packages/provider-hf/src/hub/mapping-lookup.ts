import type { CallContext, ScopedCredential } from '@switchyard/core';
import { hfErrorBodyParser } from '../errors/hf-error-body.js';
import { tokenIdentity } from '../token-identity.js';
import { TtlCache } from '../ttl-cache.js';
import { modelPath } from '../upstream/upstream-call.js';
import { modelMappingResponseSchema } from './inference-provider-mapping.js';
import type { ModelMappingResponse } from './inference-provider-mapping.js';

const parseHubError = hfErrorBodyParser('Hugging Face Hub');

/**
 * Looks up which Inference Providers serve a model, on the Hub, through the attempt's transport (so
 * the client's dispatcher, timeouts and signal apply), with the user's token (so the order is the
 * user's preference order). Answers are cached per model and per token identity — a one-way hash,
 * never the token — for `ttlMs`, so two users of one process never share an order, and a failed
 * lookup is not cached.
 */
export class MappingLookup {
  readonly #hubUrl: string;
  readonly #credential: ScopedCredential;
  readonly #cache: TtlCache<ModelMappingResponse>;

  constructor(hubUrl: string, credential: ScopedCredential, ttlMs: number) {
    this.#hubUrl = hubUrl;
    this.#credential = credential;
    this.#cache = new TtlCache(ttlMs);
  }

  async lookup(model: string, context: CallContext): Promise<ModelMappingResponse> {
    const identity = await tokenIdentity(this.#credential.value);
    return this.#cache.get(`${identity}\n${model}`, () => this.#fetch(model, context));
  }

  async #fetch(model: string, context: CallContext): Promise<ModelMappingResponse> {
    // The recorded lookups use `expand=inferenceProviderMapping` (hf-hub-cassettes INDEX.tsv); the
    // Hub also accepts `expand[]=`. A renamed repo answers 307 to its new id, on the same origin.
    const response = await context.http.request({
      method: 'GET',
      url: `${this.#hubUrl}/api/models/${modelPath(model)}?expand=inferenceProviderMapping`,
      credential: this.#credential,
      idempotent: true,
      model,
      parseErrorBody: parseHubError,
    });
    return response.json(modelMappingResponseSchema());
  }
}
