import type { ChatMessage, ToolDefinition } from '../spec/messages.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';

// OpenAI's rule of thumb for English text: about 4 characters per token.
const CHARACTERS_PER_TOKEN = 4;
// Role markers and separators a chat template adds per message (OpenAI's cookbook counts 3–4).
const TOKENS_PER_MESSAGE = 4;
// A 1024×1024 image at OpenAI's high detail: 85 + 4 tiles × 170. Generous on purpose: estimates guard budgets.
const TOKENS_PER_IMAGE = 765;
/** The output a chat or completion is assumed to produce when the request sets no `maxTokens`. */
export const DEFAULT_OUTPUT_TOKENS = 512;

/** The fields of any task's request that {@link estimateUsage} reads. */
export interface EstimableRequest {
  model?: string;
  messages?: ChatMessage[];
  tools?: ToolDefinition[];
  prompt?: string;
  suffix?: string;
  input?: string | string[];
  maxTokens?: number;
}

/**
 * A quick, pre-send guess of a call's usage for budgets, quotas and the `cost` strategy: input tokens
 * from the text length, output tokens from `maxTokens` (else {@link DEFAULT_OUTPUT_TOKENS}). No
 * tokenizer: the point is to be cheap and on the generous side, and the real usage replaces the
 * guess when the call settles.
 */
export function estimateUsage(task: Task, request: EstimableRequest): Usage {
  switch (task) {
    case 'chat': {
      const messages = request.messages ?? [];
      let characters = 0;
      let images = 0;
      for (const message of messages) {
        characters += messageCharacters(message);
        images += messageImages(message);
      }
      if (request.tools !== undefined && request.tools.length > 0) characters += JSON.stringify(request.tools).length;
      const inputTokens = tokensOf(characters) + messages.length * TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE;
      return { inputTokens, outputTokens: request.maxTokens ?? DEFAULT_OUTPUT_TOKENS };
    }
    case 'complete': {
      const characters = (request.prompt?.length ?? 0) + (request.suffix?.length ?? 0);
      return { inputTokens: tokensOf(characters), outputTokens: request.maxTokens ?? DEFAULT_OUTPUT_TOKENS };
    }
    case 'embed': {
      const input = request.input ?? [];
      const texts = typeof input === 'string' ? [input] : input;
      return { inputTokens: texts.reduce((sum, text) => sum + tokensOf(text.length), 0), outputTokens: 0 };
    }
    case 'text-to-image':
    case 'text-to-video':
      // Media generation is priced per request or per second; a prompt's tokens say nothing useful.
      return {};
  }
}

/** Tokens a quota should hold for the call: its input and the output it may produce. */
export function estimatedTokens(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

// Two counts rather than one object per message: this runs on every call.
function messageCharacters(message: ChatMessage): number {
  switch (message.role) {
    case 'system':
    case 'tool':
      return message.content.length;
    case 'assistant': {
      let characters = (message.content?.length ?? 0) + (message.reasoning?.length ?? 0);
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
      return characters;
    }
    case 'user': {
      if (typeof message.content === 'string') return message.content.length;
      let characters = 0;
      for (const part of message.content) if (part.type === 'text') characters += part.text.length;
      return characters;
    }
  }
}

function messageImages(message: ChatMessage): number {
  if (message.role !== 'user' || typeof message.content === 'string') return 0;
  let images = 0;
  for (const part of message.content) if (part.type !== 'text') images += 1;
  return images;
}

function tokensOf(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}
