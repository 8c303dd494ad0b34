import { SwitchyardError } from '@switchyard/core';

/** An `invalid-response` error for a stream chunk that is not JSON, quoting its start. */
export function malformedChunkError(data: string, cause: unknown): SwitchyardError {
  const excerpt = data.length > 120 ? `${data.slice(0, 120)}…` : data;
  return new SwitchyardError('invalid-response', `The server sent a stream chunk that is not valid JSON: ${JSON.stringify(excerpt)}.`, { cause });
}

/** An `invalid-response` error for a chunk whose structure is wrong. */
export function malformedChunkShape(what: string): SwitchyardError {
  return new SwitchyardError('invalid-response', `The server sent a malformed stream chunk: ${what}.`);
}
