import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { usageError } from '../errors/usage-error.js';

/** The environment variables the CLI reads, validated once at start-up. */
export interface CliEnvironment {
  /** Raw, for `ollamaBaseUrlFromEnv`, which reads it the way Ollama does. */
  ollamaHost: string | undefined;
  openAiBaseUrl: string | undefined;
  /** Whether `OPENAI_API_KEY` is set (its value is read through `@switchyard/auth`'s `env()`). */
  openAiApiKeySet: boolean;
  openAiModel: string | undefined;
  /** `SWITCHYARD_HF_ROUTER_URL`: the Hugging Face router (tests point it at a loopback server). */
  hfRouterUrl: string | undefined;
  /** `SWITCHYARD_HF_HUB_URL`, else `HF_ENDPOINT`: the Hub (mappings, whoami, model downloads). */
  hfHubUrl: string | undefined;
  /** Folder of GGUF files; downloads land here. */
  modelsDir: string;
  /** Whether the models folder was chosen by `SWITCHYARD_MODELS_DIR` (else the cache default). */
  modelsDirFromEnv: boolean;
  /** The Hugging Face hub cache, searched for models before downloading. */
  huggingFaceCacheDir: string;
  /** Where the usage ledger lives. */
  stateDir: string;
  /** `NO_COLOR` set to anything non-empty (https://no-color.org). */
  noColor: boolean;
  /** `TERM=dumb`: no colours, no animation. */
  dumbTerminal: boolean;
}

/** Blank means unset, as shells make it easy to export an empty variable by mistake. */
const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function httpUrl(variable: string) {
  return optional.refine((value) => value === undefined || /^https?:\/\//.test(value) && URL.canParse(value), {
    message: `${variable} must be an absolute http:// or https:// URL, e.g. ${variable === 'OPENAI_BASE_URL' ? 'http://localhost:8000/v1' : 'https://huggingface.co'}`,
  });
}

const environmentSchema = z.object({
  OLLAMA_HOST: optional,
  OPENAI_BASE_URL: httpUrl('OPENAI_BASE_URL'),
  OPENAI_API_KEY: optional,
  OPENAI_MODEL: optional,
  SWITCHYARD_HF_ROUTER_URL: httpUrl('SWITCHYARD_HF_ROUTER_URL'),
  SWITCHYARD_HF_HUB_URL: httpUrl('SWITCHYARD_HF_HUB_URL'),
  HF_ENDPOINT: httpUrl('HF_ENDPOINT'),
  SWITCHYARD_MODELS_DIR: optional,
  HF_HUB_CACHE: optional,
  HF_HOME: optional,
  XDG_CACHE_HOME: optional,
  XDG_STATE_HOME: optional,
  NO_COLOR: optional,
  TERM: optional,
});

/**
 * Reads and checks the variables the CLI uses. A malformed one is a usage error (exit code 2) that
 * names the variable, never its value (it might be a key pasted into the wrong place).
 */
export function readCliEnvironment(env: Readonly<Record<string, string | undefined>>): CliEnvironment {
  const result = environmentSchema.safeParse(env);
  if (!result.success) throw usageError(result.error.issues.map((issue) => issue.message).join('; '));
  const vars = result.data;
  const home = homedir();
  const cacheHome = vars.XDG_CACHE_HOME ?? join(home, '.cache');
  return {
    ollamaHost: vars.OLLAMA_HOST,
    openAiBaseUrl: vars.OPENAI_BASE_URL,
    openAiApiKeySet: vars.OPENAI_API_KEY !== undefined,
    openAiModel: vars.OPENAI_MODEL,
    hfRouterUrl: vars.SWITCHYARD_HF_ROUTER_URL,
    hfHubUrl: vars.SWITCHYARD_HF_HUB_URL ?? vars.HF_ENDPOINT,
    modelsDir: vars.SWITCHYARD_MODELS_DIR ?? join(cacheHome, 'switchyard', 'models'),
    modelsDirFromEnv: vars.SWITCHYARD_MODELS_DIR !== undefined,
    // huggingface_hub's own order: HF_HUB_CACHE, then $HF_HOME/hub, then ~/.cache/huggingface/hub.
    huggingFaceCacheDir: vars.HF_HUB_CACHE ?? join(vars.HF_HOME ?? join(cacheHome, 'huggingface'), 'hub'),
    stateDir: join(vars.XDG_STATE_HOME ?? join(home, '.local', 'state'), 'switchyard'),
    noColor: vars.NO_COLOR !== undefined,
    dumbTerminal: vars.TERM === 'dumb',
  };
}
