import { homedir } from 'node:os';
import { join } from 'node:path';
import { lazySchema, validateInput, type ResolvedCredential } from '@switchyard/core';
import type { z } from 'zod';
import { warnOnConsole, type AuthWarningHandler } from '../support/auth-warning.js';
import { CredentialAbsentError, absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { displayPath } from '../support/display-path.js';
import { firstFound } from '../support/first-found.js';
import { env } from './env.js';
import { file } from './file.js';

const hfTokenOptionsSchema = lazySchema((z) =>
  z
    .object({
      onWarning: z.custom<AuthWarningHandler>((value) => typeof value === 'function', 'expected a function').optional(),
    })
    .strict()
    .optional(),
);

/** Options of {@link hfToken}. */
export interface HfTokenOptions {
  /**
   * Receives the legacy-location notice and permission warnings about token files (once per file
   * for this source). Default: {@link warnOnConsole}.
   */
  onWarning?: AuthWarningHandler;
}

/** A token file of the chain: its path from an environment variable, or a fixed one under `~`. */
type FileStep = { variable: string; path: (value: string) => string } | { path: () => string };

const FILE_STEPS: readonly FileStep[] = [
  { variable: 'HF_TOKEN_PATH', path: (value) => value },
  { variable: 'HF_HOME', path: (value) => join(value, 'token') },
  { variable: 'XDG_CACHE_HOME', path: (value) => join(value, 'huggingface', 'token') },
  { path: () => join(homedir(), '.cache', 'huggingface', 'token') },
  // Written by huggingface_hub before 0.10 and still named by older guides; always the last step.
  { path: () => join(homedir(), '.huggingface', 'token') },
];
const ENV_STEP_COUNT = 2;
const LEGACY_STEP_INDEX = ENV_STEP_COUNT + FILE_STEPS.length - 1;

/**
 * The Hugging Face token, found the way users already keep it, in this order:
 * `HF_TOKEN` → `HUGGING_FACE_HUB_TOKEN` → the file at `$HF_TOKEN_PATH` → `$HF_HOME/token` →
 * `$XDG_CACHE_HOME/huggingface/token` → `~/.cache/huggingface/token` → the legacy
 * `~/.huggingface/token` (with a `legacy-location` notice). Whitespace is trimmed and empty means
 * absent. Variables and files are read at each call; wrap it in {@link cached} on hot paths.
 * When nothing is found, the `credential-absent` error lists every place looked at.
 *
 * @example
 * const { secret, source } = await hfToken()(); // source: 'env HF_TOKEN' or 'file ~/.cache/huggingface/token'
 */
export function hfToken(options?: HfTokenOptions): DescribedSource {
  const parsed = validateInput(hfTokenOptionsSchema, options, 'hfToken() options');
  const onWarning = parsed?.onWarning ?? warnOnConsole;
  const envSteps = [env('HF_TOKEN'), env('HUGGING_FACE_HUB_TOKEN')];
  // One file source per path, kept across calls, so each warns once rather than on every request.
  const fileSources = new Map<string, DescribedSource>();
  const fileSource = (path: string) => {
    let source = fileSources.get(path);
    if (!source) {
      source = file(path, { onWarning });
      fileSources.set(path, source);
    }
    return source;
  };
  let legacyNoticeGiven = false;

  // Paths depend on variables read at each call, so the steps are rebuilt each time (cheap: no I/O).
  const fileStepSource = (step: FileStep) => async (): Promise<ResolvedCredential> => {
    if (!('variable' in step)) return fileSource(step.path())();
    const value = process.env[step.variable]?.trim();
    if (!value) throw absentAt(`$${step.variable}`, 'not set', `Set ${step.variable} to a token file's path.`);
    return fileSource(step.path(value))();
  };

  const resolve = async (): Promise<ResolvedCredential> => {
    const result = await firstFound([...envSteps, ...FILE_STEPS.map(fileStepSource)]);
    if (!result.found) {
      throw new CredentialAbsentError(
        `No Hugging Face token found. Looked at, in order: ${result.lookedAt.join('; ')}. ` +
          'Set HF_TOKEN, or run `hf auth login` to save one to ~/.cache/huggingface/token. ' +
          'Create a token at https://huggingface.co/settings/tokens.',
        result.lookedAt,
      );
    }
    if (result.index !== LEGACY_STEP_INDEX) return result.credential;
    if (!legacyNoticeGiven) {
      legacyNoticeGiven = true;
      const path = join(homedir(), '.huggingface', 'token');
      onWarning({
        type: 'legacy-location',
        path,
        message:
          `Using the Hugging Face token from ${displayPath(path)}, a legacy location that current huggingface_hub no longer reads. ` +
          'Move it: mkdir -p ~/.cache/huggingface && mv ~/.huggingface/token ~/.cache/huggingface/token (or run `hf auth login`).',
      });
    }
    return { secret: result.credential.secret, source: `${result.credential.source} (legacy location)` };
  };
  return defineSource(resolve, 'Hugging Face token chain');
}
