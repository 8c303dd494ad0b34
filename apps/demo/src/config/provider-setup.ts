import type { Provider, ProviderKind } from '@switchyard/core';

/** The ids the CLI gives its providers, in the order `auto` tries them. */
export const PROVIDER_IDS = ['ollama', 'hf', 'openai', 'embedded'] as const;

/** One of {@link PROVIDER_IDS}. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One provider of the default configuration: configured, or skipped with the reason. */
export interface ProviderSetup {
  id: ProviderId;
  /** A person's name for it: "Ollama", "Hugging Face". */
  name: string;
  kind: ProviderKind;
  /** Where it is: a base URL, the router, the model file. */
  location: string;
  /** Where its credential came from, redacted ("env HF_TOKEN, Secret(hf_…wxyz)"), or why none is needed. */
  credential: string;
  /** The provider object; absent unless `status` is `'ready'`. */
  provider: Provider | undefined;
  /**
   * `ready`; `skipped` when a provider that is on by default cannot run (no Hugging Face token, a
   * bad `OLLAMA_HOST`), which calls mention; `not-configured` for an opt-in provider nobody set up.
   */
  status: 'ready' | 'skipped' | 'not-configured';
  /** Why it is not ready ("no token"). */
  skipped: string | undefined;
  /** What to do about the skip ("set HF_TOKEN or run `hf auth login`"). */
  advice: string | undefined;
}
