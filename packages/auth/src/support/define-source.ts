import type { CredentialSource, ResolvedCredential } from '@switchyard/core';

/** A {@link CredentialSource} whose `describe` is always set. */
export type DescribedSource = CredentialSource & { readonly describe: string };

/** Builds a credential source from its resolver, with a description and an optional `invalidate()`. */
export function defineSource(
  resolve: () => Promise<ResolvedCredential>,
  describe: string,
  invalidate?: () => void,
): DescribedSource {
  const source = () => resolve();
  return Object.assign(source, invalidate ? { describe, invalidate } : { describe });
}
