import { SwitchyardError, isLoopbackHost, scopeCredential } from '@switchyard/core';
import type { CallContext, HttpRequestOptions, HttpResponse, Pricing, ProviderKind, ScopedCredential } from '@switchyard/core';
import type { OpenAICompatibleOptions } from './options.js';
import { parseOpenAIErrorBody } from './wire/parse-error-body.js';

/** An `openaiCompatible()` provider's settings, resolved once at construction. */
export interface ProviderConfig {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly region: string | undefined;
  readonly urls: {
    readonly chat: string;
    readonly completions: string;
    readonly embeddings: string;
    readonly images: string;
    readonly models: string;
  };
  readonly credential: ScopedCredential | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly models: ReadonlySet<string> | undefined;
  readonly pricing: Pricing | Record<string, Pricing> | undefined;
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  readonly streamUsage: boolean;
  readonly thinkTags: boolean;
}

/** Resolves validated options: endpoint URLs, the key scoped to the base URL's origin, defaults. */
export function resolveProviderConfig(options: OpenAICompatibleOptions): ProviderConfig {
  const base = new URL(options.baseURL);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const header = options.apiKeyHeader?.toLowerCase() ?? 'authorization';
  return {
    id: options.id,
    kind: options.kind ?? (isLoopbackHost(base.hostname) ? 'local' : 'cloud'),
    region: options.region,
    urls: {
      chat: `${root}/chat/completions`,
      completions: `${root}/completions`,
      embeddings: `${root}/embeddings`,
      images: `${root}/images/generations`,
      models: `${root}/models`,
    },
    credential:
      options.apiKey === undefined
        ? undefined
        : scopeCredential(options.apiKey, { origins: [base.origin], header }),
    headers: options.headers && Object.keys(options.headers).length ? { ...options.headers } : undefined,
    models: options.models ? new Set(options.models) : undefined,
    pricing: options.pricing,
    maxTokensField: options.maxTokensField ?? 'max_tokens',
    streamUsage: options.streamUsage ?? true,
    thinkTags: options.thinkTags ?? true,
  };
}

/** Sends one request to the server through the attempt's transport, with the key and error parser. */
export function send(config: ProviderConfig, context: CallContext, method: 'GET' | 'POST', url: string, json?: unknown): Promise<HttpResponse> {
  // Fields set one by one rather than spread from conditional objects: this runs on every call.
  const options: HttpRequestOptions = { method, url, parseErrorBody: parseOpenAIErrorBody };
  if (json !== undefined) options.json = json;
  if (config.headers !== undefined) options.headers = config.headers;
  if (config.credential !== undefined) options.credential = config.credential;
  return context.http.request(options);
}

/**
 * The caller's raw fields for this provider (`providerOptions[id]`), merged into request bodies.
 * `stream` is refused: whether a call streams is decided by the method called, and a body that says
 * otherwise would be answered in a shape the decoder does not expect.
 */
export function extraBodyFor(config: ProviderConfig, providerOptions: Record<string, Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  const extra = providerOptions?.[config.id];
  if (extra !== undefined && 'stream' in extra) {
    throw new SwitchyardError(
      'invalid-request',
      `Invalid providerOptions.${config.id}: "stream" is set by the call (chat or streamChat, complete or streamComplete); remove it.`,
      { retryable: false },
    );
  }
  return extra;
}
