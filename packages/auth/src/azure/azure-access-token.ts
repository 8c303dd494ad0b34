import { Secret, SwitchyardError, type ResolvedCredential } from '@switchyard/core';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { missingPeer } from '../support/load-optional-peer.js';

/**
 * The shape of an `@azure/identity` credential (`DefaultAzureCredential`, `ClientSecretCredential`,
 * `ManagedIdentityCredential`…): anything with `getToken(scopes)`. Declared here so that this
 * package's types do not depend on the SDK.
 */
export interface AzureTokenCredential {
  getToken(scopes: string | string[], options?: object): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

// Ask for a new token a little before the old one expires, so a request never carries a token
// that lapses in flight.
const EXPIRY_MARGIN_MS = 2 * 60_000;

/**
 * A credential source handing out access tokens for `scope` from an Azure credential, reused until
 * shortly before they expire. `invalidate()` (called by core's transport on a 401) forgets the
 * token so the next request gets a fresh one. Without a credential, `DefaultAzureCredential` from
 * `@azure/identity` (an optional peer) is loaded on first use.
 */
export function azureAccessToken(credential: AzureTokenCredential | undefined, scope: string): DescribedSource & { invalidate(): void } {
  let current: { resolved: ResolvedCredential; expiresAt: number } | undefined;
  let resolvedCredential: Promise<AzureTokenCredential> | undefined;
  const where = `azure token for ${scope}`;

  const loadCredential = () => {
    resolvedCredential ??= credential
      ? Promise.resolve(credential)
      : import('@azure/identity').then(
          (identity) => new identity.DefaultAzureCredential(),
          (error: unknown) => {
            resolvedCredential = undefined;
            throw missingPeer(error, '@azure/identity', '@switchyard/auth/azure without a credential option');
          },
        );
    return resolvedCredential;
  };

  const resolve = async (): Promise<ResolvedCredential> => {
    if (current && Date.now() < current.expiresAt - EXPIRY_MARGIN_MS) return current.resolved;
    const tokenCredential = await loadCredential();
    let accessToken: Awaited<ReturnType<AzureTokenCredential['getToken']>>;
    try {
      accessToken = await tokenCredential.getToken(scope);
    } catch (error) {
      // @azure/identity errors describe which credential types were tried; they carry no token.
      throw new SwitchyardError('auth', `Could not get an Azure access token for ${scope}: ${(error as Error)?.message ?? String(error)}. Sign in (az login) or configure a managed identity or service principal.`, { retryable: false, cause: error });
    }
    if (!accessToken?.token) {
      throw new SwitchyardError('auth', `The Azure credential returned no access token for ${scope}. Sign in (az login) or configure a managed identity or service principal.`, { retryable: false });
    }
    current = { resolved: { secret: new Secret(accessToken.token, 'azure token'), source: where }, expiresAt: accessToken.expiresOnTimestamp };
    return current.resolved;
  };

  return defineSource(resolve, where, () => {
    current = undefined;
  }) as DescribedSource & { invalidate(): void };
}
