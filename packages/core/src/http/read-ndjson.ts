import { SwitchyardError } from '../errors/switchyard-error.js';
import { decodeChunks, type ChunkDecoder } from './chunk-decoder.js';

/** Longest line accepted, in characters: a guard against a body that never sends a newline. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;
const EXCERPT_CHARS = 120;

/**
 * A newline-delimited JSON decoder (Ollama's `/api/chat`, `/api/generate`, `/api/pull`): one value
 * per line, blank lines and CRLF tolerated, UTF-8 split across chunks reassembled, a last line
 * without a newline accepted. A line that is not JSON is an `invalid-response` naming its 1-based
 * line number.
 */
export function createNdjsonDecoder(): ChunkDecoder<unknown> {
  const text = new TextDecoder();
  let pending = '';
  let lineNumber = 0;
  const parseLine = (line: string, out: unknown[]): void => {
    lineNumber += 1;
    const trimmed = line.trim();
    if (trimmed === '') return;
    try {
      out.push(JSON.parse(trimmed));
    } catch (error) {
      const excerpt = trimmed.length > EXCERPT_CHARS ? `${trimmed.slice(0, EXCERPT_CHARS)}…` : trimmed;
      throw new SwitchyardError('invalid-response', `NDJSON line ${lineNumber} is not valid JSON (${(error as Error).message}): ${excerpt}`, {
        retryable: false,
        cause: error,
      });
    }
  };
  return {
    write(chunk, out) {
      const decoded = text.decode(chunk, { stream: true });
      let start = 0;
      let newline = decoded.indexOf('\n');
      if (newline !== -1 && pending !== '') {
        parseLine(pending + decoded.slice(0, newline), out);
        pending = '';
        start = newline + 1;
        newline = decoded.indexOf('\n', start);
      }
      while (newline !== -1) {
        parseLine(decoded.slice(start, newline), out);
        start = newline + 1;
        newline = decoded.indexOf('\n', start);
      }
      if (start < decoded.length) pending += decoded.slice(start);
      if (pending.length > MAX_LINE_CHARS) {
        throw new SwitchyardError('invalid-response', `NDJSON line ${lineNumber + 1} is longer than ${MAX_LINE_CHARS} characters.`, { retryable: false });
      }
      return false;
    },
    end(out) {
      const rest = pending + text.decode();
      pending = '';
      if (rest !== '') parseLine(rest, out);
    },
  };
}

/**
 * Reads newline-delimited JSON from any byte source, one parsed value per non-blank line. This is
 * the parser the transport's `response.ndjson()` uses.
 */
export function readNdjson(source: AsyncIterable<Uint8Array>): AsyncGenerator<unknown, void, undefined> {
  return decodeChunks(source, createNdjsonDecoder(), 'readNdjson() source');
}
