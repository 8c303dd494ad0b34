import { isSwitchyardError, validateInput, type CallContext, type HealthReport, type ModelInfo } from '@switchyard/core';
import {
  modelDetailsFromShow,
  modelsFromTags,
  runningModelsFromPs,
  type OllamaModelDetails,
  type OllamaRunningModel,
} from '../wire/decode-model-info.js';
import {
  ollamaPsResponseSchema,
  ollamaShowResponseSchema,
  ollamaTagsResponseSchema,
  ollamaVersionResponseSchema,
} from '../wire/ollama-response-schemas.js';
import type { OllamaShowBody } from '../wire/ollama-wire-types.js';
import type { OllamaConfig } from './ollama-config.js';
import { modelNameSchema } from './pull-model.js';
import { requestOllama } from './request-ollama.js';

/** `listModels`: the models stored on the server (`GET /api/tags`). */
export async function ollamaListModels(config: OllamaConfig, context: CallContext): Promise<ModelInfo[]> {
  const response = await requestOllama(config, context, '/api/tags');
  return modelsFromTags(await response.json(ollamaTagsResponseSchema));
}

/** The models loaded in memory right now (`GET /api/ps`), with their memory use and unload time. */
export async function ollamaRunningModels(config: OllamaConfig, context: CallContext): Promise<OllamaRunningModel[]> {
  const response = await requestOllama(config, context, '/api/ps');
  return runningModelsFromPs(await response.json(ollamaPsResponseSchema));
}

/** A model's capabilities, context length, parameters and template (`POST /api/show`). */
export async function ollamaShowModel(config: OllamaConfig, model: string, context: CallContext): Promise<OllamaModelDetails> {
  const name = validateInput(modelNameSchema, model, 'showModel() model');
  const body: OllamaShowBody = { model: name };
  const response = await requestOllama(config, context, '/api/show', body, name);
  return modelDetailsFromShow(await response.json(ollamaShowResponseSchema));
}

/** The server's version (`GET /api/version`). */
export async function ollamaVersion(config: OllamaConfig, context: CallContext): Promise<string> {
  const response = await requestOllama(config, context, '/api/version');
  return (await response.json(ollamaVersionResponseSchema)).version;
}

/**
 * `health`: asks `/api/version`. An unreachable or failing server is a report with `ok: false` and
 * the reason, not an exception; only the caller's own abort is thrown.
 */
export async function ollamaHealth(config: OllamaConfig, context: CallContext): Promise<HealthReport> {
  const started = performance.now();
  try {
    const version = await ollamaVersion(config, context);
    return { ok: true, latencyMs: performance.now() - started, version };
  } catch (error) {
    if (!isSwitchyardError(error) || error.kind === 'aborted') throw error;
    return { ok: false, latencyMs: performance.now() - started, detail: error.message };
  }
}
