import { defaultErrorBodyParser } from '../errors/default-error-body-parser.js';
import type { ResponseHeaders } from '../errors/parse-retry-after.js';
import { collectBody } from './collect-body.js';
import type { ResponseBody } from './exchange.js';
import type { ErrorBodyParser, ParsedErrorBody } from './types.js';

/** How much of a failed response's body is read for its message; the rest is discarded. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads (at most 64 KiB of) a body that is not what the caller wanted, a failed status or the
 * wrong content type, and turns it into a message and, when the body says so, a code and a
 * more precise kind. `parseErrorBody` (the provider's reading) wins field by field over
 * {@link defaultErrorBodyParser}; a parser that throws is ignored. A body that cannot be read
 * (the connection dropped) gives undefined: the status still says what happened.
 */
export async function readErrorBody(
  body: ResponseBody,
  status: number,
  headers: ResponseHeaders,
  parseErrorBody: ErrorBodyParser | undefined,
): Promise<ParsedErrorBody | undefined> {
  let text: string;
  try {
    text = (await collectBody(body, MAX_ERROR_BODY_BYTES)).bytes.toString('utf8');
  } catch {
    return undefined;
  }
  const contentTypeHeader = headers['content-type'];
  const contentType = (Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader) ?? '';
  const input = { text, json: parseJsonLoosely(text), contentType, status, headers };
  const fallback = defaultErrorBodyParser(input);
  let custom: ParsedErrorBody | undefined;
  try {
    custom = parseErrorBody?.(input);
  } catch {
    custom = undefined;
  }
  if (!custom) return fallback;
  const merged: ParsedErrorBody = { ...fallback };
  if (custom.message !== undefined) merged.message = custom.message;
  if (custom.code !== undefined) merged.code = custom.code;
  if (custom.kind !== undefined) merged.kind = custom.kind;
  return merged;
}

function parseJsonLoosely(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[' && start !== '"') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
