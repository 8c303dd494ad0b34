import { isLoopbackHost, isSecretLike, scopeCredential, validateInput } from '@switchyard/core';
import type { CredentialSource, ScopedCredential, SecretLike } from '@switchyard/core';
import { z } from 'zod';

/** Where Acme Inference's hosted API lives. */
export const DEFAULT_ACME_BASE_URL = 'https://api.acme-inference.example/v2';

/** Options of {@link acme}. Only `apiKey` is required. */
export interface AcmeOptions {
  /** The key from the Acme console: a string, a `Secret`, or a credential source (`@switchyard/auth`). */
  apiKey: string | SecretLike | CredentialSource;
  /** Unique within a client; also the key of `providerOptions` and of the trace. Default `'acme'`. */
  id?: string;
  /** The API root with its version path. Default {@link DEFAULT_ACME_BASE_URL}. */
  baseURL?: string;
  /** The models this account may use; the client routes only these here. Default: any model. */
  models?: string[];
}

/** The validated options, with the credential scoped to the base URL's origin. */
export interface AcmeConfig {
  id: string;
  baseURL: string;
  kind: 'cloud' | 'local';
  models: ReadonlySet<string> | undefined;
  credential: ScopedCredential;
}

// The key is checked by hand (not by zod) so that no validation message can ever quote it.
const credentialSchema = z.custom<AcmeOptions['apiKey']>(
  (value) => (typeof value === 'string' && value.trim().length > 0) || isSecretLike(value) || typeof value === 'function',
  { message: 'apiKey is required: pass the key from the Acme console (a string, a Secret or a credential source)' },
);

const optionsSchema = z.strictObject(
  {
    apiKey: credentialSchema,
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'id must be letters, digits, ".", "_" or "-", e.g. "acme-eu"').optional(),
    baseURL: z
      .url({ protocol: /^https?$/, error: 'baseURL must be an http(s) URL such as "https://api.acme-inference.example/v2"' })
      .refine((value) => !new URL(value).username && !new URL(value).password, 'baseURL must not contain a user name or password: pass the key as apiKey')
      .optional(),
    models: z.array(z.string().min(1, 'model ids must not be empty')).min(1, 'models must list at least one model, or be left out').optional(),
  },
  { error: 'acme() takes an options object such as { apiKey }' },
);

/** Validates `acme()` options; throws an `invalid-request` SwitchyardError naming each bad one. */
export function resolveAcmeConfig(options: AcmeOptions): AcmeConfig {
  const parsed = validateInput(optionsSchema, options, 'acme() options');
  const baseURL = (parsed.baseURL ?? DEFAULT_ACME_BASE_URL).replace(/\/+$/, '');
  const url = new URL(baseURL);
  return {
    id: parsed.id ?? 'acme',
    baseURL,
    kind: isLoopbackHost(url.hostname) ? 'local' : 'cloud',
    models: parsed.models ? new Set(parsed.models) : undefined,
    // Acme reads the bare key from `x-acme-key`. Scoping it here means the core transport sends it
    // only to this origin, never over plain HTTP to another host, and never across a redirect; a
    // plain `http://` base URL that is not loopback is refused right here, at construction.
    credential: scopeCredential(options.apiKey, { origins: [url.origin], header: 'x-acme-key' }),
  };
}
