import { SwitchyardError, type ErrorBodyParser, type ErrorKind } from '@switchyard/core';

/**
 * The kind an Ollama error text implies, when the text says more than the status. Ollama writes
 * errors as `{"error": "<text>"}` (ollama/docs/api/errors.mdx); these are the texts its server
 * produces for a missing model (`model "x" not found, try pulling it first` on chat and generate,
 * `model 'x' not found` on show), a missing capability (`x does not support tools`) and an
 * input longer than the context window.
 */
export function classifyOllamaError(text: string): ErrorKind | undefined {
  if (/\bnot found, try pulling it first\b/i.test(text) || /^model ["'].*["'] not found/i.test(text)) return 'model-not-found';
  if (/\bdoes not support\b/i.test(text)) return 'unsupported';
  if (/\b(?:exceeds|exceeded|longer than)\b.*\bcontext\b/i.test(text) || /\bcontext (?:length|window)\b.*\bexceed/i.test(text)) {
    return 'context-length';
  }
  return undefined;
}

/** The message of a `model-not-found` error: what is missing and the command that fixes it. */
export function modelNotFoundMessage(model: string, serverSaid: string): string {
  return (
    `Ollama does not have the model "${model}" (it said: ${serverSaid}). ` +
    `Download it with \`ollama pull ${model}\`, or create the provider with ollama({ autoPull: true }) to pull it on first use.`
  );
}

/**
 * Reads an Ollama error body for the transport. A 404 whose text says the model is missing is
 * `model-not-found` with the pull command in the message; a 404 without Ollama's JSON shape (the
 * server's plain `404 page not found`: a wrong base URL) is left to the status, as `not-found`.
 *
 * @param model the model the request asked for, named in the pull command.
 */
export function createOllamaErrorBodyParser(model: string): ErrorBodyParser {
  return ({ json, status }) => {
    const said = errorText(json);
    if (said === undefined) return undefined;
    const kind = classifyOllamaError(said) ?? (status === 404 && /\bmodel\b/i.test(said) ? 'model-not-found' : undefined);
    if (kind === 'model-not-found') return { kind, message: modelNotFoundMessage(model, said) };
    return kind === undefined ? { message: said } : { kind, message: said };
  };
}

/** The text of an Ollama error object (`{"error": "..."}`), or `undefined` for anything else. */
export function errorText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const error = (value as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  // Some proxies in front of Ollama nest it the OpenAI way: {"error": {"message": "..."}}.
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}

/** Where a stream error happened, for its message and fields. */
export interface OllamaStreamErrorContext {
  provider: string;
  model: string;
  endpoint: string;
}

/**
 * The error for an `{"error": …}` line inside a 200 stream (errors.mdx: "the status code of the
 * response will not be changed"). Classified like a status error's text, otherwise `server`.
 */
export function ollamaStreamError(said: string, context: OllamaStreamErrorContext): SwitchyardError {
  const kind = classifyOllamaError(said) ?? 'server';
  const message =
    kind === 'model-not-found'
      ? modelNotFoundMessage(context.model, said)
      : `Ollama reported an error inside its ${context.endpoint} answer, after a 200 status: ${said}`;
  return new SwitchyardError(kind, message, { provider: context.provider, model: context.model });
}
