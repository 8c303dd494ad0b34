import { env, hfToken, isCredentialAbsent, type AuthWarning } from '@switchyard/auth';
import { isSwitchyardError, type ResolvedCredential } from '@switchyard/core';
import { huggingface } from '@switchyard/provider-hf';
import { llamaCpp, type LlamaCppProvider } from '@switchyard/provider-llamacpp';
import { ollama, ollamaBaseUrlFromEnv } from '@switchyard/provider-ollama';
import { openaiCompatible } from '@switchyard/provider-openai-compat';
import { HF_TOKEN_ADVICE } from '../errors/error-advice.js';
import type { CliEnvironment } from './cli-environment.js';
import { EMBEDDED_MODEL_ID, EMBEDDED_MODEL_LOCATION } from './default-models.js';
import { describeModelFile } from './embedded-model-file.js';
import type { ProviderSetup } from './provider-setup.js';

const HF_ROUTER_URL = 'https://router.huggingface.co';
const HF_HUB_URL = 'https://huggingface.co';

/** The default configuration, and what the commands need besides the provider list. */
export interface ProviderConfiguration {
  /** Every provider of the default configuration, in `auto` order, configured or skipped. */
  setups: ProviderSetup[];
  /** The embedded provider, to free its native runtime at exit. */
  embedded: LlamaCppProvider;
  /** The Hugging Face token when one was found (for `doctor`); its value is never printed. */
  hfCredential: ResolvedCredential | undefined;
  /** Why no token was found, or why reading one failed (for `doctor`). */
  hfTokenProblem: string | undefined;
  /** Every place the token chain looked, when it found nothing. */
  hfTokenLookedAt: readonly string[];
  /** Token-file warnings (readable by others, legacy location), for the caller to show. */
  authWarnings: AuthWarning[];
}

/**
 * The configuration with nothing set up: Ollama at `OLLAMA_HOST` or its usual address, Hugging Face
 * when a token is found, an OpenAI-compatible endpoint when `OPENAI_BASE_URL` is set, and the
 * embedded llama.cpp model last. A provider that cannot be created is kept as a skipped setup with
 * the reason, so `auto` can say why it never tried it.
 */
export async function configureProviders(environment: CliEnvironment): Promise<ProviderConfiguration> {
  const authWarnings: AuthWarning[] = [];
  const setups: ProviderSetup[] = [];

  setups.push(attempt('ollama', 'Ollama', 'local', () => {
    const baseURL = ollamaBaseUrlFromEnv({ OLLAMA_HOST: environment.ollamaHost });
    return { provider: ollama({ id: 'ollama', baseURL }), location: baseURL, credential: 'none needed' };
  }));

  const hfRouterUrl = environment.hfRouterUrl ?? HF_ROUTER_URL;
  const hfHubUrl = environment.hfHubUrl ?? HF_HUB_URL;
  let hfCredential: ResolvedCredential | undefined;
  let hfTokenProblem: string | undefined;
  let hfTokenLookedAt: readonly string[] = [];
  try {
    hfCredential = await hfToken({ onWarning: (warning) => authWarnings.push(warning) })();
  } catch (error) {
    hfTokenProblem = isCredentialAbsent(error) ? 'no token' : messageOf(error);
    const lookedAt = (error as { lookedAt?: unknown }).lookedAt;
    if (Array.isArray(lookedAt)) hfTokenLookedAt = lookedAt as string[];
  }
  if (hfCredential) {
    const credential = hfCredential;
    setups.push(attempt('hf', 'Hugging Face', 'cloud', () => ({
      provider: huggingface({ id: 'hf', token: credential.secret, routerUrl: hfRouterUrl, hubUrl: hfHubUrl }),
      location: hfRouterUrl,
      credential: `${credential.source}, ${String(credential.secret)}`,
    })));
  } else {
    setups.push(skippedSetup('hf', 'Hugging Face', 'cloud', hfRouterUrl, hfTokenProblem ?? 'no token', HF_TOKEN_ADVICE));
  }

  if (environment.openAiBaseUrl) {
    const baseURL = environment.openAiBaseUrl;
    const key = environment.openAiApiKeySet ? await env('OPENAI_API_KEY', { label: 'API key' })().catch(() => undefined) : undefined;
    setups.push(attempt('openai', 'OpenAI-compatible', 'cloud', () => {
      const provider = openaiCompatible({ id: 'openai', baseURL, ...(key ? { apiKey: key.secret } : {}) });
      return { provider, location: baseURL, credential: key ? `${key.source}, ${String(key.secret)}` : 'none (OPENAI_API_KEY not set)' };
    }));
  } else {
    setups.push({
      ...skippedSetup('openai', 'OpenAI-compatible', 'cloud', '-', 'OPENAI_BASE_URL not set', 'set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs one) to use an OpenAI-compatible endpoint'),
      status: 'not-configured',
    });
  }

  const embedded = llamaCpp({
    id: 'embedded',
    models: { [EMBEDDED_MODEL_ID]: EMBEDDED_MODEL_LOCATION },
    modelsDir: environment.modelsDir,
    huggingFaceCacheDir: environment.huggingFaceCacheDir,
    hubUrl: hfHubUrl,
  });
  setups.push({
    id: 'embedded',
    name: 'embedded llama.cpp',
    kind: 'local',
    location: describeModelFile(environment),
    credential: 'none needed',
    provider: embedded,
    status: 'ready',
    skipped: undefined,
    advice: undefined,
  });
  return { setups, embedded, hfCredential, hfTokenProblem, hfTokenLookedAt, authWarnings };
}

/** Creates a provider; a factory that refuses its configuration (a bad OLLAMA_HOST) becomes a skipped setup. */
function attempt(
  id: ProviderSetup['id'],
  name: string,
  kind: ProviderSetup['kind'],
  create: () => { provider: NonNullable<ProviderSetup['provider']>; location: string; credential: string },
): ProviderSetup {
  try {
    const { provider, location, credential } = create();
    return { id, name, kind: provider.kind, location, credential, provider, status: 'ready', skipped: undefined, advice: undefined };
  } catch (error) {
    return skippedSetup(id, name, kind, '-', messageOf(error), undefined);
  }
}

function skippedSetup(id: ProviderSetup['id'], name: string, kind: ProviderSetup['kind'], location: string, reason: string, advice: string | undefined): ProviderSetup {
  return { id, name, kind, location, credential: '-', provider: undefined, status: 'skipped', skipped: reason, advice };
}

function messageOf(error: unknown): string {
  return isSwitchyardError(error) || error instanceof Error ? error.message : String(error);
}
