import { lazySchema, Secret, validateInput } from '@switchyard/core';
import type { z } from 'zod';
import { absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';

const envArgumentsSchema = lazySchema((z) =>
  z.object({
    name: z
      .string()
      .min(1, 'give the variable name, e.g. "HF_TOKEN"')
      .regex(/^[^=\0]+$/, 'a variable name cannot contain "=" or NUL'),
    options: z.object({ label: z.string().optional() }).strict().optional(),
  }),
);

/** Options of {@link env}. */
export interface EnvSourceOptions {
  /** The kind shown in the secret's redacted form, e.g. `"OpenAI key"`. */
  label?: string;
}

/**
 * A credential from an environment variable, read at each call (so a changed variable is seen).
 * Whitespace is trimmed; unset or empty means absent (a `credential-absent` error that
 * {@link chain} skips). The resolved `source` is `"env NAME"`.
 *
 * @example
 * const credential = await env('HF_TOKEN')(); // { secret: Secret(hf_…wxyz), source: 'env HF_TOKEN' }
 */
export function env(name: string, options?: EnvSourceOptions): DescribedSource {
  const parsed = validateInput(envArgumentsSchema, { name, options }, 'env() arguments');
  const where = `env ${parsed.name}`;
  return defineSource(async () => {
    const raw = process.env[parsed.name];
    if (raw === undefined) throw absentAt(where, 'not set', `Set ${parsed.name} to the credential.`);
    const value = raw.trim();
    if (!value) throw absentAt(where, 'empty', `Set ${parsed.name} to the credential.`);
    return { secret: new Secret(value, parsed.options?.label), source: where };
  }, where);
}
