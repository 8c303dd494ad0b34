import { defaultErrorBodyParser } from '@switchyard/core';
import type { ErrorBodyParser, ErrorKind, ParsedErrorBody } from '@switchyard/core';
import { isJsonObject, nonEmptyString } from './json-fields.js';

// Core's defaultErrorBodyParser reads the shapes ({error:{…}}, {error:"…"}, {detail:[…]},
// {message}, {object:"error",…}, text/plain, HTML) and the OpenAI error codes; this adds what
// OpenAI-compatible servers only say in words, and the field a 400 names.

// Context overflow, by server: vLLM and Mistral "maximum context length"; llama.cpp
// `exceed_context_size_error` / "exceeds the available context size"; TGI and Together
// "`inputs` tokens + `max_new_tokens` must be <= N"; Fireworks and Anthropic "prompt is too long";
// Groq "Please reduce the length of the messages".
const CONTEXT_LENGTH_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error', 'string_above_max_length']);
const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context[ _-]?(length|window) (is |was )?(exceeded|too)|exceeds? the (available |model'?s? )?(maximum )?context|prompt is too long|reduce the length of the messages|`inputs` tokens \+ `max_new_tokens` must be/i;
// Azure: `code: content_filter` with `innererror.code: ResponsibleAIPolicyViolation`; OpenAI images:
// `content_policy_violation`, `moderation_blocked`; and the wording of both.
const CONTENT_FILTER_CODES = new Set(['content_filter', 'content_policy_violation', 'responsibleaipolicyviolation', 'moderation_blocked']);
const CONTENT_FILTER_MESSAGE = /content (management )?polic|content[ _]filter|safety system|flagged (as|by) /i;
// vLLM: "The model `x` does not exist."; Groq: `model_decommissioned`; llama-swap/LM Studio: "model not found".
const MODEL_NOT_FOUND_CODES = new Set(['model_not_found', 'model_decommissioned']);
const MODEL_NOT_FOUND_MESSAGE = /\bmodel\b.{0,120}\b(does not exist|not found|is not served|has been decommissioned)/i;

/** What an error says, for {@link recognizeErrorKind}. */
export interface ErrorEvidence {
  message: string | undefined;
  /** The body's codes: `error.code`, `error.type`, Azure's `innererror.code`. */
  codes: readonly string[];
}

/**
 * The kind an error implies beyond its HTTP status (`status` 0: it arrived inside a 200 stream), or
 * `undefined` to keep the status's kind. Context-length, content-filter and model-not-found are
 * recognised from codes and wording; auth, permission and rate-limit statuses are never overridden.
 */
export function recognizeErrorKind(evidence: ErrorEvidence, status: number): ErrorKind | undefined {
  if (status === 401 || status === 403 || status === 429) return undefined;
  const codes = evidence.codes.map((code) => code.toLowerCase());
  const message = evidence.message ?? '';
  if (codes.some((code) => CONTEXT_LENGTH_CODES.has(code)) || CONTEXT_LENGTH_MESSAGE.test(message)) return 'context-length';
  if (codes.some((code) => CONTENT_FILTER_CODES.has(code)) || CONTENT_FILTER_MESSAGE.test(message)) return 'content-filter';
  if (codes.some((code) => MODEL_NOT_FOUND_CODES.has(code))) return 'model-not-found';
  if ((status === 404 || status === 400 || status === 0) && MODEL_NOT_FOUND_MESSAGE.test(message)) return 'model-not-found';
  return undefined;
}

/** The codes and the named field of an `{error:{…}}` body, where the default parser keeps only one code. */
export function errorDetails(json: unknown): { codes: string[]; param: string | undefined } {
  const payload = Array.isArray(json) ? json[0] : json;
  const codes: string[] = [];
  if (!isJsonObject(payload)) return { codes, param: undefined };
  const error = isJsonObject(payload.error) ? payload.error : payload;
  for (const value of [error.code, error.type, payload.error_type]) {
    const code = typeof value === 'number' ? String(value) : nonEmptyString(value);
    if (code !== undefined) codes.push(code);
  }
  const inner = isJsonObject(error.innererror) ? nonEmptyString(error.innererror.code) : undefined;
  if (inner !== undefined) codes.push(inner);
  return { codes, param: nonEmptyString(error.param) };
}

/**
 * The {@link ErrorBodyParser} for OpenAI-compatible servers; pass it to the transport as
 * `parseErrorBody`. Reads every shape core's `defaultErrorBodyParser` reads, names the rejected field
 * (`param`), and recognises context-length, content-filter and model-not-found errors as their own
 * kinds whatever status they came with.
 */
export const parseOpenAIErrorBody: ErrorBodyParser = (body): ParsedErrorBody | undefined => {
  const parsed = defaultErrorBodyParser(body);
  const { codes, param } = errorDetails(body.json);
  const message = parsed?.message;
  const result: ParsedErrorBody = { ...parsed };
  if (param !== undefined && (message === undefined || !message.includes(param))) {
    result.message = message === undefined ? `the server rejected the field "${param}"` : `${message} (field "${param}")`;
  }
  const kind = recognizeErrorKind({ message, codes }, body.status);
  if (kind !== undefined) result.kind = kind;
  return parsed === undefined && result.message === undefined && kind === undefined ? undefined : result;
};
