import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { checkInput } from '../input/check-input.js';
import type { RecordedRequest } from './recorded-request.js';
import { reply } from './reply.js';
import type { Reply } from './reply-types.js';
import { RouteTable, type RouteHandle, type RouteHandler } from './route-table.js';
import { sendImmediately, sendReply } from './send-reply.js';

/** A running loopback server with scripted routes. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received since the start or the last `reset()`, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /**
   * Answers `method path` with `handler`: a reply, a sequence of replies (one per call, the last one
   * repeats) or a function of the request. A path with a query (`/api/models/x?expand=y`) matches
   * only requests carrying those parameters; a `RegExp` is tested against the path. Registering the
   * same method, path and query again replaces the route.
   */
  route(method: string, path: string | RegExp, handler: RouteHandler): RouteHandle;
  /** Forgets every route and recorded request. */
  reset(): void;
  /** Stops listening and destroys every open socket, stalled streams included. */
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Keep a copy of each request in `server.requests` (default true; benchmarks turn it off). */
  record?: boolean;
}

const optionsSchema = z.object({ record: z.boolean().optional() }).strict();

/**
 * Starts a real `node:http` server on 127.0.0.1 on a free port. Requests that match no route get a
 * 404 whose JSON body names the request and the registered routes, so a failing test says why.
 *
 * @example
 * const server = await startTestServer();
 * server.route('GET', '/v1/models', reply.json({ data: [] }));
 * // … point a provider at server.url …
 * await server.close();
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { record = true } = checkInput(optionsSchema, options, 'startTestServer() options');
  const routes = new RouteTable();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const activeReplies = new Set<AbortController>();

  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A handler bug must not become an unhandled rejection in the test process.
      if (!response.headersSent && !response.destroyed) {
        writeTestkitError(response, 500, 'testkit_handler_error', `testkit: ${describeError(error)}`);
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A client that resets its own connection is routine in fault tests, not a server failure.
  server.on('clientError', (_error, socket) => socket.destroy());

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const recorded = await readRequest(request);
    if (record) requests.push(recorded);
    const route = routes.match(recorded.method, recorded.path, recorded.query);
    if (!route) {
      const known = routes.describe();
      const target = `${recorded.method} ${request.url ?? recorded.path}`;
      writeTestkitError(
        response,
        404,
        'testkit_unmatched_route',
        `testkit: no route for ${target}; routes: ${known.length ? known.join(', ') : '(none)'}`,
      );
      return;
    }
    let scripted: Reply;
    try {
      scripted = await routes.replyFor(route, recorded);
    } catch (error) {
      writeTestkitError(
        response,
        500,
        'testkit_handler_error',
        `testkit: the route handler for ${route.method} ${String(route.path)} failed: ${describeError(error)}`,
      );
      return;
    }
    if (sendImmediately(scripted, response)) return;
    const stop = new AbortController();
    activeReplies.add(stop);
    const onClose = () => stop.abort();
    response.once('close', onClose);
    try {
      await sendReply(scripted, response, stop.signal);
    } finally {
      response.off('close', onClose);
      activeReplies.delete(stop);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('testkit: the server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port: address.port,
    requests,
    route: (method, path, handler) => routes.add(method, path, handler),
    reset() {
      routes.clear();
      requests.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const stop of activeReplies) stop.abort();
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function readRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query: Record<string, string> = {};
  if (queryStart >= 0) {
    for (const [name, value] of new URLSearchParams(target.slice(queryStart + 1))) if (!(name in query)) query[name] = value;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method ?? 'GET', path, query, headers, body, json: parseJson(body), receivedAt: Date.now() };
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function writeTestkitError(response: ServerResponse, status: number, code: string, message: string): void {
  const scripted = reply.json({ error: { message, type: code, code } }, { status, headers: { 'x-testkit': code } });
  response.writeHead(scripted.status, { ...scripted.headers, 'content-length': scripted.chunks[0]?.byteLength ?? 0 });
  response.end(scripted.chunks[0]);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
