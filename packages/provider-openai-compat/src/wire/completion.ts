import type { CompletionResult } from '@switchyard/core';
import { decodeResponseBody, responseShape } from './decode-response-body.js';
import { mapOpenAIFinishReason } from './finish-reason.js';
import { isFiniteNumber, isJsonObject, isNullishString, nonEmptyString, type JsonObject } from './json-fields.js';
import { decodeOpenAIUsage, decodeReportedCost } from './usage.js';

/** A non-streamed legacy `text_completion` body. */
export const completionShape = responseShape('text completion', isWellFormedCompletion, (z) =>
  z.looseObject({
    model: z.string().nullish(),
    choices: z
      .array(z.looseObject({ index: z.number().optional(), text: z.string(), finish_reason: z.string().nullish() }))
      .min(1, 'expected at least one choice'),
  }),
);

/** The schema above, checked by hand (see decodeResponseBody). */
function isWellFormedCompletion(body: JsonObject): boolean {
  const choices = body.choices;
  if (!isNullishString(body.model) || !Array.isArray(choices) || choices.length === 0) return false;
  for (let index = 0; index < choices.length; index++) {
    const choice: unknown = choices[index];
    if (!isJsonObject(choice) || typeof choice.text !== 'string' || !isNullishString(choice.finish_reason)) return false;
    if (choice.index !== undefined && !isFiniteNumber(choice.index)) return false;
  }
  return true;
}

/**
 * Decodes a non-streamed legacy `text_completion` body (`/completions`) into a
 * {@link CompletionResult}. Throws `invalid-response` for any other shape.
 */
export function decodeCompletion(json: unknown, options: { model?: string; requestId?: string } = {}): CompletionResult {
  const body = decodeResponseBody(completionShape, json);
  const choice = body.choices.find((candidate) => candidate.index === undefined || candidate.index === 0) ?? body.choices[0]!;
  const rawFinishReason = choice.finish_reason ?? undefined;
  const reportedCost = decodeReportedCost(body.usage);
  const result: CompletionResult = {
    model: nonEmptyString(body.model) ?? options.model ?? '',
    text: choice.text,
    finishReason: mapOpenAIFinishReason(rawFinishReason, false),
    usage: decodeOpenAIUsage(body.usage) ?? {},
  };
  if (rawFinishReason !== undefined) result.rawFinishReason = rawFinishReason;
  if (options.requestId !== undefined) result.requestId = options.requestId;
  if (reportedCost !== undefined) result.reportedCost = reportedCost;
  return result;
}
