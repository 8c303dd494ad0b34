import type { Readable } from 'node:stream';

/** What {@link collectBody} resolves with: the bytes read and whether the body went past the limit. */
export interface CollectedBody {
  bytes: Buffer;
  /** True when the body was longer than `maxBytes` and reading stopped there (the body is destroyed). */
  truncated: boolean;
}

/**
 * Reads a whole body into one buffer (no copy when it arrived in one chunk), stopping and
 * destroying the body once it passes `maxBytes`. Rejects with whatever the stream fails with,
 * including a body that was already destroyed (a deadline passed before anyone read it).
 */
export function collectBody(body: Readable, maxBytes: number): Promise<CollectedBody> {
  return new Promise((resolve, reject) => {
    if (body.destroyed) {
      reject(body.errored ?? new Error('The response body was closed before it was read.'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      const keep = chunk.length - (size - maxBytes);
      if (keep > 0) chunks.push(chunk.subarray(0, keep));
      detach();
      body.on('error', ignore);
      body.destroy();
      resolve({ bytes: Buffer.concat(chunks, maxBytes), truncated: true });
    };
    const onEnd = (): void => {
      detach();
      resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), truncated: false });
    };
    const onError = (error: Error): void => {
      detach();
      reject(error);
    };
    const onClose = (): void => {
      detach();
      reject(body.errored ?? new Error('The response body was closed before it ended.'));
    };
    const detach = (): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
    };
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

function ignore(): void {}
