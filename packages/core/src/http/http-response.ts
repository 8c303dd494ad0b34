import type { ZodType } from 'zod';
import { describeRequest } from '../errors/describe-request.js';
import type { ResponseHeaders } from '../errors/parse-retry-after.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { requestIdFromHeaders } from '../errors/request-id.js';
import { isSwitchyardError, SwitchyardError } from '../errors/switchyard-error.js';
import { BodyIterator } from './body-iterator.js';
import type { ChunkDecoder } from './chunk-decoder.js';
import { collectBody } from './collect-body.js';
import type { ResponseBody } from './exchange.js';
import { isEventStream, isJsonCompatible, mediaType } from './media-type.js';
import { createNdjsonDecoder } from './read-ndjson.js';
import { readErrorBody } from './read-error-body.js';
import { createSseDecoder } from './read-sse.js';
import type { RequestLifecycle } from './request-lifecycle.js';
import type { HttpResponse, ResponseSchema, SseMessage } from './types.js';

const EXCERPT_CHARS = 200;

/** Hands every network chunk on as it came: the decoder of `body()`. */
const RAW_CHUNKS: ChunkDecoder<Uint8Array> = {
  write(chunk, out) {
    out.push(chunk);
    return false;
  },
  end() {},
};

/**
 * A 2xx response from the transport. Its body is read once, by one reader; every reader enforces
 * the request's idle and total deadlines (the lifecycle keeps running until the body is done) and
 * throws only `SwitchyardError`s, with the credential scrubbed from their messages.
 */
export class TransportResponse implements HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly #body: ResponseBody;
  readonly #lifecycle: RequestLifecycle;
  readonly #maxBodyBytes: number;
  #used = false;

  constructor(status: number, headers: ResponseHeaders, body: ResponseBody, lifecycle: RequestLifecycle, maxBodyBytes: number) {
    this.status = status;
    this.headers = headers;
    this.#body = body;
    this.#lifecycle = lifecycle;
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** The final URL, after redirects (serialised on demand: most callers never ask). */
  get url(): string {
    return this.#lifecycle.url.href;
  }

  get requestId(): string | undefined {
    return requestIdFromHeaders(this.headers);
  }

  async json<T = unknown>(schema?: ResponseSchema<T> | ZodType<T>): Promise<T> {
    const text = await this.#readText('JSON', isJsonCompatible);
    let value: unknown;
    try {
      // A byte-order mark is legal before JSON text but JSON.parse rejects it.
      value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      throw this.#invalid(`a body that is not valid JSON (${(error as Error).message}): ${excerpt(text)}`);
    }
    if (!schema) return value as T;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw this.#invalid(`JSON of an unexpected shape: ${problems.join('; ')}`);
  }

  text(): Promise<string> {
    return this.#readText('text', () => true);
  }

  async bytes(): Promise<Uint8Array> {
    this.#claim();
    return this.#whole((body) => body.bytes(), (bytes) => bytes);
  }

  sse(): AsyncIterableIterator<SseMessage> {
    return this.#iterate('an event stream (text/event-stream)', isEventStream, createSseDecoder());
  }

  ndjson(): AsyncIterableIterator<unknown> {
    return this.#iterate('newline-delimited JSON', isJsonCompatible, createNdjsonDecoder());
  }

  body(): AsyncIterableIterator<Uint8Array> {
    return this.#iterate('a body', () => true, RAW_CHUNKS);
  }

  async discard(): Promise<void> {
    if (this.#used) return;
    this.#used = true;
    this.#lifecycle.finish();
    await this.#body.dump().catch(() => undefined);
  }

  #claim(): void {
    if (this.#used) {
      throw new SwitchyardError('invalid-request', `The body of ${this.#describe()} was already read: read a response once, with one reader.`, {
        retryable: false,
      });
    }
    this.#used = true;
  }

  async #readText(expected: string, accepts: (type: string) => boolean): Promise<string> {
    this.#claim();
    const type = mediaType(this.headers);
    if (!accepts(type)) await this.#wrongType(expected, type);
    return this.#whole((body) => body.text(), (bytes) => bytes.toString('utf8'));
  }

  /**
   * The whole body, within `maxBodyBytes`. With a declared length inside the limit, undici's own
   * consumer reads it (it never reads past `content-length`, and skips the stream machinery that
   * `data` listeners start: a tenth of a small request's CPU); a body without a length is collected
   * chunk by chunk and cut off at the limit.
   */
  async #whole<T>(consume: (body: ResponseBody) => Promise<T>, fromBuffer: (bytes: Buffer) => T): Promise<T> {
    try {
      const declared = Number(this.headers['content-length']);
      if (declared > this.#maxBodyBytes) throw this.#tooLarge();
      if (declared >= 0) return await consume(this.#body);
      const { bytes, truncated } = await collectBody(this.#body, this.#maxBodyBytes);
      if (truncated) throw this.#tooLarge();
      return fromBuffer(bytes);
    } catch (error) {
      if (!this.#body.destroyed) {
        this.#body.on('error', () => undefined);
        this.#body.destroy();
      }
      throw this.#lifecycle.toError(error);
    } finally {
      this.#lifecycle.finish();
    }
  }

  #iterate<T>(expected: string, accepts: (type: string) => boolean, decoder: ChunkDecoder<T>): AsyncIterableIterator<T> {
    this.#claim();
    const type = mediaType(this.headers);
    if (!accepts(type)) return rejectingIterator(this.#wrongType(expected, type));
    return new BodyIterator(this.#body, decoder, {
      toError: (error, fromDecoder) =>
        fromDecoder && isSwitchyardError(error)
          ? this.#invalid(`a malformed ${expected}: ${error.message}`, error)
          : this.#lifecycle.toError(error),
      finish: () => this.#lifecycle.finish(),
    });
  }

  /** Reads what came instead of the expected content, and throws an error that says what it was. */
  async #wrongType(expected: string, type: string): Promise<never> {
    const parsed = await readErrorBody(this.#body, this.status, this.headers, undefined);
    this.#lifecycle.finish();
    const what = type ? `${type} content` : 'a body without a content type';
    const detail = parsed?.message ? `: ${excerpt(parsed.message)}` : '';
    throw this.#invalid(`${what} where ${expected} was expected${detail}`, undefined, parsed?.code);
  }

  #tooLarge(): SwitchyardError {
    return this.#invalid(`a body larger than ${this.#maxBodyBytes} bytes (the maxBodyBytes limit)`);
  }

  #invalid(what: string, cause?: unknown, code?: string): SwitchyardError {
    const lifecycle = this.#lifecycle;
    return new SwitchyardError('invalid-response', redactSecrets(`${this.#describe()} returned ${what}.`, lifecycle.secrets), {
      status: this.status,
      provider: lifecycle.provider,
      model: lifecycle.model,
      requestId: this.requestId,
      retryable: false,
      cause,
      code,
    });
  }

  #describe(): string {
    return describeRequest(this.#lifecycle.method, this.#lifecycle.url);
  }
}

function excerpt(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > EXCERPT_CHARS ? `${collapsed.slice(0, EXCERPT_CHARS)}…` : collapsed;
}

/** An iterator whose first `next()` rejects with `failure`'s error (the check is async, the reader is not). */
function rejectingIterator<T>(failure: Promise<never>): AsyncIterableIterator<T> {
  // Handled here so that a caller who never iterates does not cause an unhandled rejection.
  failure.catch(() => undefined);
  let done = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (done) return { value: undefined, done: true };
      done = true;
      return failure;
    },
    async return() {
      done = true;
      return { value: undefined, done: true };
    },
  };
}
