import { SwitchyardError } from '@switchyard/core';
import { HF_TOKEN_ADVICE } from '../errors/error-advice.js';
import { usageError } from '../errors/usage-error.js';
import { PROVIDER_IDS, type ProviderSetup } from './provider-setup.js';

/** What a call sends to the client, and which providers it passes over. */
export interface ProviderSelectionPlan {
  /** The client's `provider` option: `'auto'`, or the ready providers named, in order. */
  provider: 'auto' | string[];
  /** Providers of the selection that are skipped (no token…), in `auto` order: narrated, never tried. */
  skipped: ProviderSetup[];
}

/**
 * Turns `--provider` into the client's selection. Unknown ids and providers nobody set up are
 * usage errors; a selection of nothing but skipped providers fails with the first one's reason
 * (no Hugging Face token is an `auth` error that says how to get one).
 */
export function planProviderSelection(requested: 'auto' | string[], setups: readonly ProviderSetup[]): ProviderSelectionPlan {
  if (requested === 'auto') return { provider: 'auto', skipped: setups.filter((setup) => setup.status === 'skipped') };
  const ready: string[] = [];
  const skipped: ProviderSetup[] = [];
  for (const id of requested) {
    const setup = setups.find((candidate) => candidate.id === id);
    if (!setup) throw usageError(`Unknown provider "${id}" in --provider: the providers are ${PROVIDER_IDS.join(', ')} (or auto).`);
    if (setup.status === 'not-configured') throw usageError(`--provider ${id}: ${setup.name} is not configured: ${setup.advice ?? setup.skipped}.`);
    if (setup.status === 'skipped') skipped.push(setup);
    else ready.push(id);
  }
  if (ready.length === 0) throw unavailable(skipped[0]!);
  return { provider: ready, skipped: skipped.sort((left, right) => PROVIDER_IDS.indexOf(left.id) - PROVIDER_IDS.indexOf(right.id)) };
}

function unavailable(setup: ProviderSetup): SwitchyardError {
  if (setup.id === 'hf' && setup.skipped === 'no token') {
    return new SwitchyardError('auth', `Hugging Face is skipped: no token found. To use it, ${HF_TOKEN_ADVICE}.`, { provider: 'hf', retryable: false });
  }
  return usageError(`--provider ${setup.id}: ${setup.name} cannot run: ${setup.skipped}.${setup.advice ? ` To fix it, ${setup.advice}.` : ''}`);
}
