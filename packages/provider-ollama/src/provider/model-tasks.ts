import type { z } from 'zod';
import { schemaOnFirstUse, lazySchema, isSwitchyardError, validateInput, type CallContext, type HealthReport, type ModelInfo } from '@switchyard/core';
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
import { MANAGEMENT_TIMEOUT_MS, managementOptionsShape, runManagementCall } from './management-call.js';
import type { OllamaConfig } from './ollama-config.js';
import { modelNameSchema } from './pull-model.js';
import { requestOllama } from './request-ollama.js';

const managementOptionsSchema = schemaOnFirstUse(lazySchema((z) => z.strictObject(managementOptionsShape())));

/** `listModels`: the models stored on the server (`GET /api/tags`). */
export async function ollamaListModels(config: OllamaConfig, context: CallContext): Promise<ModelInfo[]> {
  const response = await requestOllama(config, context, '/api/tags');
  return modelsFromTags(await response.json(ollamaTagsResponseSchema));
}

/** The version the server reports (`GET /api/version`). */
async function fetchVersion(config: OllamaConfig, context: CallContext): Promise<string> {
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
    const version = await fetchVersion(config, context);
    return { ok: true, latencyMs: performance.now() - started, version };
  } catch (error) {
    if (!isSwitchyardError(error) || error.kind === 'aborted') throw error;
    return { ok: false, latencyMs: performance.now() - started, detail: error.message };
  }
}

/** The provider's `runningModels`: the models loaded in memory (`GET /api/ps`), with memory use and unload time. */
export async function runningModelsMethod(config: OllamaConfig, options: unknown): Promise<OllamaRunningModel[]> {
  const parsed = validateInput(managementOptionsSchema, options ?? {}, 'runningModels() options');
  return runManagementCall(config, '', parsed, MANAGEMENT_TIMEOUT_MS, async (context) => {
    const response = await requestOllama(config, context, '/api/ps');
    return runningModelsFromPs(await response.json(ollamaPsResponseSchema));
  });
}

/** The provider's `showModel`: capabilities, context length, parameters and template (`POST /api/show`). */
export async function showModelMethod(config: OllamaConfig, model: unknown, options: unknown): Promise<OllamaModelDetails> {
  const name = validateInput(modelNameSchema, model, 'showModel() model');
  const parsed = validateInput(managementOptionsSchema, options ?? {}, 'showModel() options');
  return runManagementCall(config, name, parsed, MANAGEMENT_TIMEOUT_MS, async (context) => {
    const body: OllamaShowBody = { model: name };
    const response = await requestOllama(config, context, '/api/show', body, name);
    return modelDetailsFromShow(await response.json(ollamaShowResponseSchema));
  });
}

/** The provider's `version`: the server's version string (`GET /api/version`). */
export async function versionMethod(config: OllamaConfig, options: unknown): Promise<string> {
  const parsed = validateInput(managementOptionsSchema, options ?? {}, 'version() options');
  return runManagementCall(config, '', parsed, MANAGEMENT_TIMEOUT_MS, (context) => fetchVersion(config, context));
}
