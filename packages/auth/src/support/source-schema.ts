import type { CredentialSource } from '@switchyard/core';
import { z } from 'zod';

/** Accepts a credential source: an async function returning `{ secret, source }`. */
export const credentialSourceSchema = z.custom<CredentialSource>(
  (value) => typeof value === 'function',
  'expected a credential source (a function such as env("HF_TOKEN"))',
);
