import { isSwitchyardError, SwitchyardError, type CallContext, type HttpResponse } from '@switchyard/core';
import { createOllamaErrorBodyParser } from '../wire/ollama-errors.js';
import type { OllamaConfig } from './ollama-config.js';

/**
 * Sends one request to the Ollama server through the attempt's transport: a GET without a body,
 * a POST with a JSON body. Errors are the transport's, read with Ollama's error body parser; a
 * failure to connect says how to start Ollama.
 *
 * @param model the model named in error messages (default: the attempt's).
 */
export async function requestOllama(
  config: OllamaConfig,
  context: CallContext,
  path: string,
  body?: object,
  model: string = context.model,
): Promise<HttpResponse> {
  try {
    return await context.http.request({
      method: body === undefined ? 'GET' : 'POST',
      url: config.baseURL + path,
      json: body,
      headers: config.headers as Record<string, string> | undefined,
      credential: config.credential,
      provider: config.id,
      model,
      idempotent: body === undefined || context.idempotent,
      parseErrorBody: createOllamaErrorBodyParser(model),
    });
  } catch (error) {
    throw withConnectionHint(error, config.baseURL);
  }
}

/**
 * A `network` error from before the request was sent (refused, unreachable, DNS) reworded to say
 * what to do about a local server; every other error passes through. The kind and phase stay, so
 * the router still fails over at once.
 */
export function withConnectionHint(error: unknown, baseURL: string): unknown {
  if (!isSwitchyardError(error) || error.kind !== 'network' || error.networkPhase !== 'pre-send') return error;
  const message =
    `${error.message} Could not reach Ollama at ${baseURL}: if it is not running, start it with \`ollama serve\` ` +
    '(or open the Ollama app); otherwise check the baseURL option or OLLAMA_HOST.';
  return new SwitchyardError('network', message, {
    provider: error.provider,
    model: error.model,
    retryable: error.retryable,
    attempt: error.attempt,
    networkPhase: error.networkPhase,
    code: error.code,
    cause: error,
  });
}
