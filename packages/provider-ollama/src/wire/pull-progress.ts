import type { ProviderProgressEvent } from '@switchyard/core';
import type { OllamaPullStatus } from './ollama-response-schemas.js';

/**
 * A progress event for one `/api/pull` status line. Lines with a digest are layer downloads
 * (`stage: 'downloading'`, bytes in `completed` / `total`, the digest in `detail`); the others
 * (`pulling manifest`, `verifying sha256 digest`, `writing manifest`, `success`) use Ollama's
 * status text as the stage.
 */
export function progressFromPullStatus(status: OllamaPullStatus): ProviderProgressEvent {
  const event: ProviderProgressEvent =
    status.digest === undefined || status.digest === ''
      ? { type: 'progress', stage: status.status }
      : { type: 'progress', stage: 'downloading', detail: status.digest };
  if (status.completed !== undefined) event.completed = status.completed;
  if (status.total !== undefined) event.total = status.total;
  return event;
}

/**
 * Ollama writes a pull status line for every few kilobytes; this keeps a line when its stage or
 * layer changed, or when it moved the byte count by at least 1 % of the layer, so `onEvent`
 * sees a readable progress trail instead of thousands of events.
 */
export function createPullProgressFilter(): (event: ProviderProgressEvent) => boolean {
  let lastKey = '';
  let lastCompleted = 0;
  return (event) => {
    const key = `${event.stage}\u0000${event.detail ?? ''}`;
    const completed = event.completed ?? 0;
    if (key !== lastKey) {
      lastKey = key;
      lastCompleted = completed;
      return true;
    }
    if (completed === lastCompleted) return false;
    // The line that completes a layer always passes, however small its step.
    const finished = event.total !== undefined && completed >= event.total;
    const step = event.total !== undefined && event.total > 0 ? event.total / 100 : 0;
    if (!finished && completed - lastCompleted < step) return false;
    lastCompleted = completed;
    return true;
  };
}
