import type { ChatHistoryItem } from 'node-llama-cpp';
import { SwitchyardError, type ChatMessage } from '@switchyard/core';

/** The text of a message, rejecting images: the embedded runtime runs text-only models. */
function messageText(message: ChatMessage): string {
  if (message.role === 'assistant') return message.content ?? '';
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      throw new SwitchyardError('unsupported', 'The embedded llama.cpp provider runs text-only models: remove image parts or pick another provider.', {
        retryable: false,
      });
    })
    .join('');
}

/**
 * For models without a chat template (base models such as stories260K): the conversation as plain
 * text to continue. Roles are not marked, because such a model never saw role markers in training.
 */
export function plainPrompt(messages: readonly ChatMessage[]): string {
  return messages.map(messageText).filter((text) => text.length > 0).join('\n');
}

/** For chat models: the history before the last user message, and that message as the prompt. */
export function chatPrompt(messages: readonly ChatMessage[]): { history: ChatHistoryItem[]; prompt: string } {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'user') {
    throw new SwitchyardError('invalid-request', 'The last message of a chat with the embedded llama.cpp provider must be a user message.', { retryable: false });
  }
  const history: ChatHistoryItem[] = [];
  for (const message of messages.slice(0, -1)) {
    const text = messageText(message);
    if (message.role === 'system') history.push({ type: 'system', text });
    else if (message.role === 'user') history.push({ type: 'user', text });
    else if (message.role === 'assistant') history.push({ type: 'model', response: [text] });
    else history.push({ type: 'user', text: `Result of ${message.name ?? 'tool'}: ${text}` });
  }
  return { history, prompt: messageText(last) };
}
