import { createHash } from 'node:crypto';
import { SwitchyardError, isSecretLike, isSwitchyardError } from '@switchyard/core';
import type { CredentialSource, SecretLike } from '@switchyard/core';

/**
 * A short, one-way identity of the token a call will use, for cache keys: the same token always
 * gives the same identity, a different token (another user, a refreshed source) a different one,
 * and the token cannot be recovered from it.
 *
 * A credential source is resolved for this (sources cache their value, so this costs nothing
 * after the first call); when it fails, its own error — which names where it looked — is thrown.
 */
export async function tokenIdentity(token: string | SecretLike | CredentialSource): Promise<string> {
  const value = await revealToken(token);
  return createHash('sha256').update('switchyard-hf-token\0').update(value).digest('hex').slice(0, 32);
}

async function revealToken(token: string | SecretLike | CredentialSource): Promise<string> {
  if (typeof token === 'string') return token;
  if (isSecretLike(token)) return token.reveal();
  try {
    const resolved = await token();
    return resolved.secret.reveal();
  } catch (error) {
    if (isSwitchyardError(error)) throw error;
    const where = token.describe ? ` (${token.describe})` : '';
    throw new SwitchyardError('auth', `Could not get the Hugging Face token from its source${where}: ${(error as Error)?.message ?? String(error)}`, {
      retryable: false,
      cause: error,
    });
  }
}
