import { isSwitchyardError } from '@switchyard/core';
import type { CallContext, HealthReport, ModelInfo } from '@switchyard/core';
import { send, type ProviderConfig } from '../provider-config.js';
import { decodeModelList } from '../wire/model-list.js';

/** `GET /models`. */
export async function listModels(config: ProviderConfig, context: CallContext): Promise<ModelInfo[]> {
  const response = await send(config, context, 'GET', config.urls.models);
  return decodeModelList(await response.json());
}

/**
 * Checks the server by listing its models (the one route every OpenAI-compatible server has, local
 * or hosted, and one that proves the key works). A failure is a report with `ok: false` and the
 * reason; only an abort is thrown.
 */
export async function health(config: ProviderConfig, context: CallContext): Promise<HealthReport> {
  const started = performance.now();
  try {
    const models = await listModels(config, context);
    return { ok: true, latencyMs: Math.round(performance.now() - started), detail: `${models.length} model(s) listed` };
  } catch (error) {
    if (!isSwitchyardError(error) || error.kind === 'aborted') throw error;
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: `${error.kind}: ${error.message}` };
  }
}
