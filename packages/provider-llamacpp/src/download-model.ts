import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { CallContext } from '@switchyard/core';

/**
 * Downloads a Hub file to `destination`, reporting progress through the call context. The file is
 * written under a temporary name and renamed at the end, so a cut download never leaves a
 * truncated model that a later run would try to load.
 */
export async function downloadModel(url: string, destination: string, context: CallContext): Promise<void> {
  await mkdir(dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  const response = await context.http.request({ method: 'GET', url, idempotent: true, maxRedirects: 5 });
  const total = Number(response.headers['content-length']) || undefined;
  const file = createWriteStream(partial);
  let completed = 0;
  let lastReported = 0;
  try {
    for await (const chunk of response.body()) {
      completed += chunk.byteLength;
      if (!file.write(chunk)) await once(file, 'drain');
      // Progress at most every 1 % (or 1 MiB without a length): enough for a bar, not an event storm.
      const step = total ? total / 100 : 1 << 20;
      if (completed - lastReported >= step) {
        lastReported = completed;
        context.emit({ type: 'progress', stage: 'downloading', completed, ...(total ? { total } : {}), detail: url });
      }
    }
    file.end();
    await once(file, 'finish');
    await rename(partial, destination);
    context.emit({ type: 'progress', stage: 'downloaded', completed, ...(total ? { total } : {}), detail: destination });
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
