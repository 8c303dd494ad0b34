import type { CustomDialect } from './conformance-scenarios.js';
import { hfDialect } from './hf-dialect.js';
import { ollamaDialect } from './ollama-dialect.js';
import { openAiDialect } from './openai-dialect.js';

/** The names of the built-in dialects. */
export type DialectName = 'openai' | 'ollama' | 'hf';

/**
 * The built-in wire formats of the conformance suite. Spread one to adapt it:
 * `{ ...conformanceDialects.hf, endpoint: … }`.
 */
export const conformanceDialects: Readonly<Record<DialectName, CustomDialect>> = {
  openai: openAiDialect,
  ollama: ollamaDialect,
  hf: hfDialect,
};
