import { SwitchyardError } from '../errors/switchyard-error.js';
import { isSecretLike, type CredentialSource, type SecretLike } from '../secret/secret.js';
import { isRecord, validateFast } from '../spec/fast-validate.js';
import { transportSchemas } from '../spec/load-schemas.js';
import { everyItem } from '../spec/request-checks.js';
import { HEADER_TOKEN } from './header-token.js';
import { isHttpUrl } from './is-http-url.js';
import { isLoopbackHost } from './is-loopback-host.js';
import type { ScopedCredential } from './types.js';

/** Options of {@link scopeCredential}. */
export interface ScopeCredentialOptions {
  /**
   * Where the credential may go: origins such as `https://api.openai.com`. A URL with a path is
   * accepted and reduced to its origin.
   */
  origins: readonly string[];
  /** Header that carries it (case-insensitive). Default `authorization`. */
  header?: string;
  /**
   * Prefix of the header value. Default `Bearer` for `authorization` and none for other headers
   * (`x-api-key`); pass `null` for none.
   */
  scheme?: string | null;
}

const OPTION_NAMES: ReadonlySet<string> = new Set(['origins', 'header', 'scheme']);

/**
 * Options the schema (schemas/transport-schemas.ts) accepts unchanged (no unknown key for it to
 * strip), checked by hand: every provider factory scopes its key, so this is on every cold start's
 * path.
 */
function looksLikeScopeOptions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const name in value) if (!OPTION_NAMES.has(name)) return false;
  const { origins, header, scheme } = value;
  return (
    Array.isArray(origins) &&
    origins.length > 0 &&
    everyItem(origins, isHttpUrl) &&
    (header === undefined || (typeof header === 'string' && HEADER_TOKEN.test(header))) &&
    (scheme === undefined || scheme === null || (typeof scheme === 'string' && HEADER_TOKEN.test(scheme)))
  );
}

/**
 * Binds a credential to the origins it belongs to. The transport attaches it (as
 * `authorization: Bearer <value>` by default) only to requests for those origins; a request to
 * any other origin, or over plain `http://` to a host that is not loopback (localhost,
 * 127.0.0.0/8, ::1), is refused with an `invalid-request` error that names the host and never the
 * value. A redirect to another origin drops it.
 *
 * @param value the credential: a string, a `Secret` (or any `SecretLike`), or a `CredentialSource`
 *   resolved on each request (a source with `invalidate()` is invalidated once on a 401 and the
 *   request retried once).
 */
export function scopeCredential(
  value: string | SecretLike | CredentialSource,
  options: ScopeCredentialOptions,
): ScopedCredential {
  // The value is checked by hand so that no validation message can ever echo it.
  if (!(typeof value === 'string' ? value.length > 0 : isSecretLike(value) || typeof value === 'function')) {
    throw new SwitchyardError(
      'invalid-request',
      'Invalid scopeCredential() value: expected a non-empty string, a Secret or a credential source function.',
      { retryable: false },
    );
  }
  const parsed = validateFast(options, looksLikeScopeOptions, () => transportSchemas().scopeOptions, 'scopeCredential() options') as ScopeCredentialOptions;
  const origins = [...new Set(parsed.origins.map((origin) => new URL(origin).origin))];
  for (const origin of origins) {
    const url = new URL(origin);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw plainHttpRefusal(url.host);
  }
  const header = (parsed.header ?? 'authorization').toLowerCase();
  const scheme = parsed.scheme === undefined ? (header === 'authorization' ? 'Bearer' : undefined) : (parsed.scheme ?? undefined);
  return Object.freeze({ value, origins: Object.freeze(origins), header, scheme });
}

/** A credential resolved for one request: the header to set and the value to scrub from any text. */
export interface AttachedCredential {
  header: string;
  headerValue: string;
  /** The raw value, for redaction only. */
  secret: string;
}

/**
 * Checks that `url` is in the credential's scope and resolves its value. Throws `invalid-request`
 * (naming the host, never the value) when it is not.
 */
export async function attachCredential(credential: ScopedCredential, url: URL): Promise<AttachedCredential> {
  checkCredentialScope(credential, url);
  return attachSecret(credential, url, await revealCredential(credential.value));
}

/**
 * {@link attachCredential} without waiting, for a value that is at hand (a string or a Secret);
 * `undefined` for a credential source function, which has to be awaited. Same checks, same errors:
 * it spares the transport four promises and their microtask hops before every request is created
 * (bench `first-delta`, "created" column).
 */
export function attachCredentialNow(credential: ScopedCredential, url: URL): AttachedCredential | undefined {
  const value = credential.value;
  if (typeof value === 'function') return undefined;
  checkCredentialScope(credential, url);
  return attachSecret(credential, url, typeof value === 'string' ? value : value.reveal());
}

/** Refuses plain HTTP to a non-loopback host and any origin outside the credential's scope. */
function checkCredentialScope(credential: ScopedCredential, url: URL): void {
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw plainHttpRefusal(url.host);
  if (!credential.origins.includes(url.origin)) {
    throw new SwitchyardError(
      'invalid-request',
      `Refused to send a credential to ${url.host}: it is scoped to ${credential.origins.join(', ')}. ` +
        'If that host should receive it, add its origin to scopeCredential({ origins }).',
      { retryable: false },
    );
  }
}

/** The header carrying `secret`; refuses an empty value or one with a line break. */
function attachSecret(credential: ScopedCredential, url: URL, secret: string): AttachedCredential {
  if (!secret || /[\r\n\0]/.test(secret)) {
    throw new SwitchyardError(
      'auth',
      `The credential for ${url.host} is empty or contains a line break, so it cannot be sent as a header. Check where it was read from.`,
      { retryable: false },
    );
  }
  return { header: credential.header, headerValue: credential.scheme ? `${credential.scheme} ${secret}` : secret, secret };
}

async function revealCredential(value: ScopedCredential['value']): Promise<string> {
  if (typeof value === 'string') return value;
  if (isSecretLike(value)) return value.reveal();
  const resolved = await value();
  return resolved.secret.reveal();
}

/** Whether a 401 may be answered by refreshing the credential (its source can be invalidated). */
export function canRefresh(credential: ScopedCredential): credential is ScopedCredential & { value: CredentialSource & { invalidate: () => void } } {
  return typeof credential.value === 'function' && typeof credential.value.invalidate === 'function';
}

function plainHttpRefusal(host: string): SwitchyardError {
  return new SwitchyardError(
    'invalid-request',
    `Refused to send a credential over plain HTTP to ${host}: use https://, or a loopback address ` +
      '(localhost, 127.0.0.1, ::1) for a server on this machine.',
    { retryable: false },
  );
}
