import { mergeTimeouts } from '../http/merge-timeouts.js';
import type { HttpRequestOptions, HttpResponse, HttpTransport, TransportTimeouts } from '../http/types.js';
import type { AttemptAbort } from './attempt-abort.js';

/**
 * `CallContext.http` of one attempt: the client's transport with the attempt's abort, deadlines,
 * provider id and model merged into every request, as `bindTransport` does for a provider used on
 * its own. The client does not use `bindTransport` here because it needs a DOM `AbortSignal` (it
 * combines signals with `AbortSignal.any`), which costs every attempt about 10 µs (see
 * {@link AttemptAbort}), and because it re-validates defaults the client built itself. A request
 * that brings its own signal (other than `ctx.signal`) still gets both, combined.
 * `close()` does nothing: the transport belongs to the client.
 */
export class AttemptTransport implements HttpTransport {
  readonly #transport: HttpTransport;
  readonly #abort: AttemptAbort;
  readonly #timeouts: TransportTimeouts;
  readonly #provider: string;
  readonly #model: string;

  constructor(transport: HttpTransport, abort: AttemptAbort, timeouts: TransportTimeouts, provider: string, model: string) {
    this.#transport = transport;
    this.#abort = abort;
    this.#timeouts = timeouts;
    this.#provider = provider;
    this.#model = model;
  }

  request(options: HttpRequestOptions): Promise<HttpResponse> {
    // Object.assign, not a spread: `{ ...options, signal, … }` costs microseconds in Node 20 (V8 11.3).
    const merged: HttpRequestOptions = Object.assign({}, options);
    const own = options.signal;
    merged.signal = own === undefined || this.#abort.isOwnSignal(own) ? this.#abort.asSignal() : AbortSignal.any([this.#abort.signal, own]);
    merged.timeouts = mergeTimeouts(this.#timeouts, options.timeouts);
    merged.provider = options.provider ?? this.#provider;
    merged.model = options.model ?? this.#model;
    return this.#transport.request(merged);
  }

  async close(): Promise<void> {}
}
