import { parseOpenAIErrorBody } from '@switchyard/provider-openai-compat';
import type { ErrorBodyParser, ErrorKind, ParsedErrorBody } from '@switchyard/core';

/**
 * The error-body parser for every Hugging Face call. It reads the body with provider-openai-compat's
 * parser (which knows `{"error": "…"}` from TGI and hf-inference, `{"error": {message, type, code}}`
 * from the OpenAI-compatible providers, `{"detail": …}` from fal-ai's FastAPI, and text bodies), then
 * adds what only Hugging Face sends, and names the upstream in the message
 * (`"Hugging Face (together): …"`):
 *
 * - the `X-Error-Message` and `X-Error-Code` headers the Hub and the router set on 4xx answers (the
 *   401 in `TestInferenceClient.test_chat_completion_unprocessable_entity.yaml` has both);
 * - exhausted credits are `quota` (the router answers 402 "You have exceeded your monthly included
 *   credits…"; providers behind it say "insufficient balance");
 * - "Model X does not exist" and the Hub's `RepoNotFound` are `model-not-found`, `GatedRepo` is `permission`.
 */
export function hfErrorBodyParser(upstreamLabel: string, base: ErrorBodyParser = parseOpenAIErrorBody): ErrorBodyParser {
  return (body) => {
    const fromBody = base(body);
    const headerMessage = firstHeader(body.headers['x-error-message']);
    const headerCode = firstHeader(body.headers['x-error-code']);
    const message = fromBody?.message ?? headerMessage;
    const code = fromBody?.code ?? headerCode;
    const kind = hfErrorKind(body.status, message, headerCode) ?? fromBody?.kind;
    const parsed: ParsedErrorBody = {};
    if (message !== undefined) parsed.message = `${upstreamLabel}: ${message}`;
    if (code !== undefined) parsed.code = code;
    if (kind !== undefined) parsed.kind = kind;
    return parsed.message === undefined && parsed.code === undefined && parsed.kind === undefined ? undefined : parsed;
  };
}

// The router's wording for an unknown model id, whatever status it comes with.
const MODEL_DOES_NOT_EXIST = /\bmodel\b.{0,200}?\bdoes not exist\b/i;
const CREDITS_EXHAUSTED = /exceeded your (monthly )?included credits|insufficient (credits|balance|funds)|pre-?paid credits|out of credits|payment required/i;

/**
 * The kind Hugging Face's own signals imply beyond the HTTP status, or `undefined` to leave the
 * decision to the status and the body parser.
 */
export function hfErrorKind(status: number, message: string | undefined, hubErrorCode: string | undefined): ErrorKind | undefined {
  if (status === 402 || CREDITS_EXHAUSTED.test(message ?? '')) return 'quota';
  if (hubErrorCode === 'RepoNotFound') return 'model-not-found';
  if (status !== 401 && status !== 403 && status !== 429 && MODEL_DOES_NOT_EXIST.test(message ?? '')) return 'model-not-found';
  if (hubErrorCode === 'GatedRepo') return 'permission';
  return undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.length === 0 ? undefined : single;
}
