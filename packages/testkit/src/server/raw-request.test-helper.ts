import { request as httpRequest } from 'node:http';

/** What a plain node:http client saw: the status, headers, each body read, and how it ended. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Each `data` event's bytes, in order. */
  reads: Buffer[];
  body: string;
  /** `end` when the body completed, otherwise the error code (ECONNRESET, …). */
  outcome: string;
}

/**
 * Sends one request with node:http (no keep-alive, no retries) and records every read, so tests can
 * see chunk boundaries and how the server ended the response. Rejects when no response arrives.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, signal: options.signal });
    let finish: ((outcome: string) => void) | undefined;
    // After the response started, a socket error ends the body instead of failing the request.
    outgoing.once('error', (error: NodeJS.ErrnoException) => (finish ? finish(error.code ?? error.message) : reject(error)));
    outgoing.once('response', (response) => {
      const reads: Buffer[] = [];
      const done = (outcome: string) =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          reads,
          body: Buffer.concat(reads).toString('utf8'),
          outcome,
        });
      finish = done;
      response.on('data', (chunk: Buffer) => reads.push(chunk));
      response.once('end', () => done('end'));
      response.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      response.once('aborted', () => done('aborted'));
    });
    outgoing.end(options.body);
  });
}
