import type { ZodModule } from '@switchyard/core';
import { SwitchyardError, isLoopbackHost, isSecretLike, lazySchema, validateInput } from '@switchyard/core';
import type { CredentialSource, SecretLike } from '@switchyard/core';

/** Server-side selection policies of the router's OpenAI-compatible chat endpoint (`model:<policy>`). */
export const ROUTER_POLICIES = [':fastest', ':cheapest', ':preferred'] as const;

/** One of {@link ROUTER_POLICIES}. */
export type RouterPolicy = (typeof ROUTER_POLICIES)[number];

/**
 * Which upstream serves a call:
 * - `'auto'` (default): the models' mapped Inference Providers, in the order of the user's Hugging Face
 *   settings, each a candidate of core's router (client-side failover);
 * - `':fastest'`, `':cheapest'`, `':preferred'`: the HF router picks, server-side (chat only; other tasks
 *   use the mapped order);
 * - a provider name such as `'together'` or `'fal-ai'`: that upstream only.
 */
export type ProviderSelection = 'auto' | RouterPolicy | (string & {});

/** Options of {@link huggingface}. */
export interface HuggingFaceOptions {
  /**
   * The Hugging Face token (`hf_…`): a string, a `Secret`, or a credential source such as
   * `hfToken()` from `@switchyard/auth`. Required: this package never reads the environment.
   */
  token: string | SecretLike | CredentialSource;
  /** Provider id within a client (default `'hf'`). */
  id?: string;
  /** Upstream selection (default `'auto'`). */
  provider?: ProviderSelection;
  /** Organisation to bill (`X-HF-Bill-To`). */
  billTo?: string;
  /**
   * A dedicated Inference Endpoint or a self-hosted TGI / vLLM / TEI server. When set, every call goes
   * there instead of the router and no provider mapping is looked up.
   */
  endpointUrl?: string;
  /** Default `https://router.huggingface.co`. */
  routerUrl?: string;
  /** Default `https://huggingface.co`. */
  hubUrl?: string;
  /** How long a model's provider mapping is reused (default 5 minutes). */
  mappingTtlMs?: number;
  /** How long the router's model list (prices) is reused (default 10 minutes). */
  pricingTtlMs?: number;
  /** First wait between two polls of an asynchronous job (default 1000 ms); grows ×1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Longest wait between two polls, unless the server asks for more with `Retry-After` (default 10 s). */
  maxPollIntervalMs?: number;
  /** USD per second of compute for hf-inference calls (billed by compute time); unknown cost when unset. */
  hfInferencePricePerSecond?: number;
  /** Shown in selection and traces. */
  region?: string;
}

/** The options after validation, with defaults applied and URLs normalised (no trailing slash). */
export interface ResolvedHuggingFaceOptions {
  token: string | SecretLike | CredentialSource;
  id: string;
  provider: ProviderSelection;
  billTo: string | undefined;
  endpointUrl: string | undefined;
  routerUrl: string;
  hubUrl: string;
  mappingTtlMs: number;
  pricingTtlMs: number;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  hfInferencePricePerSecond: number | undefined;
  region: string | undefined;
}

function baseUrl(z: ZodModule, what: string) {
  return z
    .string({ error: `${what} must be a URL string` })
    .superRefine((value, context) => {
      if (!URL.canParse(value)) {
        context.addIssue({ code: 'custom', message: `${what} must be an absolute URL such as "https://…"` });
        return;
      }
      const url = new URL(value);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        context.addIssue({
          code: 'custom',
          message: `${what} must use https (plain http is only allowed for a loopback host, because the token travels with every request)`,
        });
      }
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

// Built on the first huggingface() call (core's lazySchema): zod is loaded then, not at import.
const optionsSchema = lazySchema((z) => {
  const tokenSchema = z.custom<string | SecretLike | CredentialSource>(
    (value) => (typeof value === 'string' && value.length > 0) || isSecretLike(value) || typeof value === 'function',
    { error: 'token must be a non-empty string, a Secret, or a credential source such as hfToken() from @switchyard/auth' },
  );

  return z.strictObject({
    token: tokenSchema,
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'id must be letters, digits, ".", "_" or "-"').default('hf'),
    provider: z
      .string()
      .regex(/^(auto|:fastest|:cheapest|:preferred|[a-z0-9][a-z0-9-]*)$/, 'provider must be "auto", ":fastest", ":cheapest", ":preferred" or a provider name such as "together"')
      .default('auto'),
    billTo: z.string().min(1, 'billTo must name an organisation').optional(),
    endpointUrl: baseUrl(z, 'endpointUrl').optional(),
    routerUrl: baseUrl(z, 'routerUrl').default('https://router.huggingface.co'),
    hubUrl: baseUrl(z, 'hubUrl').default('https://huggingface.co'),
    mappingTtlMs: z.number().int().nonnegative().default(5 * 60_000),
    pricingTtlMs: z.number().int().nonnegative().default(10 * 60_000),
    pollIntervalMs: z.number().int().min(10, 'pollIntervalMs must be at least 10').default(1000),
    maxPollIntervalMs: z.number().int().min(10, 'maxPollIntervalMs must be at least 10').default(10_000),
    hfInferencePricePerSecond: z.number().nonnegative().optional(),
    region: z.string().min(1).optional(),
  });
});

/**
 * Validates `huggingface()` options. A missing token gets its own message, because it is the mistake
 * everyone makes first and the fix is specific.
 */
export function resolveHuggingFaceOptions(options: unknown): ResolvedHuggingFaceOptions {
  if (typeof options !== 'object' || options === null || (options as { token?: unknown }).token === undefined) {
    throw new SwitchyardError(
      'auth',
      'huggingface() needs a token: pass `token: hfToken()` from @switchyard/auth (it reads HF_TOKEN, then the token files), ' +
        'or a token string / Secret. This package never reads the environment itself.',
      { retryable: false },
    );
  }
  const parsed = validateInput(optionsSchema, options, 'huggingface() options');
  return {
    ...parsed,
    billTo: parsed.billTo,
    endpointUrl: parsed.endpointUrl,
    hfInferencePricePerSecond: parsed.hfInferencePricePerSecond,
    region: parsed.region,
    maxPollIntervalMs: Math.max(parsed.maxPollIntervalMs, parsed.pollIntervalMs),
  };
}
