import type { CallContext, ScopedCredential } from '@switchyard/core';
import { hfErrorBodyParser } from '../errors/hf-error-body.js';
import { TtlCache } from '../ttl-cache.js';
import { parseRouterModels } from './router-models.js';
import type { RouterModelCatalog } from './router-models.js';

const parseRouterError = hfErrorBodyParser('Hugging Face router');

/**
 * The router's model list (`GET {router}/v1/models`): per model and provider, status, context length
 * and price per million tokens. Loaded on demand through the attempt's transport and reused for
 * `ttlMs`; the last loaded list also answers synchronous price questions (`Provider.pricing`).
 */
export class RouterCatalog {
  readonly #routerUrl: string;
  readonly #credential: ScopedCredential;
  readonly #cache: TtlCache<RouterModelCatalog>;
  #latest: RouterModelCatalog | undefined;

  constructor(routerUrl: string, credential: ScopedCredential, ttlMs: number) {
    this.#routerUrl = routerUrl;
    this.#credential = credential;
    this.#cache = new TtlCache(ttlMs, 1);
  }

  /** The last list loaded, if any. */
  get latest(): RouterModelCatalog | undefined {
    return this.#latest;
  }

  load(context: CallContext): Promise<RouterModelCatalog> {
    return this.#cache.get('models', async () => {
      const response = await context.http.request({
        method: 'GET',
        url: `${this.#routerUrl}/v1/models`,
        credential: this.#credential,
        idempotent: true,
        parseErrorBody: parseRouterError,
      });
      const catalog = parseRouterModels(await response.json());
      this.#latest = catalog;
      return catalog;
    });
  }
}
