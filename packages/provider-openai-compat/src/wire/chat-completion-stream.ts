import type { ChatStreamEvent, SseMessage } from '@switchyard/core';
import type { ChatStreamDecoder } from './chat-stream-decoder.js';
import { embeddedErrorFromPayload, isEmbeddedError } from './embedded-error.js';
import { isJsonObject } from './json-fields.js';
import { malformedChunkError } from './malformed-chunk.js';

/**
 * Reads an OpenAI-compatible Server-Sent Events stream (`response.sse()` of the core transport)
 * through a decoder: one `JSON.parse` per message, `[DONE]` ends it (a stream without it, like
 * TGI's, ends with the body), an `event: error` message or error object becomes its typed error,
 * and a message that is not JSON is `invalid-response` (semantic-kernel
 * `openai/chat_completion_invalid_streaming_test_response.txt`).
 */
export async function* decodeChatCompletionStream(messages: AsyncIterable<SseMessage>, decoder: ChatStreamDecoder): AsyncGenerator<ChatStreamEvent, void, undefined> {
  for await (const message of messages) {
    const data = message.data;
    if (data === '[DONE]') break;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (cause) {
      if (message.event === 'error') throw embeddedErrorFromPayload({ error: data }, 'stream');
      throw malformedChunkError(data, cause);
    }
    if (message.event === 'error' && !(isJsonObject(chunk) && isEmbeddedError(chunk))) {
      throw embeddedErrorFromPayload({ error: chunk }, 'stream');
    }
    const events = decoder.push(chunk);
    for (let index = 0; index < events.length; index++) yield events[index]!;
  }
  const events = decoder.end();
  for (let index = 0; index < events.length; index++) yield events[index]!;
}
