import { SwitchyardError } from '@switchyard/core';
import type { ChatMessage, ChatRequest, EmbedRequest, ToolChoice } from '@switchyard/core';

/** One turn of an Acme conversation. */
export interface AcmeTurn {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  /** Assistant turns: the tool calls the model made, arguments as objects. */
  calls?: Array<{ id: string; tool: string; input: Record<string, unknown> }>;
  /** Tool turns: which call this answers. */
  call_id?: string;
}

/** The body of `POST /chat`. */
export interface AcmeChatBody {
  model: string;
  turns: AcmeTurn[];
  stream: boolean;
  tools?: Array<{ name: string; about?: string; input_schema: Record<string, unknown> }>;
  tool_mode?: 'auto' | 'none' | 'any' | { only: string };
  sampling?: { temperature?: number; top_p?: number; top_k?: number; seed?: number };
  limits?: { max_tokens?: number; stop?: string[] };
  format?: 'json' | { schema: Record<string, unknown> };
  [extra: string]: unknown;
}

/**
 * Maps the portable chat request onto Acme's body. `model` is the provider's own id for this
 * attempt (`context.model`: aliases already resolved). Fields Acme has no equivalent for
 * (`presencePenalty`, `frequencyPenalty`, `reasoning`) are not sent; `providerOptions[providerId]`
 * is merged in last, so a caller can reach any Acme field the mapping does not cover.
 */
export function buildAcmeChatBody(request: ChatRequest, model: string, stream: boolean, providerId: string): AcmeChatBody {
  const body: AcmeChatBody = { model, turns: request.messages.map(toTurn), stream };
  if (request.tools?.length && request.toolChoice !== 'none') {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { about: tool.description } : {}),
      input_schema: tool.parameters,
    }));
    if (request.toolChoice) body.tool_mode = toolMode(request.toolChoice);
  }
  const sampling = definedFields({ temperature: request.temperature, top_p: request.topP, top_k: request.topK, seed: request.seed });
  if (sampling) body.sampling = sampling;
  const limits = definedFields({ max_tokens: request.maxTokens, stop: request.stop });
  if (limits) body.limits = limits;
  if (request.responseFormat?.type === 'json') body.format = 'json';
  if (request.responseFormat?.type === 'json-schema') body.format = { schema: request.responseFormat.schema };
  return { ...body, ...request.providerOptions?.[providerId] };
}

/** The body of `POST /embed`: Acme takes a batch of texts in one call. */
export function buildAcmeEmbedBody(request: EmbedRequest, model: string, providerId: string): Record<string, unknown> {
  const texts = typeof request.input === 'string' ? [request.input] : request.input;
  return { model, texts, ...(request.dimensions ? { dimensions: request.dimensions } : {}), ...request.providerOptions?.[providerId] };
}

function toTurn(message: ChatMessage, index: number): AcmeTurn {
  switch (message.role) {
    case 'system':
      return { role: 'system', text: message.content };
    case 'user':
      return { role: 'user', text: typeof message.content === 'string' ? message.content : textOfParts(message.content, index) };
    case 'assistant':
      return {
        role: 'assistant',
        text: message.content ?? '',
        ...(message.toolCalls?.length
          ? { calls: message.toolCalls.map((call) => ({ id: call.id, tool: call.name, input: argumentsObject(call.arguments, index) })) }
          : {}),
      };
    case 'tool':
      return { role: 'tool', text: message.content, call_id: message.toolCallId };
  }
}

function textOfParts(parts: Extract<ChatMessage, { role: 'user' }>['content'], index: number): string {
  if (typeof parts === 'string') return parts;
  return parts
    .map((part) => {
      if (part.type === 'text') return part.text;
      throw new SwitchyardError('unsupported', `Acme Inference accepts text only: messages[${index}] holds an image. Send it to a provider that takes images.`, {
        retryable: false,
      });
    })
    .join('\n');
}

/** Acme wants tool arguments as an object; the contract carries the model's JSON text. */
function argumentsObject(text: string, index: number): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SwitchyardError('invalid-request', `messages[${index}].toolCalls: arguments must be the JSON text of an object, e.g. '{"city":"Paris"}'.`, {
      retryable: false,
    });
  }
  return parsed as Record<string, unknown>;
}

function toolMode(choice: ToolChoice): NonNullable<AcmeChatBody['tool_mode']> {
  if (typeof choice === 'object') return { only: choice.name };
  return choice === 'required' ? 'any' : choice;
}

/** The object without its undefined fields, or undefined when none is left. */
function definedFields<T extends Record<string, unknown>>(fields: T): Partial<T> | undefined {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return entries.length ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}
