import type { ModelInfo } from '@switchyard/core';
import type {
  OllamaPsResponse,
  OllamaShowResponse,
  OllamaTagsResponse,
  OllamaWireModelDetails,
} from './ollama-response-schemas.js';

/** A model's family, size and quantisation, in portable names. */
export interface OllamaModelSummary {
  format?: string;
  family?: string;
  families?: string[];
  /** e.g. `"7.6B"`. */
  parameterSize?: string;
  /** e.g. `"Q4_K_M"`. */
  quantizationLevel?: string;
  parentModel?: string;
}

/** A model loaded in the server's memory (`/api/ps`). */
export interface OllamaRunningModel {
  id: string;
  /** Bytes of memory the loaded model uses in total. */
  sizeBytes?: number;
  /** Bytes of that in GPU memory. */
  vramBytes?: number;
  /** When the server will unload it unless it is used (ISO 8601). */
  expiresAt?: string;
  contextLength?: number;
  digest?: string;
  details?: OllamaModelSummary;
}

/** What `/api/show` says about a model. */
export interface OllamaModelDetails {
  /** `completion`, `tools`, `insert`, `vision`, `embedding`, `thinking`… */
  capabilities: string[];
  /** The trained context length, from `model_info["<architecture>.context_length"]`. */
  contextLength?: number;
  /** The Modelfile `PARAMETER` lines, as text. */
  parameters?: string;
  template?: string;
  license?: string;
  system?: string;
  modifiedAt?: string;
  details?: OllamaModelSummary;
  /** The GGUF metadata, as the server sent it. */
  modelInfo?: Record<string, unknown>;
}

/** Portable names for Ollama's `details` object. */
export function summaryFromOllama(details: OllamaWireModelDetails): OllamaModelSummary {
  const summary: OllamaModelSummary = {};
  if (details.format) summary.format = details.format;
  if (details.family) summary.family = details.family;
  if (details.families) summary.families = details.families;
  if (details.parameter_size) summary.parameterSize = details.parameter_size;
  if (details.quantization_level) summary.quantizationLevel = details.quantization_level;
  if (details.parent_model) summary.parentModel = details.parent_model;
  return summary;
}

/** The models in a `/api/tags` answer, as `ModelInfo`: size, digest and details in `metadata`. */
export function modelsFromTags(wire: OllamaTagsResponse): ModelInfo[] {
  return wire.models.map((entry) => {
    const info: ModelInfo = { id: entry.name, ownedBy: 'ollama' };
    const modifiedMs = entry.modified_at === undefined ? Number.NaN : Date.parse(entry.modified_at);
    if (!Number.isNaN(modifiedMs)) info.created = Math.floor(modifiedMs / 1000);
    const metadata: Record<string, unknown> = {};
    if (entry.size !== undefined) metadata.sizeBytes = entry.size;
    if (entry.digest !== undefined) metadata.digest = entry.digest;
    if (entry.modified_at !== undefined) metadata.modifiedAt = entry.modified_at;
    if (entry.details !== undefined) metadata.details = summaryFromOllama(entry.details);
    if (entry.remote_host !== undefined) metadata.remoteHost = entry.remote_host;
    info.metadata = metadata;
    return info;
  });
}

/** The models in a `/api/ps` answer. */
export function runningModelsFromPs(wire: OllamaPsResponse): OllamaRunningModel[] {
  return wire.models.map((entry) => {
    const model: OllamaRunningModel = { id: entry.name };
    if (entry.size !== undefined) model.sizeBytes = entry.size;
    if (entry.size_vram !== undefined) model.vramBytes = entry.size_vram;
    if (entry.expires_at !== undefined) model.expiresAt = entry.expires_at;
    if (entry.context_length !== undefined) model.contextLength = entry.context_length;
    if (entry.digest !== undefined) model.digest = entry.digest;
    if (entry.details !== undefined) model.details = summaryFromOllama(entry.details);
    return model;
  });
}

/** A `/api/show` answer in portable names, with the context length found in `model_info`. */
export function modelDetailsFromShow(wire: OllamaShowResponse): OllamaModelDetails {
  const details: OllamaModelDetails = { capabilities: wire.capabilities ?? [] };
  const info = wire.model_info;
  if (info !== undefined) {
    details.modelInfo = info;
    const architecture = info['general.architecture'];
    const contextLength = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
    if (typeof contextLength === 'number') details.contextLength = contextLength;
  }
  if (wire.parameters !== undefined) details.parameters = wire.parameters;
  if (wire.template !== undefined) details.template = wire.template;
  if (wire.license !== undefined) details.license = wire.license;
  if (wire.system !== undefined) details.system = wire.system;
  if (wire.modified_at !== undefined) details.modifiedAt = wire.modified_at;
  if (wire.details !== undefined) details.details = summaryFromOllama(wire.details);
  return details;
}
