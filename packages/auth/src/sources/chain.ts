import { lazySchema, validateInput, type CredentialSource } from '@switchyard/core';
import type { z } from 'zod';
import { CredentialAbsentError } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { firstFound } from '../support/first-found.js';
import { credentialSourceSchema } from '../support/source-schema.js';

const chainArgumentsSchema = lazySchema((z) =>
  z.array(credentialSourceSchema()).min(1, 'give at least one source, e.g. chain(env("HF_TOKEN"), file("~/.hf-token"))'),
);

/**
 * The first credential any of `sources` finds, trying them in order.
 *
 * Absent and failed are different: a source that finds nothing (unset variable, missing or empty
 * file, command printing nothing) throws a `credential-absent` error and the chain moves on; a
 * source that fails (unreadable file, command exiting non-zero, a vault answering 403) stops the
 * chain with its error, because silently falling back would hide a broken configuration. When every
 * source is absent, the chain throws a `credential-absent` error listing every place it looked, so
 * chains nest. `invalidate()` is passed on to every source that has one.
 *
 * @example
 * const openAiKey = chain(env('OPENAI_API_KEY'), file('~/.config/openai/key'));
 */
export function chain(...sources: CredentialSource[]): DescribedSource {
  const parsed = validateInput(chainArgumentsSchema, sources, 'chain() sources');
  const describe = parsed.map((source, index) => source.describe ?? `source ${index + 1}`).join(', then ');
  const resolve = async () => {
    const result = await firstFound(parsed);
    if (result.found) return result.credential;
    throw new CredentialAbsentError(`No credential found. Looked at, in order: ${result.lookedAt.join('; ')}.`, result.lookedAt);
  };
  const invalidate = () => {
    for (const source of parsed) source.invalidate?.();
  };
  return defineSource(resolve, describe, parsed.some((source) => source.invalidate) ? invalidate : undefined);
}
