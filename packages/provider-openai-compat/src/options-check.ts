import { isSecretLike } from '@switchyard/core';
import { CREDENTIAL_HEADERS, HEADER_NAME_PATTERN, ID_PATTERN, hasQueryOrHash, hasUserInfo, isHttpUrl, type OpenAICompatibleOptions } from './options.js';

// The factory options checked by hand, so that an ordinary `openaiCompatible({ id, baseURL, apiKey })`
// never loads zod (90–150 ms of a cold start). It accepts nothing the options schema in options.ts
// rejects; anything it does not accept goes to the schema, which writes the message.
// options-check.test.ts compares both on many option objects.

const KNOWN: ReadonlySet<string> = new Set(['id', 'baseURL', 'apiKey', 'apiKeyHeader', 'headers', 'kind', 'region', 'models', 'pricing', 'maxTokensField', 'streamUsage', 'thinkTags']);
const KINDS: ReadonlySet<unknown> = new Set(['cloud', 'community', 'dedicated', 'local']);
const MAX_TOKENS_FIELDS: ReadonlySet<unknown> = new Set(['max_tokens', 'max_completion_tokens']);

/** Options the schema accepts, copied by `validateOptions` as the schema's parse would copy them. */
export function looksLikeOptions(value: unknown): value is OpenAICompatibleOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const options = value as Record<string, unknown>;
  for (const key in options) if (!KNOWN.has(key)) return false;
  const { id, baseURL, apiKey, apiKeyHeader, headers, kind, region, models, maxTokensField, streamUsage, thinkTags } = options;
  return (
    typeof id === 'string' &&
    ID_PATTERN.test(id) &&
    typeof baseURL === 'string' &&
    isHttpUrl(baseURL) &&
    !hasUserInfo(baseURL) &&
    !hasQueryOrHash(baseURL) &&
    (apiKey === undefined || (typeof apiKey === 'string' ? apiKey.length > 0 && !/[\r\n]/.test(apiKey) : isSecretLike(apiKey) || typeof apiKey === 'function')) &&
    (apiKeyHeader === undefined || (typeof apiKeyHeader === 'string' && HEADER_NAME_PATTERN.test(apiKeyHeader))) &&
    (headers === undefined || isPlainHeaders(headers)) &&
    (kind === undefined || KINDS.has(kind)) &&
    (region === undefined || (typeof region === 'string' && region.length > 0)) &&
    (models === undefined || isModelList(models)) &&
    (maxTokensField === undefined || MAX_TOKENS_FIELDS.has(maxTokensField)) &&
    (streamUsage === undefined || typeof streamUsage === 'boolean') &&
    (thinkTags === undefined || typeof thinkTags === 'boolean')
  );
}

/** A plain object of string values, no credential header among them (as `z.record` plus the refine accept). */
function isPlainHeaders(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const name of Object.keys(value)) {
    if (name === '__proto__' || CREDENTIAL_HEADERS.has(name.toLowerCase()) || typeof (value as Record<string, unknown>)[name] !== 'string') return false;
  }
  return true;
}

/** Non-empty model ids; a hole in a sparse array counts as `undefined`, as zod reads it. */
function isModelList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const model: unknown = value[index];
    if (typeof model !== 'string' || model.length === 0) return false;
  }
  return true;
}
