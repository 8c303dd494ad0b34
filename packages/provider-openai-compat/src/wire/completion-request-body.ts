import type { CompletionRequest } from '@switchyard/core';
import type { ChatCompletionBodyOptions } from './chat-request-body.js';
import { addSamplingFields } from './sampling-fields.js';

/**
 * Builds the JSON body of the legacy `POST /completions` from a {@link CompletionRequest}: prompt,
 * `suffix` for fill-in-the-middle models, sampling options and streaming. The legacy endpoint only
 * knows `max_tokens`, whatever `maxTokensField` says.
 */
export function buildCompletionBody(request: CompletionRequest, options: Omit<ChatCompletionBodyOptions, 'maxTokensField'> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { model: options.model ?? request.model, prompt: request.prompt };
  if (request.suffix !== undefined) body.suffix = request.suffix;
  addSamplingFields(body, request, { maxTokensField: 'max_tokens' });
  if (options.stream) {
    body.stream = true;
    if (options.streamUsage !== false) body.stream_options = { include_usage: true };
  }
  if (options.extraBody !== undefined) Object.assign(body, options.extraBody);
  return body;
}
