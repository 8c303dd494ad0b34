import {
  lazySchema,
  SPECIFICATION_VERSION,
  SwitchyardError,
  TASKS,
  chatRequestSchema,
  completionRequestSchema,
  embedRequestSchema,
  imageRequestSchema,
  scopeCredential,
  validateInput,
  videoRequestSchema,
} from '@switchyard/core';
import type {
  CallContext,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  CompletionRequest,
  CompletionResult,
  EmbedRequest,
  EmbedResult,
  HealthReport,
  ImageRequest,
  ImageResult,
  ModelInfo,
  Pricing,
  Provider,
  ProviderRoute,
  Task,
  VideoRequest,
  VideoResult,
} from '@switchyard/core';
import { decodeModelList } from '@switchyard/provider-openai-compat';
import { hfInference } from './adapters/hf-inference.js';
import { UPSTREAM_ADAPTERS } from './adapters/upstream-adapters.js';
import { routerChat, routerStreamChat } from './chat/router-chat.js';
import type { ChatTarget } from './chat/router-chat.js';
import { nameUpstream } from './errors/name-upstream.js';
import { MappingLookup } from './hub/mapping-lookup.js';
import { resolveHuggingFaceOptions } from './options.js';
import type { HuggingFaceOptions } from './options.js';
import { RouterCatalog } from './router/router-catalog.js';
import { RoutePlanner, readRouteMetadata } from './routing/route-planner.js';
import type { UpstreamAdapter } from './upstream/upstream-adapter.js';
import { UpstreamCall } from './upstream/upstream-call.js';

const routesArgumentsSchema = lazySchema((z) =>
  z.object({
    model: z.string().min(1, 'model must be a Hub model id such as "meta-llama/Llama-3.1-8B-Instruct"'),
    task: z.enum(TASKS, { error: `task must be one of ${TASKS.join(', ')}` }),
  }),
);

/** The provider {@link huggingface} returns: every task, plus `routes()` for client-side failover. */
export interface HuggingFaceProvider extends Provider {
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  complete(request: CompletionRequest, context: CallContext): Promise<CompletionResult>;
  streamComplete(request: CompletionRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  embed(request: EmbedRequest, context: CallContext): Promise<EmbedResult>;
  textToImage(request: ImageRequest, context: CallContext): Promise<ImageResult>;
  listModels(context: CallContext): Promise<ModelInfo[]>;
  health(context: CallContext): Promise<HealthReport>;
  pricing(model: string, task: Task): Pricing | undefined;
}

/**
 * A Switchyard provider for Hugging Face Inference Providers: chat through the router's
 * OpenAI-compatible endpoint, and text generation, feature extraction, text to image and text to
 * video through `router.huggingface.co/{provider}/…` with each provider's own model id, resolved
 * from the Hub's `inferenceProviderMapping`. With `provider: 'auto'` every mapped provider is a route
 * of core's router (its own breaker, price and trace entry); with `endpointUrl`, a dedicated
 * Inference Endpoint or a self-hosted TGI / vLLM / TEI server instead.
 *
 * The token is scoped to the router, the Hub and the endpoint: result files on providers' CDNs are
 * fetched without it. The package never reads the environment; pass `token: hfToken()` from
 * `@switchyard/auth` for the usual `HF_TOKEN` → token-file chain.
 *
 * @example
 * ```ts
 * import { createClient } from '@switchyard/core';
 * import { hfToken } from '@switchyard/auth';
 * import { huggingface } from '@switchyard/provider-hf';
 *
 * const client = createClient({ providers: [huggingface({ token: hfToken() })] });
 * const answer = await client.chat({ model: 'meta-llama/Llama-3.1-8B-Instruct', messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export function huggingface(options: HuggingFaceOptions): HuggingFaceProvider {
  const settings = resolveHuggingFaceOptions(options);
  const endpointUrl = settings.endpointUrl;
  const origins = [settings.routerUrl, settings.hubUrl, ...(endpointUrl === undefined ? [] : [endpointUrl])].map((url) => new URL(url).origin);
  const credential = scopeCredential(settings.token, { origins });
  const catalog = new RouterCatalog(settings.routerUrl, credential, settings.pricingTtlMs);
  const planner = new RoutePlanner(settings.provider, new MappingLookup(settings.hubUrl, credential, settings.mappingTtlMs), catalog, settings.hfInferencePricePerSecond);
  const headers: Record<string, string> = settings.billTo === undefined ? {} : { 'x-hf-bill-to': settings.billTo };

  /** The route of this attempt: the one core's router chose, or the default one. */
  function routeOf(model: string, task: Task, context: CallContext): Promise<ProviderRoute> | ProviderRoute {
    if (endpointUrl !== undefined) return { id: 'endpoint', model };
    return context.route ?? planner.defaultRoute(model, task, context);
  }

  async function callFor(model: string, task: Task, context: CallContext): Promise<{ call: UpstreamCall; route: ProviderRoute }> {
    const route = await routeOf(model, task, context);
    const metadata = readRouteMetadata(route, model);
    const call = new UpstreamCall(
      {
        providerId: settings.id,
        upstream: route.id,
        selectedByRouter: metadata.policy !== undefined,
        baseUrl: endpointUrl ?? `${settings.routerUrl}/${route.id}`,
        hubModel: metadata.hubModel,
        model: endpointUrl === undefined ? (route.model ?? metadata.hubModel) : model,
        mapping: metadata.mapping,
        hubUrl: settings.hubUrl,
        credential,
        headers,
        pollIntervalMs: settings.pollIntervalMs,
        maxPollIntervalMs: settings.maxPollIntervalMs,
      },
      context,
    );
    return { call, route };
  }

  /** How to call this attempt's upstream: its adapter, or hf-inference's protocol on an endpoint. */
  function adapterOf(call: UpstreamCall): UpstreamAdapter {
    return (endpointUrl === undefined ? UPSTREAM_ADAPTERS.get(call.upstream) : hfInference) ?? {};
  }

  function cannotServe(call: UpstreamCall, what: string): SwitchyardError {
    return new SwitchyardError('unsupported', `${call.label} cannot serve ${what} through @switchyard/provider-hf.`, { model: call.model, retryable: false });
  }

  function chatTarget(call: UpstreamCall, route: ProviderRoute): ChatTarget {
    if (endpointUrl !== undefined) return { url: `${endpointUrl}/v1/chat/completions`, model: call.model };
    const metadata = readRouteMetadata(route, call.settings.hubModel);
    const generic = `${settings.routerUrl}/v1/chat/completions`;
    if (metadata.policy !== undefined) return { url: generic, model: `${metadata.hubModel}${metadata.policy}` };
    // A mapped provider with a known chat path gets its own id on its own path (as the recorded
    // routed chats do); any other provider is named to the router's generic endpoint.
    const chatPath = UPSTREAM_ADAPTERS.get(route.id)?.chatPath;
    if (chatPath !== undefined && metadata.mapping !== undefined) return { url: call.url(chatPath(call.model)), model: call.model };
    return { url: generic, model: `${metadata.hubModel}:${route.id}` };
  }

  async function named<T>(call: UpstreamCall, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw nameUpstream(error, call.label);
    }
  }

  async function* namedStream(call: UpstreamCall, events: AsyncIterable<ChatStreamEvent>): AsyncIterable<ChatStreamEvent> {
    try {
      yield* events;
    } catch (error) {
      throw nameUpstream(error, call.label);
    }
  }

  const provider: HuggingFaceProvider = {
    specificationVersion: SPECIFICATION_VERSION,
    id: settings.id,
    kind: endpointUrl === undefined ? 'cloud' : 'dedicated',
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(endpointUrl === undefined
      ? {
          routes: async (model: string, task: Task, context: CallContext) => {
            const valid = validateInput(routesArgumentsSchema, { model, task }, 'routes() arguments');
            return planner.routes(valid.model, valid.task, context);
          },
        }
      : {}),

    async chat(request, context) {
      const valid = validateInput(chatRequestSchema, request, 'chat request') as ChatRequest;
      const { call, route } = await callFor(valid.model, 'chat', context);
      return named(call, () => routerChat(valid, call, chatTarget(call, route)));
    },

    async *streamChat(request, context) {
      const valid = validateInput(chatRequestSchema, request, 'chat request') as ChatRequest;
      const { call, route } = await callFor(valid.model, 'chat', context);
      yield* namedStream(call, routerStreamChat(valid, call, chatTarget(call, route)));
    },

    async complete(request, context) {
      const valid = validateInput(completionRequestSchema, request, 'completion request') as CompletionRequest;
      const { call } = await callFor(valid.model, 'complete', context);
      const complete = adapterOf(call).complete;
      if (complete === undefined) throw cannotServe(call, 'text generation');
      return named(call, () => complete(valid, call));
    },

    async *streamComplete(request, context) {
      const valid = validateInput(completionRequestSchema, request, 'completion request') as CompletionRequest;
      const { call } = await callFor(valid.model, 'complete', context);
      const streamComplete = adapterOf(call).streamComplete;
      if (streamComplete === undefined) throw cannotServe(call, 'streamed text generation');
      yield* namedStream(call, streamComplete(valid, call));
    },

    async embed(request, context) {
      const valid = validateInput(embedRequestSchema, request, 'embed request') as EmbedRequest;
      const { call } = await callFor(valid.model, 'embed', context);
      const embed = adapterOf(call).embed;
      if (embed === undefined) throw cannotServe(call, 'feature extraction');
      return named(call, () => embed(valid, call));
    },

    async textToImage(request, context) {
      const valid = validateInput(imageRequestSchema, request, 'text-to-image request') as ImageRequest;
      const { call } = await callFor(valid.model, 'text-to-image', context);
      const textToImage = adapterOf(call).textToImage;
      if (textToImage === undefined) throw cannotServe(call, 'text to image');
      return named(call, () => textToImage(valid, call));
    },

    ...(endpointUrl === undefined
      ? {
          async textToVideo(request: VideoRequest, context: CallContext): Promise<VideoResult> {
            const valid = validateInput(videoRequestSchema, request, 'text-to-video request') as VideoRequest;
            const { call } = await callFor(valid.model, 'text-to-video', context);
            const textToVideo = adapterOf(call).textToVideo;
            if (textToVideo === undefined) throw cannotServe(call, 'text to video');
            return named(call, () => textToVideo(valid, call));
          },
        }
      : {}),

    async listModels(context) {
      if (endpointUrl === undefined) return (await catalog.load(context)).models;
      const response = await context.http.request({ method: 'GET', url: `${endpointUrl}/v1/models`, credential, idempotent: true });
      return decodeModelList(await response.json());
    },

    async health(context) {
      const started = Date.now();
      try {
        // Through the router, whoami proves both that the Hub answers and that the token is valid.
        const response = await context.http.request({
          method: 'GET',
          url: endpointUrl === undefined ? `${settings.hubUrl}/api/whoami-v2` : `${endpointUrl}/health`,
          credential,
          idempotent: true,
        });
        const body: unknown = endpointUrl === undefined ? await response.json() : await response.discard();
        const name = (body as { name?: unknown } | undefined)?.name;
        return { ok: true, latencyMs: Date.now() - started, ...(typeof name === 'string' ? { detail: `token of ${name}` } : {}) };
      } catch (error) {
        if (context.signal.aborted) throw error;
        return { ok: false, latencyMs: Date.now() - started, detail: error instanceof Error ? error.message : String(error) };
      }
    },

    pricing(model, task) {
      return endpointUrl === undefined ? planner.pricing(model, task) : undefined;
    },
  };
  return provider;
}
