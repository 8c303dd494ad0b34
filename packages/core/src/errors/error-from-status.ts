import { STATUS_CODES } from 'node:http';
import { ERROR_KINDS } from './error-kind.js';
import { isRecord, isString } from '../spec/fast-validate.js';
import { errorSchemas } from '../spec/load-schemas.js';
import { everyItem } from '../spec/request-checks.js';
import { validateInput } from '../spec/validate-input.js';
import type { ErrorKind } from './error-kind.js';
import { describeRequest } from './describe-request.js';
import { headerValue, looksLikeResponseHeaders, parseRetryAfter, type ResponseHeaders } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';
import { requestIdFromHeaders } from './request-id.js';
import { SwitchyardError } from './switchyard-error.js';
import type { ParsedErrorBody } from '../http/types.js';

/** What {@link errorFromStatus} needs to know about a failed response. */
export interface StatusErrorInput {
  method: string;
  /** The request URL; the message shows its origin and path only. */
  url: string | URL;
  status: number;
  /** The reason phrase the server sent; the standard one is used when empty. */
  statusText?: string;
  headers: ResponseHeaders;
  /** The body as read by a provider's `parseErrorBody` or `defaultErrorBodyParser`. */
  body?: ParsedErrorBody | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  /** Credential values to scrub from the message (a server may echo the key it was sent). */
  secrets?: readonly string[];
}

const KINDS: ReadonlySet<unknown> = new Set(ERROR_KINDS);

function isStatus(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/**
 * The input as the transport and the providers pass it, checked by hand: the first failed response
 * of a process should not wait for zod's import (a failover would pay it). Anything else goes to
 * the schema (schemas/error-schemas.ts), which writes the message.
 */
function looksLikeStatusErrorInput(input: unknown): boolean {
  if (!isRecord(input)) return false;
  const { method, url, status, statusText, headers, body, provider, model, secrets } = input;
  return (
    typeof method === 'string' &&
    method.length > 0 &&
    (typeof url === 'string' || url instanceof URL) &&
    isStatus(status) &&
    isOptionalString(statusText) &&
    looksLikeResponseHeaders(headers) &&
    (body === undefined || (isRecord(body) && isOptionalString(body.message) && isOptionalString(body.code) && (body.kind === undefined || KINDS.has(body.kind)))) &&
    isOptionalString(provider) &&
    isOptionalString(model) &&
    (secrets === undefined || (Array.isArray(secrets) && everyItem(secrets, isString)))
  );
}

/** Longest server message kept in an error, so a huge body cannot flood logs. */
const MAX_SERVER_MESSAGE_CHARS = 500;

/**
 * Body text that turns a 429 into `quota`: the account is out of money or credits, so waiting
 * will not help (OpenAI's `insufficient_quota`, Hugging Face's "exceeded your monthly included
 * credits", Groq's and Together's billing messages).
 */
const QUOTA_TEXT = /quota|billing|credit|insufficient[_ ](funds|balance)|payment required/i;

/**
 * The kind a status implies on its own. 502 stays `server` (a gateway's upstream failed: it may
 * have processed the request) while 503 and 529 (Anthropic's "overloaded") are `overloaded`;
 * 408 and 504 are `timeout`. Anything else 4xx is `invalid-request`, anything else 5xx `server`.
 */
export function kindFromStatus(status: number): ErrorKind {
  if (!isStatus(status)) validateInput(() => errorSchemas().status, status, 'kindFromStatus() status');
  switch (status) {
    case 400: case 409: case 413: case 422: return 'invalid-request';
    case 401: return 'auth';
    case 402: return 'quota';
    case 403: return 'permission';
    case 404: return 'not-found';
    case 408: case 504: return 'timeout';
    case 429: return 'rate-limit';
    case 501: return 'unsupported';
    case 503: case 529: return 'overloaded';
    default:
      if (status >= 500) return 'server';
      if (status >= 400) return 'invalid-request';
      return 'invalid-response';
  }
}

/**
 * The one place an HTTP failure becomes a {@link SwitchyardError}: the kind from the status (or
 * the body's more precise kind), `retryAfterMs` from `retry-after-ms` / `retry-after`,
 * `x-should-retry: true|false` overriding whether the kind is retryable, the request id from
 * `x-request-id` and its equivalents, and a message such as
 * `POST https://host/v1/chat/completions failed with 503 Service Unavailable: <server message>`.
 * Request headers are never part of it.
 */
export function errorFromStatus(input: StatusErrorInput): SwitchyardError {
  if (!looksLikeStatusErrorInput(input)) validateInput(() => errorSchemas().statusErrorInput, input, 'errorFromStatus() input');
  const { status, headers, body } = input;
  let kind = body?.kind ?? kindFromStatus(status);
  if (kind === 'rate-limit' && QUOTA_TEXT.test(`${body?.code ?? ''} ${body?.message ?? ''}`)) kind = 'quota';

  const shouldRetry = headerValue(headers, 'x-should-retry');
  const retryable = shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined;
  const statusText = input.statusText?.trim() || STATUS_CODES[status] || '';
  const serverMessage = body?.message ? `: ${truncate(body.message.replace(/\s+/g, ' ').trim())}` : '';
  const message = `${describeRequest(input.method, input.url)} failed with ${status}${statusText ? ` ${statusText}` : ''}${serverMessage}`;

  const secrets = input.secrets ?? [];
  return new SwitchyardError(kind, redactSecrets(message, secrets), {
    status,
    provider: input.provider,
    model: input.model,
    requestId: requestIdFromHeaders(headers),
    retryAfterMs: parseRetryAfter(headers),
    code: body?.code === undefined ? undefined : redactSecrets(body.code, secrets),
    ...(retryable === undefined ? {} : { retryable }),
  });
}

function truncate(text: string): string {
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}
