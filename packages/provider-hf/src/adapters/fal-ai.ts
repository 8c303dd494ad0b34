import { parseRetryAfter } from '@switchyard/core';
import type { GeneratedMedia, ImageRequest, ImageResult, VideoRequest, VideoResult } from '@switchyard/core';
import type { PollOutcome } from '../polling/poll-until-done.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * fal.ai behind the router (`{router}/fal-ai/{fal app}`). Images are asked for synchronously and
 * usually come back at once (`{images:[{url}]}`, `test_text_to_image_default[fal-ai,text-to-image].yaml`);
 * videos go through fal's queue (`?_subdomain=queue`): submit, poll `…/requests/{id}/status` until
 * `COMPLETED`, then fetch the result. An image answer that is a queue ticket is polled the same way.
 * Result files live on fal's CDN and are downloaded without the token.
 */
export const falAi: UpstreamAdapter = {
  textToImage: falTextToImage,
  textToVideo: falTextToVideo,
};

async function falTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const body: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.width !== undefined && request.height !== undefined) body.image_size = { width: request.width, height: request.height };
  if (request.steps !== undefined) body.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) body.guidance_scale = request.guidanceScale;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.count !== undefined) body.num_images = request.count;
  const lora = loraWeights(call);
  if (lora !== undefined) body.loras = [{ path: lora, scale: 1 }];
  const response = await call.send({ url: call.url(`/${modelPath(call.model)}`), json: { ...body, ...call.extraBody(request) } });
  const submitted = await response.json();
  const result = isQueueTicket(submitted) ? await falQueueResult(submitted, call, 'image job') : submitted;
  const urls = imageUrls(result);
  if (urls.length === 0) throw call.malformed('an image result without images[].url');
  const images: GeneratedMedia[] = await Promise.all(urls.map((url) => call.download(url, 'image/png')));
  return {
    model: call.model,
    images,
    usage: {},
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, ...resultMetadata(result) },
  };
}

async function falTextToVideo(request: VideoRequest, call: UpstreamCall): Promise<VideoResult> {
  const body: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.width !== undefined && request.height !== undefined) body.resolution = `${Math.min(request.width, request.height)}p`;
  if (request.durationSeconds !== undefined && request.fps !== undefined) body.num_frames = Math.round(request.durationSeconds * request.fps);
  const response = await call.send({
    url: call.url(`/${modelPath(call.model)}?_subdomain=queue`),
    json: { ...body, ...call.extraBody(request) },
  });
  const submitted = await response.json();
  const result = isQueueTicket(submitted) ? await falQueueResult(submitted, call, 'video job') : submitted;
  const url = (result as { video?: { url?: unknown } } | null)?.video?.url;
  if (typeof url !== 'string') throw call.malformed('a video result without video.url');
  return {
    model: call.model,
    videos: [await call.download(url, 'video/mp4')],
    usage: {},
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, ...resultMetadata(result) },
  };
}

interface QueueTicket {
  request_id: string;
  status?: string;
  response_url?: string;
}

function isQueueTicket(value: unknown): value is QueueTicket {
  return typeof value === 'object' && value !== null && typeof (value as QueueTicket).request_id === 'string' && !('images' in value) && !('video' in value);
}

/**
 * Polls a fal queue request through the router and fetches its result. The request's path comes
 * from `response_url` (fal files a request under the app root, which may differ from the model path
 * the job was submitted to); the host is always the router, never fal's own.
 */
async function falQueueResult(ticket: QueueTicket, call: UpstreamCall, what: string): Promise<unknown> {
  const requestPath =
    ticket.response_url !== undefined && URL.canParse(ticket.response_url)
      ? new URL(ticket.response_url).pathname
      : `/${modelPath(call.model)}/requests/${encodeURIComponent(ticket.request_id)}`;
  const statusUrl = call.url(`${requestPath}/status?_subdomain=queue`);
  const resultUrl = call.url(`${requestPath}?_subdomain=queue`);
  await call.poll(`${what} ${ticket.request_id}`, async (pollNumber): Promise<PollOutcome<true>> => {
    let status = ticket.status;
    let retryAfterMs: number | undefined;
    let detail: string | undefined;
    if (pollNumber > 0 || status === undefined) {
      const response = await call.send({ url: statusUrl, idempotent: true });
      retryAfterMs = parseRetryAfter(response.headers);
      const body = (await response.json()) as { status?: unknown; queue_position?: unknown; error?: unknown };
      status = typeof body.status === 'string' ? body.status : undefined;
      if (typeof body.queue_position === 'number') detail = `position ${body.queue_position}`;
      if (status === 'COMPLETED' && typeof body.error === 'string' && body.error) throw call.jobFailed(what, body.error);
    }
    if (status === 'COMPLETED') return { done: true, value: true };
    if (status !== undefined && /FAIL|ERROR|CANCEL/i.test(status)) throw call.jobFailed(what, status);
    return { done: false, status: status ?? 'unknown', ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(detail === undefined ? {} : { detail }) };
  });
  const result = await call.send({ url: resultUrl, idempotent: true });
  return result.json();
}

function imageUrls(result: unknown): string[] {
  const images = (result as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  return images.map((image) => (image as { url?: unknown } | null)?.url).filter((url): url is string => typeof url === 'string');
}

function resultMetadata(result: unknown): Record<string, unknown> {
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  if (record.seed !== undefined) metadata.seed = record.seed;
  if (record.timings !== undefined) metadata.timings = record.timings;
  if (record.has_nsfw_concepts !== undefined) metadata.hasNsfwConcepts = record.has_nsfw_concepts;
  return metadata;
}

/** A LoRA adapter mapped onto a base model is loaded from the Hub by fal (huggingface.js does the same). */
function loraWeights(call: UpstreamCall): string | undefined {
  const mapping = call.settings.mapping;
  if (mapping?.adapter !== 'lora' || mapping.adapterWeightsPath === undefined) return undefined;
  return `${call.settings.hubUrl}/${modelPath(call.settings.hubModel)}/resolve/main/${mapping.adapterWeightsPath}`;
}
