import { SPECIFICATION_VERSION } from '@switchyard/core';
import type { Pricing, Provider } from '@switchyard/core';
import { validateOptions, type OpenAICompatibleOptions } from './options.js';
import { resolveProviderConfig, type ProviderConfig } from './provider-config.js';
import { chat, streamChat } from './tasks/chat.js';
import { complete, streamComplete } from './tasks/completion.js';
import { embed } from './tasks/embed.js';
import { health, listModels } from './tasks/models.js';
import { textToImage } from './tasks/text-to-image.js';

/**
 * The provider `openaiCompatible()` makes: every task an OpenAI-compatible server offers, and
 * `pricing()` only when the options configure a price.
 */
export type OpenAICompatibleProvider = Provider &
  Required<Pick<Provider, 'chat' | 'streamChat' | 'complete' | 'streamComplete' | 'embed' | 'textToImage' | 'listModels' | 'health' | 'supportsModel'>>;

/**
 * A provider for any OpenAI-compatible endpoint: vLLM, TGI, llama.cpp's server, LM Studio, Together,
 * Groq, Fireworks, DeepSeek, OpenAI itself. Chat and streamed chat (`/chat/completions`, usage
 * requested with `stream_options.include_usage`), completions (`/completions`), embeddings
 * (`/embeddings`, float or base64), images (`/images/generations`, URL or base64), `/models` and a
 * health check. Every server quirk listed in the README is absorbed.
 *
 * The options are validated (an `invalid-request` error names each bad one). The key is sent only to
 * the `baseURL`'s origin; a provider never reads the environment, so pass `process.env.X` or a
 * credential source explicitly.
 *
 * @example
 * const local = openaiCompatible({ id: 'vllm', baseURL: 'http://localhost:8000/v1' });
 * const groq = openaiCompatible({ id: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.GROQ_API_KEY });
 */
export function openaiCompatible(options: OpenAICompatibleOptions): OpenAICompatibleProvider {
  return createProvider(validateOptions(options, 'openaiCompatible() options'));
}

/** Builds the provider object from validated options (presets validate under their own name). */
export function createProvider(options: OpenAICompatibleOptions): OpenAICompatibleProvider {
  const config = resolveProviderConfig(options);
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: config.id,
    kind: config.kind,
    ...(config.region === undefined ? {} : { region: config.region }),
    supportsModel: (model) => config.models === undefined || config.models.has(model),
    // Only a priced provider answers `pricing()`: a client bills (and loads core's billing module on
    // its first call) for any provider that has one, and without a price every cost it would compute
    // is the unpriced one the client reports anyway. Measured: billing's load and first admission were
    // 11-15 ms of a cold start's first call (`--cpu-prof`, bench cold-start.mjs, 15:12 UTC).
    ...(config.pricing === undefined ? {} : { pricing: (model: string) => priceOf(config, model) }),
    chat: (request, context) => chat(config, request, context),
    streamChat: (request, context) => streamChat(config, request, context),
    complete: (request, context) => complete(config, request, context),
    streamComplete: (request, context) => streamComplete(config, request, context),
    embed: (request, context) => embed(config, request, context),
    textToImage: (request, context) => textToImage(config, request, context),
    listModels: (context) => listModels(config, context),
    health: (context) => health(config, context),
  };
}

function priceOf(config: ProviderConfig, model: string): Pricing | undefined {
  const pricing = config.pricing;
  if (pricing === undefined) return undefined;
  if (typeof (pricing as { type?: unknown }).type === 'string') return pricing as Pricing;
  return (pricing as Record<string, Pricing>)[model];
}
