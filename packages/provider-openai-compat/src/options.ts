import { isSecretLike, lazySchema, pricingConfigSchema, validateInput } from '@switchyard/core';
import type { CredentialSource, Pricing, ProviderKind, SecretLike } from '@switchyard/core';
import { looksLikeOptions } from './options-check.js';

/** Options of {@link openaiCompatible}. */
export interface OpenAICompatibleOptions {
  /** Unique within a client: `'vllm-eu'`, `'groq'`. Letters, digits, `.`, `_` and `-`. */
  id: string;
  /** The API root, including its version path: `http://localhost:8000/v1`, `https://api.groq.com/openai/v1`. */
  baseURL: string;
  /**
   * The API key: a string, a `Secret`, or a credential source such as `env('GROQ_API_KEY')` from
   * `@switchyard/auth` (resolved at each request, refreshed after a 401). It is sent only to the
   * `baseURL`'s origin. Leave it out for local servers that need none.
   */
  apiKey?: string | SecretLike | CredentialSource;
  /**
   * The header that carries the key (default `authorization`, as `Bearer <key>`). Any other header
   * gets the bare key, e.g. `'api-key'` for Azure OpenAI.
   */
  apiKeyHeader?: string;
  /** Extra headers sent with every request (not credentials: use `apiKey`). */
  headers?: Record<string, string>;
  /** Where the server runs; default `'local'` for a loopback `baseURL`, else `'cloud'`. */
  kind?: ProviderKind;
  /** A region label for selection and display, e.g. `'eu-west'`. */
  region?: string;
  /** The model ids this server serves; when set, the client only routes these models here. */
  models?: readonly string[];
  /** One price for every model, or a price per model id. */
  pricing?: Pricing | Record<string, Pricing>;
  /**
   * The field for `maxTokens`. Default `'max_tokens'` (every server reads it); OpenAI's reasoning
   * models accept only `'max_completion_tokens'` (the `openai` preset sends that).
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Ask for usage in streams with `stream_options.include_usage` (default `true`). */
  streamUsage?: boolean;
  /** Read a leading `<think>…</think>` block in answers as reasoning (default `true`). */
  thinkTags?: boolean;
}

/** What a provider id may be. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** What `apiKeyHeader` may be. */
export const HEADER_NAME_PATTERN = /^[A-Za-z0-9-]+$/;
/** Header names that carry credentials: refused in `headers` (the key goes in `apiKey`). */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'api-key', 'x-api-key', 'proxy-authorization', 'cookie']);

// Built on first use (core's lazySchema): an ordinary options object passes looksLikeOptions and
// never needs it, nor zod (whose import is most of a cold start).
/** The options schema (built on first use), for what looksLikeOptions does not accept. */
export const optionsSchema = lazySchema((z) => {
  const apiKeySchema = z.union(
    [
      z
        .string()
        .min(1, 'apiKey must not be empty (leave it out for servers that need no key)')
        .refine((key) => !/[\r\n]/.test(key), 'apiKey contains a line break; trim the value you read'),
      z.custom<SecretLike>(isSecretLike),
      z.custom<CredentialSource>((value) => typeof value === 'function'),
    ],
    { error: 'apiKey must be a string, a Secret, or a credential source such as env("GROQ_API_KEY") from @switchyard/auth' },
  );

  return z.strictObject({
    id: z
      .string({ error: 'id is required, e.g. "vllm"' })
      .regex(ID_PATTERN, 'id must be 1-64 letters, digits, ".", "_" or "-", e.g. "vllm-eu"'),
    baseURL: z
      .string({ error: 'baseURL is required, e.g. "http://localhost:8000/v1"' })
      .refine(isHttpUrl, 'baseURL must be an absolute http(s) URL such as "http://localhost:8000/v1"')
      .refine((url) => !hasUserInfo(url), 'baseURL must not contain a user name or password; pass the key as apiKey')
      .refine((url) => !hasQueryOrHash(url), 'baseURL must not contain a query string or fragment'),
    apiKey: apiKeySchema.optional(),
    apiKeyHeader: z
      .string()
      .regex(HEADER_NAME_PATTERN, 'apiKeyHeader must be a header name such as "api-key"')
      .optional(),
    headers: z
      .record(z.string(), z.string({ error: 'header values must be strings' }))
      .refine(
        (headers) => !Object.keys(headers).some((name) => CREDENTIAL_HEADERS.has(name.toLowerCase())),
        'headers must not carry credentials (authorization, api-key…): pass the key as apiKey, which is only sent to the baseURL origin',
      )
      .optional(),
    kind: z.enum(['cloud', 'community', 'dedicated', 'local'], { error: 'kind must be "cloud", "community", "dedicated" or "local"' }).optional(),
    region: z.string().min(1).optional(),
    models: z.array(z.string().min(1, 'model ids must not be empty')).optional(),
    pricing: z.unknown().optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens'], { error: 'maxTokensField must be "max_tokens" or "max_completion_tokens"' }).optional(),
    streamUsage: z.boolean().optional(),
    thinkTags: z.boolean().optional(),
  });
});

/**
 * Validates {@link OpenAICompatibleOptions}; throws `invalid-request` naming each bad option.
 *
 * @param what the factory name for messages: `"openaiCompatible() options"`, `"groq() options"`.
 */
export function validateOptions(options: unknown, what: string): OpenAICompatibleOptions {
  // The fast path copies as zod's parse would (the pricing below is assigned to the copy, never to
  // the caller's object).
  const parsed = looksLikeOptions(options) ? copyOptions(options) : (validateInput(optionsSchema, options, what) as OpenAICompatibleOptions);
  if (parsed.pricing !== undefined) {
    // Core's schema for the client's `pricing` option takes the same per-provider value.
    const checked = validateInput(pricingConfigSchema, { [parsed.id]: parsed.pricing }, `${what} pricing`);
    parsed.pricing = checked[parsed.id];
  }
  return parsed;
}

/** The options as the schema's parse returns them: a new object, new `headers` and `models` containers. */
function copyOptions(options: OpenAICompatibleOptions): OpenAICompatibleOptions {
  const copy = { ...options };
  if (options.headers !== undefined) copy.headers = { ...options.headers };
  if (options.models !== undefined) copy.models = [...options.models];
  return copy;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export function isHttpUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
}

export function hasUserInfo(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && (url.username !== '' || url.password !== '');
}

export function hasQueryOrHash(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && (url.search !== '' || url.hash !== '');
}
