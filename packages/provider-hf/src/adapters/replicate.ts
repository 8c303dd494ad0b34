import { parseRetryAfter } from '@switchyard/core';
import type { ImageRequest, ImageResult, VideoRequest, VideoResult } from '@switchyard/core';
import type { PollOutcome } from '../polling/poll-until-done.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * Replicate behind the router. A prediction is created with `Prefer: wait=N` (Replicate holds the
 * request until the output is ready or N seconds pass), then, if still running, polled at
 * `{router}/replicate/v1/predictions/{id}` — never at the `urls.get` Replicate returns, which is
 * api.replicate.com and must not see the Hugging Face token. Outputs are CDN URLs
 * (replicate.delivery), downloaded without the token.
 */
export const replicate: UpstreamAdapter = {
  textToImage: replicateTextToImage,
  textToVideo: replicateTextToVideo,
};

async function replicateTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const input: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) input.width = request.width;
  if (request.height !== undefined) input.height = request.height;
  if (request.count !== undefined) input.num_outputs = request.count;
  if (request.seed !== undefined) input.seed = request.seed;
  if (request.steps !== undefined) input.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) input.guidance_scale = request.guidanceScale;
  const mapping = call.settings.mapping;
  if (mapping?.adapter === 'lora' && mapping.adapterWeightsPath !== undefined) input.lora_weights = `${call.settings.hubUrl}/${modelPath(call.settings.hubModel)}`;
  const { prediction, requestId } = await runPrediction({ ...input, ...call.extraBody(request) }, call, 'image prediction');
  const urls = outputUrls(prediction.output);
  if (urls.length === 0) throw call.malformed('a finished prediction without output URLs');
  return {
    model: call.model,
    images: await Promise.all(urls.map((url) => call.download(url, 'image/png'))),
    usage: {},
    ...(requestId === undefined ? {} : { requestId }),
    metadata: predictionMetadata(prediction, call),
  };
}

async function replicateTextToVideo(request: VideoRequest, call: UpstreamCall): Promise<VideoResult> {
  const input: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) input.width = request.width;
  if (request.height !== undefined) input.height = request.height;
  if (request.seed !== undefined) input.seed = request.seed;
  if (request.fps !== undefined) input.fps = request.fps;
  if (request.durationSeconds !== undefined) input.duration = request.durationSeconds;
  const { prediction, requestId } = await runPrediction({ ...input, ...call.extraBody(request) }, call, 'video prediction');
  const urls = outputUrls(prediction.output);
  if (urls.length === 0) throw call.malformed('a finished prediction without an output URL');
  return {
    model: call.model,
    videos: await Promise.all(urls.map((url) => call.download(url, 'video/mp4'))),
    usage: {},
    ...(requestId === undefined ? {} : { requestId }),
    metadata: predictionMetadata(prediction, call),
  };
}

interface Prediction {
  id?: unknown;
  status?: unknown;
  output?: unknown;
  error?: unknown;
  metrics?: unknown;
}

async function runPrediction(input: Record<string, unknown>, call: UpstreamCall, what: string): Promise<{ prediction: Prediction; requestId: string | undefined }> {
  // "owner/name:version" pins a version (POST /v1/predictions with `version`); "owner/name" runs the
  // model's latest version (POST /v1/models/owner/name/predictions).
  const [name, version] = call.model.split(':', 2) as [string, string | undefined];
  const response = await call.send({
    url: version === undefined ? call.url(`/v1/models/${modelPath(name)}/predictions`) : call.url('/v1/predictions'),
    json: version === undefined ? { input } : { input, version },
    headers: { prefer: `wait=${preferWaitSeconds(call)}` },
  });
  let prediction = (await response.json()) as Prediction;
  const id = typeof prediction.id === 'string' ? prediction.id : undefined;
  prediction = await call.poll(`${what} ${id ?? ''}`.trim(), async (pollNumber): Promise<PollOutcome<Prediction>> => {
    let retryAfterMs: number | undefined;
    if (pollNumber > 0) {
      if (id === undefined) throw call.malformed('a running prediction without an id to poll');
      const polled = await call.send({ url: call.url(`/v1/predictions/${encodeURIComponent(id)}`), idempotent: true });
      retryAfterMs = parseRetryAfter(polled.headers);
      prediction = (await polled.json()) as Prediction;
    }
    const status = typeof prediction.status === 'string' ? prediction.status : 'unknown';
    if (status === 'failed' || status === 'canceled' || status === 'aborted') throw call.jobFailed(what, errorText(prediction.error) ?? status);
    // The recorded answer to `Prefer: wait` is status "processing" with the output already there
    // (test_text_to_image_default[replicate,text-to-image].yaml): the files are ready, the
    // prediction is only finishing its bookkeeping.
    if (status === 'succeeded' || outputUrls(prediction.output).length > 0) return { done: true, value: prediction };
    return { done: false, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  });
  return { prediction, requestId: response.requestId };
}

/** Seconds Replicate may hold the create request: what is left of the attempt, within its 1–60 s range. */
function preferWaitSeconds(call: UpstreamCall): number {
  const remainingMs = Math.min(call.context.deadline - Date.now(), call.context.timeouts.headersMs);
  return Math.max(1, Math.min(60, Math.floor(remainingMs / 1000) - 1));
}

function outputUrls(output: unknown): string[] {
  const items = Array.isArray(output) ? output : [output];
  return items.filter((item): item is string => typeof item === 'string' && /^(https?:|data:)/.test(item));
}

function errorText(error: unknown): string | undefined {
  if (typeof error === 'string' && error) return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}

function predictionMetadata(prediction: Prediction, call: UpstreamCall): Record<string, unknown> {
  return {
    inferenceProvider: call.upstream,
    ...(typeof prediction.id === 'string' ? { predictionId: prediction.id } : {}),
    ...(prediction.metrics === undefined ? {} : { metrics: prediction.metrics }),
  };
}
