import type { ImageRequest } from '@switchyard/core';

/**
 * Builds the JSON body of `POST /images/generations` from an {@link ImageRequest}. `width` and
 * `height` become `size: "WxH"` (a missing side copies the other). No `response_format` is sent:
 * GPT image models reject it (fixture `openai-image/gpt-image-response-format-error.json`) and the
 * answer is read whether it holds URLs or base64. `negativePrompt`, `seed`, `steps` and
 * `guidanceScale` are outside OpenAI's API (Together and Fireworks read them) and are sent only when set.
 */
export function buildImageGenerationBody(request: ImageRequest, options: { model?: string; extraBody?: Record<string, unknown> } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { model: options.model ?? request.model, prompt: request.prompt };
  if (request.count !== undefined) body.n = request.count;
  const width = request.width ?? request.height;
  const height = request.height ?? request.width;
  if (width !== undefined && height !== undefined) body.size = `${width}x${height}`;
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.steps !== undefined) body.steps = request.steps;
  if (request.guidanceScale !== undefined) body.guidance_scale = request.guidanceScale;
  if (options.extraBody !== undefined) Object.assign(body, options.extraBody);
  return body;
}
