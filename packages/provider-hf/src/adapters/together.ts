import { parseRetryAfter } from '@switchyard/core';
import type { ImageRequest, ImageResult, VideoRequest, VideoResult } from '@switchyard/core';
import type { PollOutcome } from '../polling/poll-until-done.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { openAIImageGeneration } from './openai-images.js';
import { openAICompletions, openAIEmbeddings } from './openai-text.js';

/**
 * Together AI behind the router: OpenAI-style chat, completions, embeddings and images (base64), and asynchronous videos
 * (`POST /v2/videos`, then `GET /v2/videos/{id}` until `completed`, then the CDN file without the token).
 */
export const together: UpstreamAdapter = {
  chatPath: () => '/v1/chat/completions',
  ...openAICompletions('/v1/completions'),
  ...openAIEmbeddings('/v1/embeddings'),
  textToImage: togetherTextToImage,
  textToVideo: togetherTextToVideo,
};

/** Together takes `width` / `height` rather than `size`, and calls base64 output `"base64"`. */
function togetherTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const fields: Record<string, unknown> = { response_format: 'base64' };
  if (request.width !== undefined) fields.width = request.width;
  if (request.height !== undefined) fields.height = request.height;
  return openAIImageGeneration(request, call, fields);
}

interface TogetherVideoJob {
  id?: unknown;
  status?: unknown;
  outputs?: { video_url?: unknown } | null;
  error?: { message?: unknown } | null;
}

async function togetherTextToVideo(request: VideoRequest, call: UpstreamCall): Promise<VideoResult> {
  const body: Record<string, unknown> = { prompt: request.prompt, model: call.model };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) body.width = request.width;
  if (request.height !== undefined) body.height = request.height;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.fps !== undefined) body.fps = request.fps;
  if (request.durationSeconds !== undefined) body.seconds = String(request.durationSeconds);
  const response = await call.send({ url: call.url('/v2/videos'), json: { ...body, ...call.extraBody(request) } });
  let job = (await response.json()) as TogetherVideoJob;
  const id = typeof job.id === 'string' ? job.id : undefined;
  if (id === undefined) throw call.malformed('a video job without an id');
  job = await call.poll(`video job ${id}`, async (pollNumber): Promise<PollOutcome<TogetherVideoJob>> => {
    let retryAfterMs: number | undefined;
    if (pollNumber > 0) {
      const polled = await call.send({ url: call.url(`/v2/videos/${encodeURIComponent(id)}`), idempotent: true });
      retryAfterMs = parseRetryAfter(polled.headers);
      job = (await polled.json()) as TogetherVideoJob;
    }
    const status = typeof job.status === 'string' ? job.status : 'queued';
    if (status === 'completed') return { done: true, value: job };
    if (status === 'failed' || status === 'cancelled') {
      throw call.jobFailed('video job', typeof job.error?.message === 'string' ? job.error.message : status);
    }
    return { done: false, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  });
  const url = job.outputs?.video_url;
  if (typeof url !== 'string') throw call.malformed('a completed video job without outputs.video_url');
  return {
    model: call.model,
    videos: [await call.download(url, 'video/mp4')],
    usage: {},
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, jobId: id },
  };
}
