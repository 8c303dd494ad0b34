import { createChatStreamDecoder, type ChatStreamDecoder } from './chat-stream-decoder.js';

/**
 * Makes a decoder for a legacy `/completions` stream (`choices[].text` chunks, fixture
 * `openai-completion/openai-completion-text.chunks.txt`). It is the chat decoder, which reads
 * `text` where a chat chunk has `delta`, without `<think>` splitting: a raw completion is the
 * model's text exactly.
 */
export function createCompletionStreamDecoder(options: { requestId?: string } = {}): ChatStreamDecoder {
  return createChatStreamDecoder({ ...options, thinkTags: false });
}
