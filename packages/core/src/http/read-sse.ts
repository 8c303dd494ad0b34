import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { decodeChunks, type ChunkDecoder } from './chunk-decoder.js';
import type { SseMessage } from './types.js';

/** Longest event (or unterminated line) accepted, in characters: a guard against endless lines. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * An SSE decoder on eventsource-parser. Tolerates what real servers send: `data:` without a space
 * (TGI, semantic-kernel fixtures), `:` keep-alive comments (skipped), CRLF line ends, UTF-8
 * characters split across chunks (a streaming TextDecoder), and no `data: [DONE]` at all (TGI
 * again: the end of the body ends the stream). `data: [DONE]` (OpenAI) ends it early. An event the
 * body ended in the middle of is still delivered, so that a cut payload surfaces as the consumer's
 * parse error instead of vanishing silently.
 */
export function createSseDecoder(): ChunkDecoder<SseMessage> {
  const text = new TextDecoder();
  let target: SseMessage[] = [];
  let done = false;
  let overflow = false;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      if (done) return;
      if (message.data === '[DONE]') done = true;
      else target.push(message as SseMessage);
    },
    onError(error) {
      // Unknown fields and bad `retry:` values are ignored, as browsers do; only unbounded data is fatal.
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const feed = (chunk: string, out: SseMessage[]): boolean => {
    target = out;
    parser.feed(chunk);
    if (overflow) {
      throw new SwitchyardError('invalid-response', `The event stream sent an event or line longer than ${MAX_EVENT_CHARS} characters.`, { retryable: false });
    }
    return done;
  };
  return {
    write: (chunk, out) => done || feed(text.decode(chunk, { stream: true }), out),
    end(out) {
      if (!done) feed(`${text.decode()}\n\n`, out);
    },
  };
}

/**
 * Reads Server-Sent Events from any byte source (a fetch body, a Node stream, a fixture split into
 * chunks): one {@link SseMessage} per event, ending at `data: [DONE]` or the end of the source.
 * This is the parser the transport's `response.sse()` uses.
 */
export function readSse(source: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage, void, undefined> {
  return decodeChunks(source, createSseDecoder(), 'readSse() source');
}
