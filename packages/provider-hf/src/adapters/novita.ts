import { parseRetryAfter } from '@switchyard/core';
import type { VideoRequest, VideoResult } from '@switchyard/core';
import type { PollOutcome } from '../polling/poll-until-done.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { openAICompletions } from './openai-text.js';

/**
 * Novita behind the router: OpenAI-compatible chat and completions under `/v3/openai` (no `/v1`,
 * `test_chat_completion_no_stream[novita,conversational].yaml`), and asynchronous videos
 * (`POST /v3/async/{model}` → `task_id`, then `GET /v3/async/task-result?task_id=…` until
 * `TASK_STATUS_SUCCEED`, then the CDN file without the token).
 */
export const novita: UpstreamAdapter = {
  chatPath: () => '/v3/openai/chat/completions',
  ...openAICompletions('/v3/openai/completions'),
  textToVideo: novitaTextToVideo,
};

interface NovitaTaskResult {
  task?: { status?: unknown; reason?: unknown; progress_percent?: unknown } | null;
  videos?: Array<{ video_url?: unknown } | null> | null;
}

async function novitaTextToVideo(request: VideoRequest, call: UpstreamCall): Promise<VideoResult> {
  const body: Record<string, unknown> = { prompt: request.prompt };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) body.width = request.width;
  if (request.height !== undefined) body.height = request.height;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.durationSeconds !== undefined && request.fps !== undefined) body.frames = Math.round(request.durationSeconds * request.fps);
  const response = await call.send({ url: call.url(`/v3/async/${modelPath(call.model)}`), json: { ...body, ...call.extraBody(request) } });
  const submitted = (await response.json()) as { task_id?: unknown };
  const taskId = typeof submitted.task_id === 'string' ? submitted.task_id : undefined;
  if (taskId === undefined) throw call.malformed('a video task without task_id');
  const result = await call.poll(`video task ${taskId}`, async (pollNumber): Promise<PollOutcome<NovitaTaskResult>> => {
    // The submit answer carries only the id: the first look is a request too, after one interval.
    if (pollNumber === 0) return { done: false, status: 'TASK_STATUS_QUEUED' };
    const polled = await call.send({ url: call.url(`/v3/async/task-result?task_id=${encodeURIComponent(taskId)}`), idempotent: true });
    const retryAfterMs = parseRetryAfter(polled.headers);
    const taskResult = (await polled.json()) as NovitaTaskResult;
    const status = typeof taskResult.task?.status === 'string' ? taskResult.task.status : 'unknown';
    if (status === 'TASK_STATUS_SUCCEED') return { done: true, value: taskResult };
    if (status === 'TASK_STATUS_FAILED') throw call.jobFailed('video task', typeof taskResult.task?.reason === 'string' ? taskResult.task.reason : undefined);
    const progress = taskResult.task?.progress_percent;
    return {
      done: false,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(typeof progress === 'number' ? { detail: `${progress}%` } : {}),
    };
  });
  const url = result.videos?.[0]?.video_url;
  if (typeof url !== 'string') throw call.malformed('a finished video task without videos[0].video_url');
  return {
    model: call.model,
    videos: [await call.download(url, 'video/mp4')],
    usage: {},
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, taskId },
  };
}
