import {
  lazySchema,
  Secret,
  createTransport,
  isSwitchyardError,
  scopeCredential,
  validateInput,
  type HttpTransport,
  type ResolvedCredential,
} from '@switchyard/core';
import type { z } from 'zod';
import { absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { explainFailure } from '../support/explain-failure.js';
import { pickField } from '../support/pick-field.js';
import { azureAccessToken, type AzureTokenCredential } from './azure-access-token.js';

/** Key Vault REST API version used by default (the current stable one for secrets). */
export const AZURE_KEY_VAULT_API_VERSION = '7.5';

/** Options of {@link azureSecret}. */
export interface AzureSecretOptions {
  /** The vault's URL, e.g. `"https://my-vault.vault.azure.net"`. */
  vaultUrl: string;
  /** The secret's name. */
  name: string;
  /** A specific version (default: the current one). */
  version?: string;
  /** When the secret holds a JSON object, the key to read. */
  field?: string;
  /**
   * Where access tokens come from: any `@azure/identity` credential (or object with
   * `getToken(scopes)`). Default: `new DefaultAzureCredential()` from `@azure/identity`, loaded on
   * first use.
   */
  credential?: AzureTokenCredential;
  /** Token scope; default derived from the vault's domain (`https://vault.azure.net/.default`). */
  scope?: string;
  /** REST API version (default {@link AZURE_KEY_VAULT_API_VERSION}). */
  apiVersion?: string;
  /** The transport to use (default: one created for this source). */
  transport?: HttpTransport;
  /** The kind shown in the secret's redacted form. */
  label?: string;
}

const azureOptionsSchema = lazySchema((z) =>
  z
    .object({
      vaultUrl: z.url({ protocol: /^https?$/, error: 'expected the vault URL, e.g. "https://my-vault.vault.azure.net"' }),
      // Key Vault secret names: 1-127 letters, digits and dashes.
      name: z.string().regex(/^[0-9a-zA-Z-]{1,127}$/, 'expected a secret name of letters, digits and dashes (1-127)'),
      version: z.string().regex(/^[0-9a-zA-Z]+$/, 'expected a version id (letters and digits)').optional(),
      field: z.string().min(1).optional(),
      credential: z.custom<AzureTokenCredential>((value) => typeof (value as AzureTokenCredential | null)?.getToken === 'function', 'expected an Azure credential (an object with getToken), e.g. new DefaultAzureCredential()').optional(),
      scope: z.string().min(1).optional(),
      apiVersion: z.string().min(1).optional(),
      transport: z.custom<HttpTransport>((value) => typeof (value as HttpTransport | null)?.request === 'function', 'expected an HttpTransport').optional(),
      label: z.string().optional(),
    })
    .strict(),
);

// GET {vault}/secrets/{name}/{version}?api-version=… → { value, id, attributes: { enabled, … }, tags }.
const secretBundleSchema = lazySchema((z) =>
  z.looseObject({ value: z.string().optional() }),
);

/**
 * A credential stored in Azure Key Vault, read with the Key Vault REST API through core's transport
 * (the access token is scoped to the vault's origin, never sent over plain HTTP to a remote host,
 * and dropped on a cross-origin redirect; a 401 refreshes it once). Access tokens come from an
 * `@azure/identity` credential (default `DefaultAzureCredential`, an optional peer). Each call reads
 * the secret; wrap it in `cached()` to reuse it. A missing secret is absent; a 403 is an `auth`
 * error naming the permission to grant. The resolved `source` is `"azure key vault <vault>/<name>"`.
 *
 * @example
 * const hf = cached(azureSecret({ vaultUrl: 'https://my-vault.vault.azure.net', name: 'hf-token' }), { ttlMs: 10 * 60_000 });
 */
export function azureSecret(options: AzureSecretOptions): DescribedSource {
  const parsed = validateInput(azureOptionsSchema, options, 'azureSecret() options');
  const vault = new URL(parsed.vaultUrl);
  const where = `azure key vault ${vault.host}/${parsed.name}${parsed.field ? `#${parsed.field}` : ''}`;
  const scope = parsed.scope ?? scopeForVault(vault.hostname);
  const credential = scopeCredential(azureAccessToken(parsed.credential, scope), { origins: [vault.origin] });
  const url = new URL(`/secrets/${parsed.name}${parsed.version ? `/${parsed.version}` : ''}`, vault.origin);
  url.searchParams.set('api-version', parsed.apiVersion ?? AZURE_KEY_VAULT_API_VERSION);
  let transport = parsed.transport;

  return defineSource(async (): Promise<ResolvedCredential> => {
    transport ??= createTransport();
    let stored: string | undefined;
    try {
      const response = await transport.request({ method: 'GET', url: url.href, credential, idempotent: true });
      stored = (await response.json(secretBundleSchema())).value;
    } catch (error) {
      throw azureFailure(error, where, parsed.name, vault.host);
    }
    if (stored === undefined) throw absentAt(where, 'no value', `Set a value for ${parsed.name}.`);
    const value = (parsed.field ? pickField(stored, parsed.field, where) : stored).trim();
    if (!value) throw absentAt(where, 'empty', `Set a value for ${parsed.name}.`);
    return { secret: new Secret(value, parsed.label), source: where };
  }, where);
}

/**
 * The token scope of a vault: `https://<vault domain>/.default`, so sovereign clouds
 * (`vault.azure.cn`, `vault.usgovcloudapi.net`) work; other hosts (tests, proxies) get the public cloud's.
 */
function scopeForVault(hostname: string): string {
  const match = /^[^.]+\.(vault\.[a-z0-9.-]+)$/i.exec(hostname);
  return `https://${match?.[1] ?? 'vault.azure.net'}/.default`;
}

function azureFailure(error: unknown, where: string, name: string, host: string): unknown {
  if (!isSwitchyardError(error)) return error;
  // Key Vault: 404 {"error":{"code":"SecretNotFound",…}} for a missing (or deleted) secret.
  if (error.status === 404) return absentAt(where, 'not found', `Create it with: az keyvault secret set --vault-name ${host.split('.')[0]} --name ${name} --value …`);
  const advice =
    error.status === 403
      ? `Key Vault answered 403: grant this identity the "Key Vault Secrets User" role (RBAC) or a "get" secret access policy, or enable the secret if it is disabled.`
      : error.status === 401
        ? 'Key Vault rejected the access token: check that the credential signs in to the tenant that owns the vault.'
        : undefined;
  return explainFailure(error, `azure key vault secret ${name}`, advice);
}
