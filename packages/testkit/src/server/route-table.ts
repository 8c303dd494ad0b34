import { z } from 'zod';
import { checkInput } from '../input/check-input.js';
import type { RecordedRequest } from './recorded-request.js';
import { isReply, type Reply, type ReplyHandler } from './reply-types.js';

/** What a route answers with: one reply, a sequence (one per call, the last repeats) or a function. */
export type RouteHandler = ReplyHandler<RecordedRequest>;

/** A registered route; `calls` counts the requests it answered since it was registered. */
export interface RouteHandle {
  readonly method: string;
  /** The path as registered (with its query, if any). */
  readonly path: string | RegExp;
  readonly calls: number;
}

interface Route extends RouteHandle {
  readonly key: string;
  readonly pathname: string | RegExp;
  /** Query parameters the request must carry with these exact values (others are allowed). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly handler: RouteHandler;
  calls: number;
}

const methodSchema = z.string().regex(/^[A-Za-z]+$/, 'expected an HTTP method such as "GET" or "POST"');
const pathSchema = z.union([
  z.string().startsWith('/', 'a route path starts with "/" (e.g. "/v1/chat/completions")'),
  z.instanceof(RegExp),
]);
const handlerSchema = z.custom<RouteHandler>(
  (value) =>
    typeof value === 'function' || isReply(value) || (Array.isArray(value) && value.length > 0 && value.every(isReply)),
  'expected a reply built with reply.* or fault.*, a non-empty array of them (at least one reply per sequence), or a function returning one',
);

/** Routes by method, path and (optionally) query, in registration order. */
export class RouteTable {
  readonly #routes: Route[] = [];

  /** Adds a route, replacing one with the same method, path and query (its call count restarts). */
  add(method: string, path: string | RegExp, handler: RouteHandler): RouteHandle {
    const upperMethod = checkInput(methodSchema, method, 'route method').toUpperCase();
    checkInput(pathSchema, path, 'route path');
    checkInput(handlerSchema, handler, `route handler for ${upperMethod} ${String(path)}`);
    let pathname: string | RegExp = path;
    let query: Array<[string, string]> = [];
    if (typeof path === 'string') {
      const queryStart = path.indexOf('?');
      if (queryStart >= 0) {
        pathname = path.slice(0, queryStart);
        query = [...new URLSearchParams(path.slice(queryStart + 1))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      }
    }
    const key = `${upperMethod} ${String(pathname)}?${query.map(([name, value]) => `${name}=${value}`).join('&')}`;
    const route: Route = { key, method: upperMethod, path, pathname, query, handler, calls: 0 };
    const existing = this.#routes.findIndex((candidate) => candidate.key === key);
    if (existing >= 0) this.#routes[existing] = route;
    else this.#routes.push(route);
    return route;
  }

  /**
   * The route for a request: the one whose query constraints are most specific among those that
   * match, the later registration on a tie. Undefined when none matches.
   */
  match(method: string, path: string, query: Readonly<Record<string, string>>): Route | undefined {
    let best: Route | undefined;
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      if (typeof route.pathname === 'string' ? route.pathname !== path : !route.pathname.test(path)) continue;
      if (!route.query.every(([name, value]) => query[name] === value)) continue;
      if (!best || route.query.length >= best.query.length) best = route;
    }
    return best;
  }

  /** Picks the reply for the route's next call. */
  async replyFor(route: Route, request: RecordedRequest): Promise<Reply> {
    const call = route.calls++;
    const handler = route.handler;
    if (typeof handler === 'function') {
      const result = await handler(request);
      if (!isReply(result)) {
        throw new TypeError(`the handler returned ${typeof result}, not a reply built with reply.* or fault.*`);
      }
      return result;
    }
    if (isReply(handler)) return handler;
    // A sequence answers one reply per call; the last one repeats (e.g. [429, 429, 200]).
    return handler[Math.min(call, handler.length - 1)] as Reply;
  }

  /** `METHOD path` of every route, for the unmatched-route message. */
  describe(): string[] {
    return this.#routes.map((route) => `${route.method} ${String(route.path)}`);
  }

  clear(): void {
    this.#routes.length = 0;
  }
}
