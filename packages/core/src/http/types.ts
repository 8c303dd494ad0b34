import type { ZodType } from 'zod';
import type { ErrorKind } from '../errors/error-kind.js';
import type { CredentialSource, SecretLike } from '../secret/secret.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** The transport's deadlines, in milliseconds. Each reports its own phase when it fires. */
export interface TransportTimeouts {
  /** Establishing the connection (TCP and TLS). */
  connectMs: number;
  /** From sending the request until the response headers arrive. */
  headersMs: number;
  /** The longest gap allowed between two chunks of a response body. */
  idleMs: number;
  /** The whole request, body included, from the moment it starts. */
  totalMs: number;
}

/**
 * A credential bound to the origins it belongs to. The transport attaches it only to requests for
 * those origins, never over plain HTTP to a non-loopback host, and drops it on a redirect that
 * changes origin.
 */
export interface ScopedCredential {
  readonly value: string | SecretLike | CredentialSource;
  /** Origins (`https://router.huggingface.co`) the credential may be sent to. */
  readonly origins: readonly string[];
  /** Header name, lower case. Default `authorization`. */
  readonly header: string;
  /** Prefix for the header value, e.g. `Bearer`; none when undefined. */
  readonly scheme: string | undefined;
}

/** What a provider knows about an error body, beyond what the status says. */
export interface ParsedErrorBody {
  message?: string;
  /** The provider's own error code or type (`context_length_exceeded`, `insufficient_quota`). */
  code?: string;
  /** Override the kind the status implies (a 400 that is really `context-length`). */
  kind?: ErrorKind;
}

/** Turns a failed response's body into a message and, when it can tell, a more precise kind. */
export type ErrorBodyParser = (body: {
  text: string;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
  contentType: string;
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}) => ParsedErrorBody | undefined;

export interface HttpRequestOptions {
  method?: HttpMethod;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** A value to send as JSON (sets `content-type: application/json`). */
  json?: unknown;
  /** A raw body; ignored when `json` is set. */
  body?: string | Uint8Array;
  credential?: ScopedCredential;
  signal?: AbortSignal;
  timeouts?: Partial<TransportTimeouts>;
  /** Safe to send twice (GET, or a call the caller marked idempotent). */
  idempotent?: boolean;
  /** For error context. */
  provider?: string;
  model?: string;
  /** Provider-specific reading of error bodies; the transport falls back to common shapes. */
  parseErrorBody?: ErrorBodyParser;
  /** Redirects to follow (default 5). Credentials are dropped when the origin changes. */
  maxRedirects?: number;
  /** Largest body `json()`, `text()` or `bytes()` will buffer (default 64 MiB). */
  maxBodyBytes?: number;
}

/** One Server-Sent Events message. Comments (`: keep-alive`) are not messages. */
export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

/**
 * What `HttpResponse.json()` validates with: a zod schema, or any object with zod's `safeParse`
 * result shape. A provider's hand-written check in front of a lazily built schema fits here
 * without building the schema, or loading zod, for a well-formed body.
 */
export interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } };
}

/**
 * A successful (2xx) response whose body has not been read yet. Read it once, with one of the
 * readers; each enforces the idle and total timeouts and turns every failure into a
 * `SwitchyardError`.
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** `x-request-id` (or a known equivalent) when the server sent one. */
  readonly requestId: string | undefined;
  /** The final URL, after redirects. */
  readonly url: string;
  /** Parses the body as JSON, validated by `schema` when given (loose: unknown fields pass). */
  json<T = unknown>(schema?: ResponseSchema<T> | ZodType<T>): Promise<T>;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  /** Server-Sent Events; ends at `data: [DONE]` or at the end of the body. */
  sse(): AsyncIterableIterator<SseMessage>;
  /** Newline-delimited JSON, one parsed value per line. */
  ndjson(): AsyncIterableIterator<unknown>;
  /**
   * The raw body, chunk by chunk as it arrives, for large downloads written to disk (model files):
   * never buffered whole, with the same idle and total deadlines and typed errors as the readers.
   */
  body(): AsyncIterableIterator<Uint8Array>;
  /** Releases the connection without reading the body. */
  discard(): Promise<void>;
}

/** The one HTTP path every provider uses. */
export interface HttpTransport {
  /**
   * Sends a request. Resolves with a 2xx response; rejects with a `SwitchyardError` for anything
   * else: the status and headers classified into a kind (with `retryAfterMs`), or a network or
   * timeout error with its phase.
   */
  request(options: HttpRequestOptions): Promise<HttpResponse>;
  /** Closes idle connections; pending requests finish first. */
  close(): Promise<void>;
}
