import { parseModelLocation, resolveModelFile, type ResolvedModelFile } from '@switchyard/provider-llamacpp';
import type { CliEnvironment } from './cli-environment.js';
import { EMBEDDED_MODEL_LOCATION } from './default-models.js';

/** Where the embedded model's file is now, or `undefined` when it will be downloaded on first use. */
export function findEmbeddedModelFile(environment: CliEnvironment): ResolvedModelFile | undefined {
  return resolveModelFile(parseModelLocation(EMBEDDED_MODEL_LOCATION), {
    modelsDir: environment.modelsDir,
    huggingFaceCacheDir: environment.huggingFaceCacheDir,
  });
}

/** One line for tables: the file in use, or where it will be downloaded to. */
export function describeModelFile(environment: CliEnvironment): string {
  const found = findEmbeddedModelFile(environment);
  if (found) return found.path;
  return `not downloaded yet (first use saves it in ${environment.modelsDir})`;
}
