import { SwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent, CompletionRequest, CompletionResult, Usage } from '@switchyard/core';
import { mapOpenAIFinishReason } from '@switchyard/provider-openai-compat';
import { hfErrorKind } from '../errors/hf-error-body.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { hfInferenceModelUrl } from './hf-inference-model-url.js';
import { hfInferenceMetadata, usageFromHeaders } from './hf-inference-usage.js';

/**
 * The text-generation body of hf-inference and TGI (`{inputs, parameters, stream}`). Only the
 * parameters the caller set are sent: transformers pipelines reject any generate argument they do
 * not use (`TestTextGenerationClientVCR.test_generate_non_tgi_endpoint.yaml`: "The following
 * `model_kwargs` are not used by the model: ['watermark', 'stop', …]").
 */
export function tgiGenerateBody(request: CompletionRequest, call: UpstreamCall, stream: boolean): Record<string, unknown> {
  if (request.suffix !== undefined) {
    throw new SwitchyardError('unsupported', `${call.label} text generation has no fill-in-the-middle: leave "suffix" unset.`, { model: call.model });
  }
  const parameters: Record<string, unknown> = { return_full_text: false, details: true };
  if (request.maxTokens !== undefined) parameters.max_new_tokens = request.maxTokens;
  if (request.temperature !== undefined) parameters.temperature = request.temperature;
  if (request.topP !== undefined) parameters.top_p = request.topP;
  if (request.topK !== undefined) parameters.top_k = request.topK;
  if (request.stop !== undefined) parameters.stop = request.stop;
  if (request.seed !== undefined) parameters.seed = request.seed;
  if (request.frequencyPenalty !== undefined) parameters.frequency_penalty = request.frequencyPenalty;
  return { inputs: request.prompt, parameters: { ...parameters, ...call.extraBody(request) }, stream };
}

interface TgiDetails {
  finish_reason?: unknown;
  generated_tokens?: unknown;
  input_length?: unknown;
  prefill?: unknown;
}

/** Non-streamed generation: `[{generated_text, details}]` (the router) or `{generated_text, details}` (TGI `/generate`). */
export async function tgiComplete(request: CompletionRequest, call: UpstreamCall): Promise<CompletionResult> {
  const response = await call.send({ url: hfInferenceModelUrl(call), json: tgiGenerateBody(request, call, false) });
  const body = await response.json();
  const first = (Array.isArray(body) ? body[0] : body) as { generated_text?: unknown; details?: TgiDetails } | undefined;
  if (typeof first?.generated_text !== 'string') throw call.malformed('without "generated_text" (expected [{generated_text}])');
  const details = first.details;
  const rawFinishReason = typeof details?.finish_reason === 'string' ? details.finish_reason : undefined;
  return {
    model: call.model,
    text: first.generated_text,
    finishReason: mapOpenAIFinishReason(rawFinishReason, false),
    ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
    usage: { ...usageFromHeaders(response.headers), ...usageFromDetails(details) },
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, ...hfInferenceMetadata(response.headers) },
  };
}

/**
 * Streamed generation: TGI's SSE, one token per event (`data:{"token":{…},"generated_text":null,…}`,
 * sometimes without the space after `data:` — `test_generate_stream_no_details.yaml`), the last one
 * with `generated_text` and `details`. An `{"error": …}` event inside the 200 stream is a typed error.
 */
export async function* tgiStreamComplete(request: CompletionRequest, call: UpstreamCall): AsyncIterable<ChatStreamEvent> {
  const response = await call.send({ url: hfInferenceModelUrl(call), json: tgiGenerateBody(request, call, true), headers: { accept: 'text/event-stream' } });
  yield { type: 'start', model: call.model, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
  let finished = false;
  for await (const message of response.sse()) {
    const event = parseEvent(message.data, call);
    if (event.error !== undefined) throw streamError(event.error, event.error_type, call);
    const token = event.token;
    if (token && typeof token.text === 'string' && token.text.length > 0 && token.special !== true) yield { type: 'text', text: token.text };
    if (event.details) {
      const rawFinishReason = typeof event.details.finish_reason === 'string' ? event.details.finish_reason : undefined;
      yield { type: 'usage', usage: usageFromDetails(event.details) };
      yield {
        type: 'finish',
        finishReason: mapOpenAIFinishReason(rawFinishReason, false),
        ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
        model: call.model,
        metadata: { inferenceProvider: call.upstream },
      };
      finished = true;
    }
  }
  if (!finished) {
    throw new SwitchyardError('stream-interrupted', `${call.label} ended the generation stream before its final event.`, { model: call.model });
  }
}

interface TgiStreamEvent {
  token?: { text?: unknown; special?: unknown };
  details?: TgiDetails | null;
  error?: unknown;
  error_type?: unknown;
}

function parseEvent(data: string, call: UpstreamCall): TgiStreamEvent {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null) return parsed as TgiStreamEvent;
  } catch {
    // reported below
  }
  throw new SwitchyardError('invalid-response', `${call.label} sent a stream event that is not a JSON object: "${data.slice(0, 80)}".`, {
    model: call.model,
  });
}

function streamError(error: unknown, errorType: unknown, call: UpstreamCall): SwitchyardError {
  const message = typeof error === 'string' ? error : JSON.stringify(error);
  const kind = hfErrorKind(0, message, undefined) ?? (errorType === 'overloaded' ? 'overloaded' : errorType === 'validation' ? 'invalid-request' : 'server');
  return new SwitchyardError(kind, `${call.label}: ${message.slice(0, 500)}`, {
    model: call.model,
    ...(typeof errorType === 'string' ? { code: errorType } : {}),
  });
}

function usageFromDetails(details: TgiDetails | null | undefined): Usage {
  const usage: Usage = {};
  if (typeof details?.generated_tokens === 'number') usage.outputTokens = details.generated_tokens;
  if (typeof details?.input_length === 'number') usage.inputTokens = details.input_length;
  else if (Array.isArray(details?.prefill) && details.prefill.length > 0) usage.inputTokens = details.prefill.length;
  return usage;
}
