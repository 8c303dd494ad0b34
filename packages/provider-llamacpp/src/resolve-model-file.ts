import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SwitchyardError } from '@switchyard/core';
import type { ModelLocation } from './model-location.js';

/** Where {@link resolveModelFile} looks, besides an explicit path. */
export interface ModelSearchPaths {
  modelsDir?: string;
  huggingFaceCacheDir?: string;
}

/** The file, and where it was found (for diagnostics). */
export interface ResolvedModelFile {
  path: string;
  foundIn: 'path' | 'models-dir' | 'huggingface-cache';
}

/**
 * Finds a model file on disk: an explicit path, then `modelsDir`, then (for Hub models) the
 * Hugging Face cache. Returns `undefined` for a Hub model found nowhere, so the caller may
 * download it; throws `not-found` for a local model that is missing, naming every place it looked.
 */
export function resolveModelFile(location: ModelLocation, paths: ModelSearchPaths): ResolvedModelFile | undefined {
  const looked: string[] = [];
  if (location.type === 'path') {
    const path = resolve(location.path);
    if (existsSync(path)) return { path, foundIn: 'path' };
    throw new SwitchyardError('model-not-found', `Model file ${path} does not exist. Check the path in the provider's models option.`, { retryable: false });
  }
  if (paths.modelsDir) {
    const candidate = join(paths.modelsDir, location.fileName);
    looked.push(candidate);
    if (existsSync(candidate)) return { path: candidate, foundIn: 'models-dir' };
  }
  if (location.type === 'hub' && paths.huggingFaceCacheDir) {
    const cached = findInHuggingFaceCache(paths.huggingFaceCacheDir, location.repo, location.file);
    if (cached) return { path: cached, foundIn: 'huggingface-cache' };
    looked.push(join(paths.huggingFaceCacheDir, `models--${location.repo.replace('/', '--')}`));
  }
  if (location.type === 'hub') return undefined;
  throw new SwitchyardError(
    'model-not-found',
    `Model file ${location.fileName} was not found (looked in: ${looked.join(', ') || 'no models folder configured'}). Set modelsDir (SWITCHYARD_MODELS_DIR for the CLI) or give a path or an hf: location.`,
    { retryable: false },
  );
}

/**
 * The Hub cache layout (huggingface_hub): `models--<owner>--<repo>/snapshots/<commit>/<file>`, with
 * `refs/main` naming the commit the cache considers current. Prefer that snapshot, then any.
 */
function findInHuggingFaceCache(cacheDir: string, repo: string, file: string): string | undefined {
  const repoDir = join(cacheDir, `models--${repo.replace('/', '--')}`);
  const snapshotsDir = join(repoDir, 'snapshots');
  if (!existsSync(snapshotsDir)) return undefined;
  const refPath = join(repoDir, 'refs', 'main');
  const preferred = existsSync(refPath) ? readFileSync(refPath, 'utf8').trim() : undefined;
  const snapshots = readdirSync(snapshotsDir);
  const ordered = preferred ? [preferred, ...snapshots.filter((name) => name !== preferred)] : snapshots;
  for (const snapshot of ordered) {
    const candidate = join(snapshotsDir, snapshot, file);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
