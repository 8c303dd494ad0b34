import type { CredentialSource } from '@switchyard/core';
import type { z } from 'zod';
import { lazySchema } from '@switchyard/core';

/** Accepts a credential source: an async function returning `{ secret, source }`. */
export const credentialSourceSchema = lazySchema((z) =>
  z.custom<CredentialSource>(
    (value) => typeof value === 'function',
    'expected a credential source (a function such as env("HF_TOKEN"))',
  ),
);
