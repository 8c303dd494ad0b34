/** One request the test server received, as the route handler and `server.requests` see it. */
export interface RecordedRequest {
  /** Upper-case method, e.g. `POST`. */
  readonly method: string;
  /** The path without the query string, exactly as sent (still percent-encoded). */
  readonly path: string;
  /** Query parameters, decoded; the first value wins when a name repeats. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers with lower-case names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body decoded as UTF-8 (`''` when there was none). */
  readonly body: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly json: unknown;
  /** When the request (head and body) had been fully received, in `Date.now()` milliseconds. */
  readonly receivedAt: number;
}
