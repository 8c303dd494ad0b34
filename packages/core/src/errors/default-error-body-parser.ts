import type { ErrorKind } from './error-kind.js';
import { isPlainRecord, isRecord } from '../spec/fast-validate.js';
import { errorSchemas } from '../spec/load-schemas.js';
import { validateInput } from '../spec/validate-input.js';
import type { ErrorBodyParser, ParsedErrorBody } from '../http/types.js';

/**
 * Provider error codes that say more than the status does. OpenAI's codes are copied by most
 * OpenAI-compatible servers (vLLM, Groq, Together, LM Studio).
 */
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  context_length_exceeded: 'context-length',
  string_above_max_length: 'context-length',
  insufficient_quota: 'quota',
  billing_hard_limit_reached: 'quota',
  model_not_found: 'model-not-found',
  content_filter: 'content-filter',
  content_policy_violation: 'content-filter',
  invalid_api_key: 'auth',
};

/**
 * The input as the transport passes it, checked by hand: every failed response is parsed here, and
 * the first one should not wait for zod's import. Anything else goes to the schema
 * (schemas/error-schemas.ts).
 */
function looksLikeErrorBody(body: unknown): boolean {
  if (!isRecord(body)) return false;
  const { text, contentType, status, headers } = body;
  return typeof text === 'string' && typeof contentType === 'string' && typeof status === 'number' && Number.isFinite(status) && isPlainRecord(headers);
}

/**
 * Reads the error body shapes seen in the wild into a message and code:
 * `{"error":{"message","type","code"}}` (OpenAI and compatibles), `{"error":"…"}` (Hugging Face,
 * Ollama), `{"message":"…"}` and `{"object":"error","message"}` (vLLM, Mistral), `{"detail":"…"}`
 * and FastAPI's `{"detail":[{"loc","msg"}]}`, a JSON array of those (Google's gateways), plain
 * text, and an HTML error page (its `<title>`). Returns undefined for an empty body.
 */
export const defaultErrorBodyParser: ErrorBodyParser = (body) => {
  if (!looksLikeErrorBody(body)) validateInput(() => errorSchemas().errorBodyInput, body, 'defaultErrorBodyParser() input');
  const { text, json, contentType } = body;
  if (json !== undefined) {
    const parsed = fromJson(Array.isArray(json) ? json[0] : json);
    if (parsed) return parsed;
  }
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (contentType.includes('html') || /^<(!doctype html|html)/i.test(trimmed)) {
    const title = htmlTitle(trimmed);
    return { message: title ? `an HTML page titled "${title}"` : 'an HTML page' };
  }
  return { message: trimmed };
};

function fromJson(body: unknown): ParsedErrorBody | undefined {
  if (typeof body === 'string') return body.trim() ? { message: body.trim() } : undefined;
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (typeof error === 'string' && error.trim()) return withCode(error, codeOf(body));
  if (isRecord(error)) {
    const message = stringField(error, 'message') ?? stringField(error, 'msg');
    if (message) return withCode(message, codeOf(error) ?? codeOf(body));
  }
  const message = stringField(body, 'message') ?? stringField(body, 'msg');
  if (message) return withCode(message, codeOf(body));
  const detail = body.detail;
  if (typeof detail === 'string' && detail.trim()) return withCode(detail, codeOf(body));
  if (Array.isArray(detail)) {
    const parts = detail.filter(isRecord).map(describeFastApiIssue).filter((part) => part !== '');
    if (parts.length) return { message: parts.join('; ') };
  }
  if (isRecord(detail)) {
    const detailMessage = stringField(detail, 'message') ?? stringField(detail, 'msg');
    if (detailMessage) return withCode(detailMessage, codeOf(detail));
  }
  return undefined;
}

/** `{"loc":["body","messages",0],"msg":"field required"}` → `body.messages.0: field required`. */
function describeFastApiIssue(issue: Record<string, unknown>): string {
  const message = stringField(issue, 'msg') ?? stringField(issue, 'message') ?? '';
  const location = Array.isArray(issue.loc) ? issue.loc.map(String).join('.') : '';
  return location && message ? `${location}: ${message}` : message;
}

function withCode(message: string, code: string | undefined): ParsedErrorBody {
  const parsed: ParsedErrorBody = { message: message.trim() };
  if (code !== undefined) {
    parsed.code = code;
    const kind = KIND_BY_CODE[code];
    if (kind) parsed.kind = kind;
  }
  return parsed;
}

/**
 * OpenAI puts the precise code in `code` and the family in `type`; either may be null. A numeric
 * `code` (vLLM and Google echo the HTTP status there) says less than a `type` string, so it comes last.
 */
function codeOf(record: Record<string, unknown>): string | undefined {
  const keys = ['code', 'type', 'error_type'] as const;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value) return value;
  }
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The text of an HTML page's `<title>`, whitespace collapsed, or undefined. */
export function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  return title || undefined;
}
