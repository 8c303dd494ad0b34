import { SwitchyardError, isSwitchyardError, type ChatMessage, type FinishReason, type SamplingOptions, type Usage } from '@switchyard/core';
import { chatPrompt, plainPrompt } from './build-prompt.js';
import type { LoadedModel } from './llama-runtime.js';

/** What to generate: a conversation or a plain prompt to continue. */
export type GenerationInput = { messages: readonly ChatMessage[] } | { prompt: string };

export interface GenerationOutcome {
  text: string;
  finishReason: FinishReason;
  rawFinishReason: string;
  usage: Usage;
  /** Seconds spent generating (prompt evaluation included), for compute-time accounting. */
  computeSeconds: number;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
  maxTokens: 'length',
  functionCalls: 'tool-calls',
};

/**
 * Runs one generation on the model's sequence, waiting for any generation already running.
 * `onText` receives each decoded piece as it is produced (UTF-8 safe: node-llama-cpp only emits
 * complete characters).
 */
export function generate(
  loaded: LoadedModel,
  input: GenerationInput,
  sampling: SamplingOptions,
  signal: AbortSignal,
  onText?: (text: string) => void,
): Promise<GenerationOutcome> {
  return loaded.queue.run(async () => {
    throwIfAborted(signal);
    const started = performance.now();
    const { module, sequence } = loaded;
    // A fresh sequence per call: a call never sees another call's tokens.
    await sequence.clearHistory();
    const meterBefore = sequence.tokenMeter.getState();
    const options = {
      signal,
      stopOnAbortSignal: false,
      ...(onText ? { onTextChunk: onText } : {}),
      ...(sampling.maxTokens !== undefined ? { maxTokens: sampling.maxTokens } : {}),
      ...(sampling.temperature !== undefined ? { temperature: sampling.temperature } : {}),
      ...(sampling.topP !== undefined ? { topP: sampling.topP } : {}),
      ...(sampling.topK !== undefined ? { topK: sampling.topK } : {}),
      ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
      ...(sampling.stop?.length ? { customStopTriggers: sampling.stop } : {}),
    };
    let text: string;
    let stopReason: string;
    try {
      if ('prompt' in input || !loaded.hasChatTemplate) {
        const prompt = 'prompt' in input ? input.prompt : plainPrompt(input.messages);
        const completion = new module.LlamaCompletion({ contextSequence: sequence });
        const result = await completion.generateCompletionWithMeta(prompt, options);
        text = result.response;
        stopReason = result.metadata.stopReason;
      } else {
        const { history, prompt } = chatPrompt(input.messages);
        const session = new module.LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
        try {
          session.setChatHistory(history);
          const result = await session.promptWithMeta(prompt, options);
          text = result.responseText;
          stopReason = result.stopReason;
        } finally {
          session.dispose({ disposeSequence: false });
        }
      }
    } catch (error) {
      throw toSwitchyardError(error, signal);
    }
    const used = sequence.tokenMeter.diff(meterBefore);
    const computeSeconds = (performance.now() - started) / 1000;
    return {
      text,
      finishReason: FINISH_REASONS[stopReason] ?? 'other',
      rawFinishReason: stopReason,
      usage: {
        inputTokens: used.usedInputTokens,
        outputTokens: used.usedOutputTokens,
        totalTokens: used.usedInputTokens + used.usedOutputTokens,
        computeSeconds,
      },
      computeSeconds,
    };
  });
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw toSwitchyardError(signal.reason, signal);
}

/** The client aborts an attempt with a typed reason (a deadline, the caller): keep it. */
function toSwitchyardError(error: unknown, signal: AbortSignal): SwitchyardError {
  if (isSwitchyardError(error)) return error;
  if (signal.aborted) {
    if (isSwitchyardError(signal.reason)) return signal.reason;
    return new SwitchyardError('aborted', 'The embedded llama.cpp generation was aborted.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchyardError('server', `llama.cpp failed while generating: ${message}`, { cause: error, retryable: false });
}
