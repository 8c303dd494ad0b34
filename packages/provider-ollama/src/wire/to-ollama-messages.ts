import type { ChatMessage, ContentPart } from '@switchyard/core';
import { imageToBase64 } from './image-to-base64.js';
import { toOllamaToolCall } from './tool-calls.js';
import type { OllamaMessage } from './ollama-wire-types.js';

/**
 * The chat history in Ollama's shape: content parts become `content` text plus base64 `images`;
 * assistant tool calls get object arguments; tool results carry `tool_name` (looked up from the
 * assistant call with the same id when the caller gave no name) and `tool_call_id`.
 */
export function toOllamaMessages(messages: readonly ChatMessage[]): OllamaMessage[] {
  // Tool names by call id, for tool results without a name; made only for a history with tool calls.
  let toolNames: Map<string, string> | undefined;
  const out = new Array<OllamaMessage>(messages.length);
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as ChatMessage;
    switch (message.role) {
      case 'system':
        out[index] = { role: 'system', content: message.content };
        break;
      case 'user':
        out[index] = typeof message.content === 'string' ? { role: 'user', content: message.content } : userParts(message.content, `messages[${index}]`);
        break;
      case 'assistant': {
        const converted: OllamaMessage = { role: 'assistant', content: message.content ?? '' };
        if (message.reasoning !== undefined) converted.thinking = message.reasoning;
        if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
          converted.tool_calls = message.toolCalls.map((call, callIndex) => {
            (toolNames ??= new Map()).set(call.id, call.name);
            return toOllamaToolCall(call, `messages[${index}].toolCalls[${callIndex}]`);
          });
        }
        out[index] = converted;
        break;
      }
      case 'tool': {
        const converted: OllamaMessage = { role: 'tool', content: message.content, tool_call_id: message.toolCallId };
        const name = message.name ?? toolNames?.get(message.toolCallId);
        if (name !== undefined) converted.tool_name = name;
        out[index] = converted;
        break;
      }
    }
  }
  return out;
}

function userParts(parts: readonly ContentPart[], where: string): OllamaMessage {
  let content = '';
  let images: string[] | undefined;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as ContentPart;
    if (part.type === 'text') {
      // Ollama has one text field per message: separate parts by a newline so words do not run together.
      content = content === '' ? part.text : `${content}\n${part.text}`;
    } else {
      (images ??= []).push(imageToBase64(part, `${where}.content[${index}]`));
    }
  }
  return images === undefined ? { role: 'user', content } : { role: 'user', content, images };
}
