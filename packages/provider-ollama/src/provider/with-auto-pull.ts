import { isSwitchyardError, type CallContext } from '@switchyard/core';
import type { OllamaConfig } from './ollama-config.js';
import { pullOllamaModel } from './pull-model.js';

/**
 * Runs `send`; when the provider was created with `autoPull` and the server lacks the model, pulls
 * it (progress through `context.emit`) and sends once more. Both happen inside the attempt's
 * signal and deadlines, so a pull that cannot finish in time ends as the attempt's timeout.
 */
export function withAutoPull<T>(config: OllamaConfig, context: CallContext, send: () => Promise<T>): Promise<T> {
  // Without autoPull there is nothing to catch: no async frame (a promise and a microtask turn) per call.
  return config.autoPull ? sendPullingOnce(config, context, send) : send();
}

async function sendPullingOnce<T>(config: OllamaConfig, context: CallContext, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isSwitchyardError(error) || error.kind !== 'model-not-found') throw error;
    await pullOllamaModel(config, context.model, context);
    return send();
  }
}
