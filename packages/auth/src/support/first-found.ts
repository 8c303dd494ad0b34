import type { ResolvedCredential } from '@switchyard/core';
import { isCredentialAbsent, lookedAtOf } from './credential-absent-error.js';

/** What {@link firstFound} found: the credential and which source gave it, or every place looked at. */
export type FirstFoundResult =
  | { found: true; credential: ResolvedCredential; index: number }
  | { found: false; lookedAt: string[] };

/**
 * Tries `sources` in order and stops at the first credential. An absent credential moves on; any
 * other error is thrown as is (see `chain()` for why).
 */
export async function firstFound(sources: readonly (() => Promise<ResolvedCredential>)[]): Promise<FirstFoundResult> {
  const lookedAt: string[] = [];
  for (const [index, source] of sources.entries()) {
    try {
      return { found: true, credential: await source(), index };
    } catch (error) {
      if (!isCredentialAbsent(error)) throw error;
      lookedAt.push(...lookedAtOf(error));
    }
  }
  return { found: false, lookedAt };
}
