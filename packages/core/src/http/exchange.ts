import type { Dispatcher } from 'undici';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { Undici } from './load-undici.js';
import type { RequestLifecycle } from './request-lifecycle.js';
import type { HttpMethod } from './types.js';

/** An undici response body: a Node Readable with undici's `dump()`. */
export type ResponseBody = Dispatcher.ResponseData['body'];

/** One HTTP request/response pair; a call is several when it is redirected or its credential refreshed. */
export interface Exchange {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** Carries the lifecycle from `sendExchange` to the tracking dispatcher through undici's options. */
const LIFECYCLE = Symbol('switchyard.lifecycle');

type TrackedOptions = Dispatcher.RequestOptions & { [LIFECYCLE]?: RequestLifecycle };
/** The two hooks undici's handlers use to announce a request is being written; nothing else is touched. */
interface TrackedHandler {
  onConnect?: (this: unknown, abort: unknown, context: unknown) => unknown;
  onRequestStart?: (this: unknown, controller: unknown, context: unknown) => unknown;
}

/**
 * Wraps a dispatcher so that each request's lifecycle learns the moment undici gives the request
 * a connected socket and writes it: until then a failure is `pre-send` and the connect deadline
 * runs; after it a failure is `post-send`. undici's request handler announces that moment with
 * `onConnect` (or `onRequestStart` in its newer handler API), which is wrapped on that one
 * handler object; nothing is added per body chunk.
 */
export function trackingDispatcher(dispatcher: Dispatcher): Dispatcher {
  const tracking = {
    dispatch(options: TrackedOptions, handler: TrackedHandler): boolean {
      const lifecycle = options[LIFECYCLE];
      if (lifecycle) {
        if (typeof handler.onRequestStart === 'function') {
          const onRequestStart = handler.onRequestStart;
          handler.onRequestStart = function (controller, context) {
            lifecycle.markSent();
            return onRequestStart.call(this, controller, context);
          };
        } else if (typeof handler.onConnect === 'function') {
          const onConnect = handler.onConnect;
          handler.onConnect = function (abort, context) {
            lifecycle.markSent();
            return onConnect.call(this, abort, context);
          };
        }
      }
      return dispatcher.dispatch(options, handler as Dispatcher.DispatchHandler);
    },
  };
  return tracking as unknown as Dispatcher;
}

/**
 * Sends one exchange with `undici.request` through the tracking dispatcher. Rejects with a typed
 * error, at once when a deadline passes or the caller aborts (even while undici still waits for a
 * socket); a response that arrives after that is destroyed.
 */
export function sendExchange(undici: Undici, dispatcher: Dispatcher, exchange: Exchange, lifecycle: RequestLifecycle): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    let settled = false;
    lifecycle.beginExchange(exchange.url, (error: SwitchyardError) => {
      settled = true;
      reject(error);
    });
    const { url } = exchange;
    const options: TrackedOptions = {
      origin: url.origin,
      path: url.pathname + url.search,
      method: exchange.method,
      headers: exchange.headers,
      body: exchange.body ?? null,
      // undici documents EventEmitter-style signals next to AbortSignal.
      signal: lifecycle.signal as never,
      headersTimeout: undiciTimeout(lifecycle.timeouts.headersMs),
      bodyTimeout: undiciTimeout(lifecycle.timeouts.idleMs),
      [LIFECYCLE]: lifecycle,
    };
    undici.request.call(dispatcher, options, (error, data) => {
      if (settled) {
        if (!error) {
          data.body.on('error', ignore);
          data.body.destroy();
        }
        return;
      }
      settled = true;
      lifecycle.endExchange();
      if (error) reject(lifecycle.toError(error));
      else resolve(data);
    });
  });
}

/** undici takes 0 for "no timeout" and rejects Infinity. */
function undiciTimeout(ms: number): number {
  return Number.isFinite(ms) ? ms : 0;
}

function ignore(): void {}
