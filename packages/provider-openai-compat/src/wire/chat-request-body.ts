import type { ChatMessage, ChatRequest, ContentPart, ResponseFormat, ToolChoice } from '@switchyard/core';
import { addSamplingFields, type SamplingBodyOptions } from './sampling-fields.js';

/** Options of {@link buildChatCompletionBody}. */
export interface ChatCompletionBodyOptions extends SamplingBodyOptions {
  /** The model id to send; defaults to `request.model` (pass the provider's own id after aliasing). */
  model?: string;
  /** Ask for a stream (`stream: true`). */
  stream?: boolean;
  /**
   * With `stream`, ask for token usage in the last chunk (`stream_options.include_usage`, default
   * `true`). Turn off for servers that reject the field.
   */
  streamUsage?: boolean;
  /** Fields merged into the body last, overriding the mapped ones: `providerOptions[providerId]`. */
  extraBody?: Record<string, unknown>;
}

/**
 * Builds the JSON body of `POST /chat/completions` from a provider-neutral {@link ChatRequest}: messages
 * (image parts as `image_url`, bytes as `data:` URLs; assistant tool calls; tool results), sampling
 * options, tools and tool choice, response format (`json_object`, `json_schema`), `reasoning` as
 * `reasoning_effort`, and streaming. The request is expected to be validated already
 * (`chatRequestSchema`). Bodies validate against OpenAI's published OpenAPI schema, except for
 * fields only other servers know (`top_k`) which are sent only when asked for.
 */
export function buildChatCompletionBody(request: ChatRequest, options: ChatCompletionBodyOptions = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: options.model ?? request.model,
    messages: request.messages.map(toWireMessage),
  };
  addSamplingFields(body, request, options);
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = toWireToolChoice(request.toolChoice);
  if (request.responseFormat !== undefined) body.response_format = toWireResponseFormat(request.responseFormat);
  if (request.reasoning !== undefined && request.reasoning !== false) {
    body.reasoning_effort = request.reasoning === true ? 'medium' : request.reasoning;
  }
  if (options.stream) {
    body.stream = true;
    if (options.streamUsage !== false) body.stream_options = { include_usage: true };
  }
  if (options.extraBody !== undefined) Object.assign(body, options.extraBody);
  return body;
}

function toWireMessage(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(toWirePart) };
    case 'assistant': {
      const wire: Record<string, unknown> = { role: 'assistant' };
      if (message.content !== undefined) wire.content = message.content;
      if (message.toolCalls?.length) {
        wire.tool_calls = message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        }));
      }
      // Reasoning from an earlier turn is not sent back: DeepSeek rejects `reasoning_content` in input.
      return wire;
    }
    case 'tool':
      // `name` is outside OpenAI's schema but Mistral and older vLLM chat templates use it.
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content, ...(message.name === undefined ? {} : { name: message.name }) };
  }
}

function toWirePart(part: ContentPart): Record<string, unknown> {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if ('url' in part) return { type: 'image_url', image_url: { url: part.url } };
  const base64 = Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('base64');
  return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${base64}` } };
}

function toWireToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function toWireResponseFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json-schema':
      return {
        type: 'json_schema',
        json_schema: {
          name: format.name ?? 'response',
          schema: format.schema,
          ...(format.strict === undefined ? {} : { strict: format.strict }),
        },
      };
  }
}
