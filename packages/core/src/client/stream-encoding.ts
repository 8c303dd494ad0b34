import { isSwitchyardError } from '../errors/switchyard-error.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';

/** How `ChatStream.toReadableStream` encodes events for a browser. */
export type StreamEncoding = 'sse' | 'ndjson';

/** One event as an SSE message or an NDJSON line. */
export function encodeStreamEvent(event: ChatStreamEvent, format: StreamEncoding): string {
  const json = JSON.stringify(event);
  return format === 'sse' ? `data: ${json}\n\n` : `${json}\n`;
}

/**
 * A failure, with only what a browser needs: the kind, the message (credential-free by
 * construction of `SwitchyardError`), and whether content had already been sent.
 */
export function encodeStreamError(error: unknown, format: StreamEncoding): string {
  const detail = isSwitchyardError(error)
    ? { kind: error.kind, message: error.message, committed: error.committed, retryable: error.retryable }
    : { kind: 'invalid-response', message: 'The stream failed unexpectedly.', committed: false, retryable: false };
  const json = JSON.stringify(detail);
  return format === 'sse' ? `event: error\ndata: ${json}\n\n` : `${JSON.stringify({ type: 'error', error: detail })}\n`;
}
