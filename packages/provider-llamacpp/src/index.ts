export { llamaCpp } from './llama-cpp.js';
export type { LlamaCppProvider } from './llama-cpp.js';
export type { LlamaCppOptions } from './options.js';
export { parseModelLocation } from './model-location.js';
export type { ModelLocation } from './model-location.js';
export { resolveModelFile } from './resolve-model-file.js';
export type { ModelSearchPaths, ResolvedModelFile } from './resolve-model-file.js';
