import type { ChatMessage } from '../spec/messages.js';
import type { ChatRequest, CompletionRequest, EmbedRequest, ImageRequest, VideoRequest } from '../spec/requests.js';
import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';

// OpenAI's rule of thumb for English text: about 4 characters per token.
const CHARACTERS_PER_TOKEN = 4;
// Role markers and separators a chat template adds per message (OpenAI's cookbook counts 3–4).
const TOKENS_PER_MESSAGE = 4;
// A 1024×1024 image at OpenAI's high detail: 85 + 4 tiles × 170. Generous on purpose: estimates guard budgets.
const TOKENS_PER_IMAGE = 765;

/** The request of any task, as {@link estimateUsage} reads it. */
export type AnyRequest = ChatRequest | CompletionRequest | EmbedRequest | ImageRequest | VideoRequest;

/**
 * A quick, pre-send guess of a call's usage for budgets, quotas and the `cost` strategy: input tokens
 * from the text length, output tokens from `maxTokens` (absent when the request sets none; an
 * estimate priced from it is then a lower bound). No tokenizer: the point is to be cheap and
 * on the generous side, and the real usage replaces the guess when the call settles.
 */
export function estimateUsage(task: Task, request: AnyRequest): Usage {
  switch (task) {
    case 'chat': {
      const chat = request as ChatRequest;
      let characters = 0;
      let images = 0;
      for (const message of chat.messages) {
        const counted = messageSize(message);
        characters += counted.characters;
        images += counted.images;
      }
      if (chat.tools !== undefined && chat.tools.length > 0) characters += JSON.stringify(chat.tools).length;
      const inputTokens = tokensOf(characters) + chat.messages.length * TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE;
      return withOutput(inputTokens, chat.maxTokens);
    }
    case 'complete': {
      const completion = request as CompletionRequest;
      return withOutput(tokensOf(completion.prompt.length + (completion.suffix?.length ?? 0)), completion.maxTokens);
    }
    case 'embed': {
      const input = (request as EmbedRequest).input;
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

function messageSize(message: ChatMessage): { characters: number; images: number } {
  switch (message.role) {
    case 'system':
    case 'tool':
      return { characters: message.content.length, images: 0 };
    case 'assistant': {
      let characters = (message.content?.length ?? 0) + (message.reasoning?.length ?? 0);
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
      return { characters, images: 0 };
    }
    case 'user': {
      if (typeof message.content === 'string') return { characters: message.content.length, images: 0 };
      let characters = 0;
      let images = 0;
      for (const part of message.content) {
        if (part.type === 'text') characters += part.text.length;
        else images += 1;
      }
      return { characters, images };
    }
  }
}

function tokensOf(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

function withOutput(inputTokens: number, maxTokens: number | undefined): Usage {
  return maxTokens === undefined ? { inputTokens } : { inputTokens, outputTokens: maxTokens };
}
