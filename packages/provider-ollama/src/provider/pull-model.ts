import type { z } from 'zod';
import { schemaOnFirstUse, lazySchema, SwitchyardError, validateInput, type CallContext } from '@switchyard/core';
import { classifyOllamaError, errorText } from '../wire/ollama-errors.js';
import { ollamaPullStatusSchema, type OllamaPullStatus } from '../wire/ollama-response-schemas.js';
import type { OllamaPullBody } from '../wire/ollama-wire-types.js';
import { createPullProgressFilter, progressFromPullStatus } from '../wire/pull-progress.js';
import { managementOptionsShape, runManagementCall, type OllamaManagementOptions } from './management-call.js';
import type { OllamaConfig } from './ollama-config.js';
import { requestOllama } from './request-ollama.js';

/** Options of `pullModel`. */
export interface OllamaPullOptions extends OllamaManagementOptions {
  /** Allow a registry without TLS (your own, during development). */
  insecure?: boolean;
}

/** What a finished pull reports. */
export interface OllamaPullResult {
  model: string;
  /** Ollama's last status: always `'success'` (anything else is an error). */
  status: string;
}

/** A model name as `pullModel` and `showModel` take it. */
export const modelNameSchema = schemaOnFirstUse(lazySchema((z) => z.string({ error: 'model must be a string such as "llama3.2" or "qwen3:8b"' }).min(1, 'model must not be empty')));
// Management calls are rare: their schemas are built on first use, not at import.
const pullOptionsSchema = schemaOnFirstUse(lazySchema((z) => z.strictObject({ ...managementOptionsShape(), insecure: z.boolean().optional() })));

/**
 * The provider's `pullModel`: validates its input and pulls on a transport of its own, with
 * progress to `options.onProgress` and no deadline unless `options.timeoutMs` sets one.
 */
export async function pullModelMethod(config: OllamaConfig, model: unknown, options: unknown): Promise<OllamaPullResult> {
  const name = validateInput(modelNameSchema, model, 'pullModel() model');
  const parsed = validateInput(pullOptionsSchema, options ?? {}, 'pullModel() options');
  return runManagementCall(config, name, parsed, Infinity, (context) => pullOllamaModel(config, name, context, parsed.insecure));
}

/**
 * Downloads `model` into the Ollama server (`POST /api/pull`, streamed) within `context`, reporting
 * progress as `progress` events through `context.emit` (stage changes, and byte counts in 1 %
 * steps). Resolves once Ollama says `success`; an `{"error": …}` line or a stream that stops early
 * is a typed error. `autoPull` calls this inside the failed call's attempt.
 */
export async function pullOllamaModel(config: OllamaConfig, name: string, context: CallContext, insecure?: boolean): Promise<OllamaPullResult> {
  const body: OllamaPullBody = { model: name, stream: true };
  if (insecure !== undefined) body.insecure = insecure;
  const response = await requestOllama(config, context, '/api/pull', body, name);
  const keep = createPullProgressFilter();
  let last: OllamaPullStatus | undefined;
  for await (const line of response.ndjson()) {
    const said = errorText(line);
    if (said !== undefined) throw pullError(name, said, config.id);
    const status = ollamaPullStatusSchema.safeParse(line);
    if (!status.success) {
      throw new SwitchyardError('invalid-response', `Ollama's /api/pull stream for "${name}" sent a line without a "status" string.`, {
        provider: config.id,
        model: name,
      });
    }
    last = status.data;
    const event = progressFromPullStatus(last);
    if (keep(event)) context.emit(event);
  }
  if (last?.status !== 'success') {
    throw new SwitchyardError(
      'stream-interrupted',
      `Pulling "${name}" stopped before Ollama reported success (last status: ${last === undefined ? 'none' : `"${last.status}"`}); pulling again resumes the download.`,
      { provider: config.id, model: name, retryable: true },
    );
  }
  return { model: name, status: last.status };
}

function pullError(model: string, said: string, provider: string): SwitchyardError {
  // The registry's answer for an unknown name or tag: "pull model manifest: file does not exist".
  const missing = /file does not exist|not found|manifest unknown/i.test(said);
  const kind = missing ? 'model-not-found' : (classifyOllamaError(said) ?? 'server');
  const advice = missing ? ' Check the model name and tag against the Ollama library.' : '';
  return new SwitchyardError(kind, `Ollama could not pull "${model}": ${said}.${advice}`, { provider, model });
}
