import { fault } from '../faults/fault.js';
import { reply } from '../server/reply.js';
import type { ChatScenario, CompletionScenario, CustomDialect, ScenarioUsage } from './conformance-scenarios.js';

const CREATED_AT = '2025-01-01T00:00:00.000000000Z';

/** The timing and token fields Ollama puts on its final (`done: true`) object. */
function doneFields(usage: ScenarioUsage, finishReason: string): object {
  return {
    done: true,
    done_reason: finishReason,
    total_duration: 1_200_000_000,
    load_duration: 200_000_000,
    prompt_eval_count: usage.inputTokens,
    prompt_eval_duration: 100_000_000,
    eval_count: usage.outputTokens,
    eval_duration: 800_000_000,
  };
}

/** Ollama reports `stop` for tool calls and `length` for the token limit. */
function ollamaDoneReason(finishReason: ChatScenario['finishReason']): string {
  return finishReason === 'length' ? 'length' : 'stop';
}

/** Ollama sends tool arguments as objects, not JSON text, and no call id. */
function ollamaToolCalls(scenario: ChatScenario): object {
  if (scenario.toolCalls.length === 0) return {};
  return { tool_calls: scenario.toolCalls.map((call) => ({ function: { name: call.name, arguments: JSON.parse(call.arguments) as unknown } })) };
}

function chatLines(scenario: ChatScenario): object[] {
  const message = (content: string, extra: object = {}) => ({ role: 'assistant', content, ...extra });
  const lines: object[] = scenario.deltas.map((text) => ({ model: scenario.model, created_at: CREATED_AT, message: message(text), done: false }));
  if (scenario.toolCalls.length > 0) {
    lines.push({ model: scenario.model, created_at: CREATED_AT, message: message('', ollamaToolCalls(scenario)), done: false });
  }
  lines.push({ model: scenario.model, created_at: CREATED_AT, message: message(''), ...doneFields(scenario.usage, ollamaDoneReason(scenario.finishReason)) });
  return lines;
}

function generateLines(scenario: CompletionScenario): object[] {
  return [
    ...scenario.deltas.map((text) => ({ model: scenario.model, created_at: CREATED_AT, response: text, done: false })),
    { model: scenario.model, created_at: CREATED_AT, response: '', ...doneFields(scenario.usage, scenario.finishReason) },
  ];
}

const OLLAMA_PATHS = { chat: '/api/chat', completion: '/api/generate', embedding: '/api/embed', image: '/api/generate' };

/**
 * Ollama's native API (`/api/chat`, `/api/generate`, `/api/embed`) with NDJSON streams and
 * `{"error": "..."}` bodies, base URL `<server>`. Ollama has no text-to-image endpoint.
 */
export const ollamaDialect: CustomDialect = {
  name: 'ollama',
  baseURL: (serverUrl) => serverUrl,
  endpoint: (task) => ({ method: 'POST', path: OLLAMA_PATHS[task] }),
  chat: (scenario) =>
    reply.json({
      model: scenario.model,
      created_at: CREATED_AT,
      message: { role: 'assistant', content: scenario.text, ...ollamaToolCalls(scenario) },
      ...doneFields(scenario.usage, ollamaDoneReason(scenario.finishReason)),
    }),
  streamChat: (scenario) => reply.ndjson(chatLines(scenario)),
  complete: (scenario) =>
    reply.json({ model: scenario.model, created_at: CREATED_AT, response: scenario.text, ...doneFields(scenario.usage, scenario.finishReason) }),
  streamComplete: (scenario) => reply.ndjson(generateLines(scenario)),
  embed: (scenario) =>
    reply.json({
      model: scenario.model,
      embeddings: scenario.embeddings,
      total_duration: 14_143_917,
      load_duration: 1_019_500,
      prompt_eval_count: scenario.usage.inputTokens,
    }),
  error: (scenario) => {
    // Ollama's own wording for an unknown model (`ollama run` against a model not pulled).
    const message = scenario.meaning === 'model-not-found' ? `model "${scenario.model}" not found, try pulling it first` : scenario.message;
    return fault.status(scenario.status, { retryAfter: scenario.retryAfterSeconds, body: { error: message } });
  },
};
