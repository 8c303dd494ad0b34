import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reply } from './reply-types.js';

/**
 * Writes `reply` to `response`. `stop` aborts when the client goes away or the server closes; every
 * wait (delays, drain, stalls) ends at that moment, so no timer outlives the test.
 */
export async function sendReply(reply: Reply, response: ServerResponse, stop: AbortSignal): Promise<void> {
  if (reply.headersDelayMs > 0 && !(await wait(reply.headersDelayMs, stop))) return;
  if (reply.ending === 'reset-before-headers') {
    response.socket?.resetAndDestroy();
    return;
  }
  writeHead(reply, response);
  // Streams and faults send their headers at once, so a client sees the status before the first chunk
  // (or before a stall with no chunk at all).
  response.flushHeaders();
  let first = true;
  for (const chunk of reply.chunks) {
    if (!first && reply.chunkDelayMs > 0 && !(await wait(reply.chunkDelayMs, stop))) return;
    first = false;
    if (stop.aborted) return;
    if (!response.write(chunk) && !(await drained(response, stop))) return;
  }
  switch (reply.ending) {
    case 'end':
      response.end();
      return;
    case 'stall':
      await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
      return;
    case 'reset':
      await flushed(response, stop);
      response.socket?.resetAndDestroy();
      return;
  }
}

/**
 * Answers at once when the reply is one complete body with no delay or fault (the common case, and
 * the one benchmarks hit), without the bookkeeping a timed reply needs. Returns false otherwise.
 */
export function sendImmediately(reply: Reply, response: ServerResponse): boolean {
  if (reply.ending !== 'end' || reply.streaming || reply.headersDelayMs > 0 || reply.chunks.length !== 1) return false;
  writeHead(reply, response);
  response.end(reply.chunks[0]);
  return true;
}

function writeHead(reply: Reply, response: ServerResponse): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (!reply.streaming && headers['content-length'] === undefined) headers['content-length'] = totalLength(reply.chunks);
  response.writeHead(reply.status, headers);
}

function totalLength(chunks: readonly Uint8Array[]): number {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  return length;
}

/** Resolves true after `ms`, or false as soon as `stop` aborts. */
async function wait(ms: number, stop: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal: stop });
    return true;
  } catch {
    return false;
  }
}

/** Resolves true when the response can take more data, false if it was stopped first. */
function drained(response: ServerResponse, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onDrain = () => finish(true);
    const onStop = () => finish(false);
    function finish(result: boolean) {
      response.off('drain', onDrain);
      stop.removeEventListener('abort', onStop);
      resolve(result);
    }
    response.on('drain', onDrain);
    stop.addEventListener('abort', onStop, { once: true });
  });
}

/**
 * Waits until everything written so far has left this process, so that a reset that follows does
 * not discard chunks the fault promised to deliver.
 */
async function flushed(response: ServerResponse, stop: AbortSignal): Promise<void> {
  // node:http corks the socket during a write and uncorks it on the next tick.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const socket = response.socket;
  if (!socket || stop.aborted || socket.writableLength === 0) return;
  await new Promise<void>((resolve) => {
    const finish = () => {
      socket.off('drain', finish);
      stop.removeEventListener('abort', finish);
      resolve();
    };
    socket.on('drain', finish);
    stop.addEventListener('abort', finish, { once: true });
  });
}
