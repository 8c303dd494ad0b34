import { SPECIFICATION_VERSION, SwitchyardError, isSwitchyardError } from '@switchyard/core';
import type {
  CallContext,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  EmbedRequest,
  EmbedResult,
  HealthReport,
  HttpResponse,
  ModelInfo,
  Pricing,
  Provider,
  Task,
} from '@switchyard/core';
import { resolveAcmeConfig, type AcmeConfig, type AcmeOptions } from './options.js';
import { parseAcmeErrorBody } from './wire/acme-errors.js';
import { acmeChatResponseSchema, acmeEmbedResponseSchema, acmeModelListSchema } from './wire/acme-schemas.js';
import { decodeAcmeChat, reportedCostOf, usageOf } from './wire/decode-result.js';
import { decodeAcmeStream } from './wire/decode-stream.js';
import { buildAcmeChatBody, buildAcmeEmbedBody } from './wire/request-body.js';

/** The provider {@link acme} makes. */
export interface AcmeProvider extends Provider {
  readonly kind: 'cloud' | 'local';
  /** The API root requests go to (no trailing slash). */
  readonly baseURL: string;
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<ChatStreamEvent>;
  embed(request: EmbedRequest, context: CallContext): Promise<EmbedResult>;
  listModels(context: CallContext): Promise<ModelInfo[]>;
  health(context: CallContext): Promise<HealthReport>;
  pricing(model: string, task: Task): Pricing | undefined;
}

/**
 * Acme's list prices, for the client's estimates and budgets before a call is sent. Acme also
 * reports what each call cost (`meter.cost_usd`), and the client prefers that reported cost.
 */
export const ACME_PRICES: Readonly<Record<string, Pricing>> = Object.freeze({
  'acme-chat-1': { type: 'per-token', inputPerMillion: 0.2, outputPerMillion: 0.6 },
  'acme-chat-1-mini': { type: 'per-token', inputPerMillion: 0.05, outputPerMillion: 0.15 },
  'acme-embed-1': { type: 'per-token', inputPerMillion: 0.02, outputPerMillion: 0 },
});

/**
 * A Switchyard provider for Acme Inference: chat and streamed chat (with tool calls), embeddings,
 * the model list and a health check. Options are validated; a bad one throws an `invalid-request`
 * `SwitchyardError` saying what to fix. Like every provider it does no retries, sleeps, failover
 * or environment reads: the client does those, once, for every provider.
 *
 * @example
 * import { createClient } from '@switchyard/core';
 * import { acme } from 'switchyard-provider-acme';
 *
 * const client = createClient({ providers: [acme({ apiKey: process.env.ACME_API_KEY! })] });
 * const answer = await client.chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function acme(options: AcmeOptions): AcmeProvider {
  const config = resolveAcmeConfig(options);
  const { models } = config;
  return Object.freeze({
    specificationVersion: SPECIFICATION_VERSION,
    id: config.id,
    kind: config.kind,
    baseURL: config.baseURL,
    ...(models ? { supportsModel: (model: string) => models.has(model) } : {}),
    chat: (request: ChatRequest, context: CallContext) => chat(config, request, context),
    streamChat: (request: ChatRequest, context: CallContext) => streamChat(config, request, context),
    embed: (request: EmbedRequest, context: CallContext) => embed(config, request, context),
    listModels: (context: CallContext) => listModels(config, context),
    health: (context: CallContext) => health(config, context),
    pricing: (model: string) => ACME_PRICES[model],
  } satisfies AcmeProvider);
}

async function chat(config: AcmeConfig, request: ChatRequest, context: CallContext): Promise<ChatResult> {
  const response = await postChat(config, request, context, false);
  // The transport validates the body with the schema: a body that does not fit is `invalid-response`.
  const body = await response.json(acmeChatResponseSchema);
  return decodeAcmeChat(body, context.model, response.requestId);
}

async function* streamChat(config: AcmeConfig, request: ChatRequest, context: CallContext): AsyncGenerator<ChatStreamEvent> {
  const response = await postChat(config, request, context, true);
  yield* decodeAcmeStream(response.sse(), { provider: config.id, model: context.model, requestId: response.requestId });
}

/** Acme serves both forms on `POST /chat`; the body's `stream` flag picks JSON or server-sent events. */
function postChat(config: AcmeConfig, request: ChatRequest, context: CallContext, stream: boolean): Promise<HttpResponse> {
  return context.http.request({
    method: 'POST',
    url: `${config.baseURL}/chat`,
    json: buildAcmeChatBody(request, context.model, stream, config.id),
    credential: config.credential,
    parseErrorBody: parseAcmeErrorBody,
  });
}

async function embed(config: AcmeConfig, request: EmbedRequest, context: CallContext): Promise<EmbedResult> {
  const response = await context.http.request({
    method: 'POST',
    url: `${config.baseURL}/embed`,
    json: buildAcmeEmbedBody(request, context.model, config.id),
    credential: config.credential,
    parseErrorBody: parseAcmeErrorBody,
  });
  const body = await response.json(acmeEmbedResponseSchema);
  const inputCount = typeof request.input === 'string' ? 1 : request.input.length;
  if (body.vectors.length !== inputCount) {
    throw new SwitchyardError('invalid-response', `Acme Inference returned ${body.vectors.length} vectors for ${inputCount} inputs.`, {
      provider: config.id,
      model: context.model,
    });
  }
  const reportedCost = reportedCostOf(body.meter);
  return {
    model: body.model ?? context.model,
    embeddings: body.vectors,
    usage: usageOf(body.meter),
    ...(response.requestId ? { requestId: response.requestId } : {}),
    ...(reportedCost ? { reportedCost } : {}),
  };
}

async function listModels(config: AcmeConfig, context: CallContext): Promise<ModelInfo[]> {
  const response = await context.http.request({ method: 'GET', url: `${config.baseURL}/models`, credential: config.credential, parseErrorBody: parseAcmeErrorBody });
  const body = await response.json(acmeModelListSchema);
  return body.models.map((model) => ({
    id: model.name,
    ownedBy: 'acme',
    ...(model.context_window ? { contextLength: model.context_window } : {}),
    ...(model.created ? { created: model.created } : {}),
    ...(model.tasks ? { metadata: { tasks: model.tasks } } : {}),
  }));
}

/** `GET /models`: the one call that proves both that Acme answers and that the key works. */
async function health(config: AcmeConfig, context: CallContext): Promise<HealthReport> {
  const started = performance.now();
  try {
    await listModels(config, context);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // A health check reports trouble rather than throwing it; only the caller's abort propagates.
    if (isSwitchyardError(error) && error.kind === 'aborted') throw error;
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: isSwitchyardError(error) ? `${error.kind}: ${error.message}` : 'unexpected failure' };
  }
}
