import { SwitchyardError, defaultErrorBodyParser, kindFromStatus } from '@switchyard/core';
import type { ErrorKind } from '@switchyard/core';
import { errorDetails, recognizeErrorKind } from './parse-error-body.js';

/**
 * True when a parsed stream chunk is an error report rather than a completion chunk: servers that
 * fail after sending `200 OK` put `{"error":{…}}` (OpenAI, OpenRouter, vLLM), `{"error":"…"}` (TGI)
 * or `{"object":"error",…}` (vLLM, Mistral) where the next chunk would be.
 */
export function isEmbeddedError(chunk: Record<string, unknown>): boolean {
  return (chunk.error !== undefined && chunk.error !== null) || chunk.object === 'error';
}

/**
 * The {@link SwitchyardError} for an error object sent with `200 OK`: a chunk inside a stream, or a
 * whole body. The kind comes from the body's codes and wording (context-length, content-filter…),
 * else from a numeric HTTP-like code (llama.cpp, OpenRouter: `"code": 429`), else `server`.
 */
export function embeddedErrorFromPayload(chunk: unknown, place: 'stream' | 'body'): SwitchyardError {
  const parsed = defaultErrorBodyParser({ text: '', json: chunk, contentType: 'application/json', status: 0, headers: {} });
  const { codes } = errorDetails(chunk);
  const message = parsed?.message;
  const numericCode = codes.map(Number).find((code) => Number.isInteger(code) && code >= 400 && code < 600);
  const kind: ErrorKind =
    recognizeErrorKind({ message, codes }, 0) ??
    parsed?.kind ??
    (numericCode === undefined ? 'server' : kindFromStatus(numericCode));
  const said = message ? `: ${message.length > 500 ? `${message.slice(0, 500)}…` : message}` : ' without a message';
  return new SwitchyardError(kind, `The server reported an error ${place === 'stream' ? 'inside the response stream' : 'in a 200 response'}${said}.`, {
    ...(parsed?.code === undefined ? {} : { code: parsed.code }),
  });
}
