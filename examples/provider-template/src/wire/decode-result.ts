import type { ChatResult, FinishReason, ToolCall, Usage } from '@switchyard/core';
import type { AcmeCall, AcmeChatResponse, AcmeMeter } from './acme-schemas.js';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  done: 'stop',
  limit: 'length',
  
  calls: 'tool-calls',
  filtered: 'content-filter',
};

/** Acme's `end` value as the contract's finish reason; one it does not know is `other`. */
export function finishReasonOf(end: string): FinishReason {
  return FINISH_REASONS[end] ?? 'other';
}

/** Acme's meter as the contract's usage; a count Acme left out stays undefined, never 0. */
export function usageOf(meter: AcmeMeter | undefined): Usage {
  const usage: Usage = {};
  if (meter?.tokens_in !== undefined) usage.inputTokens = meter.tokens_in;
  if (meter?.tokens_out !== undefined) usage.outputTokens = meter.tokens_out;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) usage.totalTokens = usage.inputTokens + usage.outputTokens;
  return usage;
}

/** The cost Acme reported, which the client prefers over any configured price (basis `reported`). */
export function reportedCostOf(meter: AcmeMeter | undefined): { amount: number; currency: 'USD' } | undefined {
  return meter?.cost_usd === undefined ? undefined : { amount: meter.cost_usd, currency: 'USD' };
}

/** Acme sends arguments as an object; the contract carries them as the JSON text. */
export function toolCallOf(call: AcmeCall): ToolCall {
  return { id: call.id, name: call.tool, arguments: JSON.stringify(call.input) };
}

/** A validated `POST /chat` answer as the contract's chat result. */
export function decodeAcmeChat(body: AcmeChatResponse, fallbackModel: string, requestId: string | undefined): ChatResult {
  const reportedCost = reportedCostOf(body.meter);
  return {
    model: body.model ?? fallbackModel,
    text: body.reply.text,
    toolCalls: body.reply.calls.map(toolCallOf),
    finishReason: finishReasonOf(body.end),
    rawFinishReason: body.end,
    usage: usageOf(body.meter),
    ...(requestId ? { requestId } : body.id ? { requestId: body.id } : {}),
    ...(reportedCost ? { reportedCost } : {}),
  };
}
