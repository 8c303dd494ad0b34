/** Marks objects built by `reply.*` and `fault.*`, so a route can tell a reply from a handler. */
export const REPLY_MARKER: unique symbol = Symbol.for('switchyard.testkit.reply');

/** How a reply finishes once its chunks are written. */
export type ReplyEnding =
  /** Ends the response normally. */
  | 'end'
  /** Sends a TCP reset (RST) after the chunks: the body is cut mid-way. */
  | 'reset'
  /** Sends a TCP reset before any response byte, once the request has been read. */
  | 'reset-before-headers'
  /** Sends nothing more and never ends; the socket stays open until the client or `close()` drops it. */
  | 'stall';

/**
 * A scripted response, built with `reply.*` or `fault.*`. It is a plain description: the server
 * writes `chunks` one `write()` each, waits `chunkDelayMs` between them, and finishes as `ending`
 * says. Replies are immutable and may be reused across calls and servers; faults wrap a reply into a
 * new one.
 */
export interface Reply {
  readonly [REPLY_MARKER]: true;
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, written one chunk per `write()` call. */
  readonly chunks: readonly Uint8Array[];
  /**
   * A streaming reply is sent with chunked encoding, headers flushed before the first chunk; a
   * non-streaming one carries `content-length` for the full body.
   */
  readonly streaming: boolean;
  /** Wait before each chunk after the first (lets each chunk reach the client as its own read). */
  readonly chunkDelayMs: number;
  /** Wait after reading the request and before sending the status line and headers. */
  readonly headersDelayMs: number;
  readonly ending: ReplyEnding;
}

/** Everything a server needs to answer one request (see `RecordedRequest`). */
export type ReplyHandler<Request> = Reply | readonly Reply[] | ((request: Request) => Reply | Promise<Reply>);

/** True when `value` was built by `reply.*` or `fault.*`. */
export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as { [REPLY_MARKER]?: unknown })[REPLY_MARKER] === true;
}
