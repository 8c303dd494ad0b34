import { parseRetryAfter } from '@switchyard/core';
import type { GeneratedMedia, ImageRequest, ImageResult, VideoRequest, VideoResult } from '@switchyard/core';
import type { PollOutcome } from '../polling/poll-until-done.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';

/**
 * WaveSpeed AI behind the router: images and videos are tasks (`POST /api/v3/{model}` →
 * `{data:{id, urls:{get}}}`, then `GET` the result path on the router until `completed`, then the
 * first output file from the CDN without the token).
 */
export const wavespeed: UpstreamAdapter = {
  textToImage: async (request, call) => {
    const { outputs, requestId, taskId } = await runTask(imageBody(request), request, call, 'image task');
    const images: GeneratedMedia[] = await Promise.all(outputs.map((url) => call.download(url, 'image/png')));
    return { model: call.model, images, usage: {}, ...(requestId === undefined ? {} : { requestId }), metadata: { inferenceProvider: call.upstream, taskId } } satisfies ImageResult;
  },
  textToVideo: async (request, call) => {
    const { outputs, requestId, taskId } = await runTask(videoBody(request), request, call, 'video task');
    const videos = await Promise.all(outputs.slice(0, 1).map((url) => call.download(url, 'video/mp4')));
    return { model: call.model, videos, usage: {}, ...(requestId === undefined ? {} : { requestId }), metadata: { inferenceProvider: call.upstream, taskId } } satisfies VideoResult;
  },
};

function imageBody(request: ImageRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.width !== undefined && request.height !== undefined) body.size = `${request.width}*${request.height}`;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.steps !== undefined) body.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) body.guidance_scale = request.guidanceScale;
  if (request.count !== undefined) body.num_images = request.count;
  return body;
}

function videoBody(request: VideoRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.width !== undefined && request.height !== undefined) body.size = `${request.width}*${request.height}`;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.durationSeconds !== undefined) body.duration = request.durationSeconds;
  return body;
}

interface WavespeedTask {
  id?: unknown;
  status?: unknown;
  outputs?: unknown;
  error?: unknown;
  urls?: { get?: unknown } | null;
}

async function runTask(
  body: Record<string, unknown>,
  request: ImageRequest | VideoRequest,
  call: UpstreamCall,
  what: string,
): Promise<{ outputs: string[]; requestId: string | undefined; taskId: string }> {
  const response = await call.send({ url: call.url(`/api/v3/${modelPath(call.model)}`), json: { ...body, ...call.extraBody(request) } });
  let task = taskOf(await response.json());
  const taskId = typeof task.id === 'string' ? task.id : undefined;
  if (taskId === undefined) throw call.malformed(`a ${what} without data.id`);
  // The result path comes from `urls.get` (api.wavespeed.ai/api/v3/predictions/{id}/result); only
  // its path is used, on the router.
  const resultPath =
    typeof task.urls?.get === 'string' && URL.canParse(task.urls.get)
      ? new URL(task.urls.get).pathname
      : `/api/v3/predictions/${encodeURIComponent(taskId)}/result`;
  task = await call.poll(`${what} ${taskId}`, async (pollNumber): Promise<PollOutcome<WavespeedTask>> => {
    let retryAfterMs: number | undefined;
    if (pollNumber > 0) {
      const polled = await call.send({ url: call.url(resultPath), idempotent: true });
      retryAfterMs = parseRetryAfter(polled.headers);
      task = taskOf(await polled.json());
    }
    const status = typeof task.status === 'string' ? task.status : 'created';
    if (status === 'completed') return { done: true, value: task };
    if (status === 'failed') throw call.jobFailed(what, typeof task.error === 'string' ? task.error : undefined);
    return { done: false, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  });
  const outputs = Array.isArray(task.outputs) ? task.outputs.filter((url): url is string => typeof url === 'string') : [];
  if (outputs.length === 0) throw call.malformed(`a completed ${what} without outputs`);
  return { outputs, requestId: response.requestId, taskId };
}

/** WaveSpeed wraps every answer in `{code, message, data}`. */
function taskOf(body: unknown): WavespeedTask {
  const data = (body as { data?: unknown } | null)?.data;
  return typeof data === 'object' && data !== null ? (data as WavespeedTask) : {};
}
