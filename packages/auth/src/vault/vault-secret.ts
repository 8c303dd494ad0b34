import {
  lazySchema,
  Secret,
  SwitchyardError,
  createTransport,
  isSecretLike,
  isSwitchyardError,
  scopeCredential,
  validateInput,
  type CredentialSource,
  type HttpTransport,
  type ResolvedCredential,
  type SecretLike,
} from '@switchyard/core';
import type { z } from 'zod';
import { chain } from '../sources/chain.js';
import { env } from '../sources/env.js';
import { file } from '../sources/file.js';
import { absentAt, isCredentialAbsent } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { explainFailure } from '../support/explain-failure.js';
import { pickField } from '../support/pick-field.js';

/** Options of {@link vaultSecret}. */
export interface VaultSecretOptions {
  /** Path of the secret inside the mount, e.g. `"switchyard/hf"`. */
  path: string;
  /** The key of the KV entry holding the credential, e.g. `"token"`. */
  field: string;
  /** The KV v2 secrets engine's mount (default `"secret"`). */
  mount?: string;
  /** Vault's address, e.g. `"https://vault.example.com:8200"`; default `$VAULT_ADDR`. */
  address?: string;
  /**
   * The Vault token: a string, a `Secret` or a source. Default: `$VAULT_TOKEN`, then
   * `~/.vault-token` (where `vault login` saves it), as the Vault CLI does.
   */
  token?: string | SecretLike | CredentialSource;
  /** Enterprise namespace, sent as `X-Vault-Namespace`; default `$VAULT_NAMESPACE`. */
  namespace?: string;
  /** A specific version of the secret (default: the latest). */
  version?: number;
  /** The transport to use (default: one created for this source). */
  transport?: HttpTransport;
  /** The kind shown in the secret's redacted form. */
  label?: string;
}

const tokenSchema = lazySchema((z) =>
  z.custom<string | SecretLike | CredentialSource>(
    (value) => (typeof value === 'string' && value.length > 0) || isSecretLike(value) || typeof value === 'function',
    'expected a non-empty string, a Secret or a credential source',
  ),
);

const vaultOptionsSchema = lazySchema((z) =>
  z
    .object({
      path: z
        .string()
        .min(1, 'give the secret path inside the mount, e.g. "switchyard/hf"')
        .refine((path) => !path.split('/').includes('..'), 'cannot contain ".." segments'),
      field: z.string().min(1, 'give the key holding the credential, e.g. "token"'),
      mount: z.string().min(1).optional(),
      address: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "https://vault.example.com:8200"' }).optional(),
      token: tokenSchema().optional(),
      namespace: z.string().min(1).optional(),
      version: z.number().int().positive().optional(),
      transport: z.custom<HttpTransport>((value) => typeof (value as HttpTransport | null)?.request === 'function', 'expected an HttpTransport').optional(),
      label: z.string().optional(),
    })
    .strict(),
);

// KV v2 read: GET /v1/<mount>/data/<path> → { data: { data: { <field>: <value> }, metadata: {…} } }.
const kvReadSchema = lazySchema((z) =>
  z.looseObject({
    data: z.looseObject({ data: z.record(z.string(), z.unknown()).nullable() }),
  }),
);

/**
 * A credential stored in HashiCorp Vault's KV version 2 secrets engine, read over HTTP through
 * core's transport (so the Vault token is scoped to Vault's origin, never sent over plain HTTP to a
 * remote host, and dropped on a cross-origin redirect). Each call reads the secret; wrap it in
 * `cached()` to reuse it. A missing (or deleted) secret is absent; a 403 is an `auth` error naming
 * the policy to grant. When the token comes from a source with `invalidate()`, a 403 (Vault's answer
 * to an expired token) invalidates it and the read is retried once.
 * The resolved `source` is `"vault <mount>/<path>#<field> at <address>"`.
 *
 * @example
 * const hf = cached(vaultSecret({ address: 'https://vault.example.com:8200', path: 'switchyard/hf', field: 'token' }), { ttlMs: 5 * 60_000 });
 */
export function vaultSecret(options: VaultSecretOptions): DescribedSource {
  // The token is checked without zod's echoing messages: only its path ever appears.
  const parsed = validateInput(vaultOptionsSchema, options, 'vaultSecret() options');
  const address = parsed.address ?? process.env.VAULT_ADDR?.trim();
  if (!address || !URL.canParse(address)) {
    throw new SwitchyardError('invalid-request', 'Invalid vaultSecret() options: address: give Vault\'s address (e.g. "https://vault.example.com:8200") or set VAULT_ADDR.', { retryable: false });
  }
  const base = new URL(address);
  const mount = trimSlashes(parsed.mount ?? 'secret');
  const path = trimSlashes(parsed.path);
  const where = `vault ${mount}/${path}#${parsed.field} at ${base.origin}`;
  const token = parsed.token ?? chain(env('VAULT_TOKEN'), file('~/.vault-token'));
  const credential = scopeCredential(token, { origins: [base.origin], header: 'x-vault-token', scheme: null });
  const namespace = parsed.namespace ?? (process.env.VAULT_NAMESPACE?.trim() || undefined);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}/v1/${encodePath(mount)}/data/${encodePath(path)}`, base.origin);
  if (parsed.version) url.searchParams.set('version', String(parsed.version));
  let transport = parsed.transport;

  const fetchEntry = async (): Promise<Record<string, unknown> | null> => {
    transport ??= createTransport();
    const response = await transport.request({
      method: 'GET',
      url: url.href,
      credential,
      idempotent: true,
      ...(namespace ? { headers: { 'x-vault-namespace': namespace } } : {}),
    });
    return (await response.json(kvReadSchema())).data.data;
  };

  const refreshable = typeof token === 'function' && typeof token.invalidate === 'function';
  return defineSource(async (): Promise<ResolvedCredential> => {
    let entry: Record<string, unknown> | null;
    try {
      entry = await fetchEntry();
    } catch (error) {
      if (!(refreshable && isSwitchyardError(error) && error.status === 403)) throw vaultFailure(error, where, mount, path);
      // Vault answers an expired or revoked token with 403, not 401: refresh it once, as core does for 401.
      (token as CredentialSource).invalidate?.();
      try {
        entry = await fetchEntry();
      } catch (retryError) {
        throw vaultFailure(retryError, where, mount, path);
      }
    }
    if (!entry) throw absentAt(where, 'deleted', `Restore or rewrite ${mount}/${path}.`);
    const value = pickField(entry, parsed.field, where).trim();
    if (!value) throw absentAt(where, 'empty', `Store the credential in field "${parsed.field}" of ${mount}/${path}.`);
    return { secret: new Secret(value, parsed.label), source: where };
  }, where);
}

function vaultFailure(error: unknown, where: string, mount: string, path: string): unknown {
  if (!isSwitchyardError(error)) return error;
  // A configured Vault source without a Vault token is misconfigured, not "absent": a chain must stop here.
  if (isCredentialAbsent(error)) {
    return new SwitchyardError('auth', `Cannot read the ${where}: no Vault token. ${error.message} Set VAULT_TOKEN, run \`vault login\`, or pass token.`, { retryable: false });
  }
  // Vault answers 404 both for a path that never existed and for a soft-deleted latest version.
  if (error.status === 404) return absentAt(where, 'not found', `Write it with: vault kv put -mount=${mount} ${path} <field>=<value>.`);
  const advice =
    error.status === 403
      ? `Vault answered 403: the token is invalid or expired, or its policy lacks "read" on ${mount}/data/${path}.`
      : error.status === 503
        ? 'Vault is sealed or in standby: unseal it or use the active node.'
        : error.kind === 'network' || error.kind === 'timeout'
          ? 'Check the address and that Vault is reachable.'
          : undefined;
  return explainFailure(error, `vault secret ${mount}/${path}`, advice);
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
