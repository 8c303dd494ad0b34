import { fault } from '../faults/fault.js';
import { reply } from '../server/reply.js';
import type { Reply } from '../server/reply-types.js';
import type { ChatScenario, CompletionScenario, CustomDialect, ErrorScenario } from './conformance-scenarios.js';

const CREATED = 1_735_689_600;
const REQUEST_ID = { 'x-request-id': 'req_conformance' };

/** OpenAI's `finish_reason` for each scenario finish. */
export function openAiFinishReason(finishReason: ChatScenario['finishReason']): string {
  return finishReason === 'tool-calls' ? 'tool_calls' : finishReason;
}

/** `usage` as OpenAI-compatible servers report it. */
export function openAiUsage(usage: { inputTokens: number; outputTokens?: number }): object {
  const outputTokens = usage.outputTokens ?? 0;
  return { prompt_tokens: usage.inputTokens, completion_tokens: outputTokens, total_tokens: usage.inputTokens + outputTokens };
}

/** A non-streamed `chat.completion` body. */
export function openAiChatBody(scenario: ChatScenario): object {
  return {
    id: 'chatcmpl-conformance',
    object: 'chat.completion',
    created: CREATED,
    model: scenario.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: scenario.toolCalls.length > 0 && scenario.text === '' ? null : scenario.text,
          ...(scenario.toolCalls.length > 0
            ? {
                tool_calls: scenario.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        finish_reason: openAiFinishReason(scenario.finishReason),
      },
    ],
    usage: openAiUsage(scenario.usage),
  };
}

/**
 * `chat.completion.chunk` events as OpenAI streams them with `stream_options.include_usage`: the
 * role in the first chunk with the first delta, one chunk per delta, tool calls as a name chunk
 * followed by argument fragments, a finish chunk, then a usage-only chunk with empty `choices`.
 */
export function openAiChatChunks(scenario: ChatScenario): object[] {
  const chunk = (delta: object, finishReason: string | null = null) => ({
    id: 'chatcmpl-conformance',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: scenario.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks: object[] = scenario.deltas.map((text, position) => chunk(position === 0 ? { role: 'assistant', content: text } : { content: text }));
  scenario.toolCalls.forEach((call, index) => {
    const half = Math.ceil(call.arguments.length / 2);
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(0, half) } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] }));
  });
  chunks.push(chunk({}, openAiFinishReason(scenario.finishReason)));
  chunks.push({ id: 'chatcmpl-conformance', object: 'chat.completion.chunk', created: CREATED, model: scenario.model, choices: [], usage: openAiUsage(scenario.usage) });
  return chunks;
}

function completionBody(scenario: CompletionScenario): object {
  return {
    id: 'cmpl-conformance',
    object: 'text_completion',
    created: CREATED,
    model: scenario.model,
    choices: [{ index: 0, text: scenario.text, logprobs: null, finish_reason: scenario.finishReason }],
    usage: openAiUsage(scenario.usage),
  };
}

function completionChunks(scenario: CompletionScenario): object[] {
  const chunk = (text: string, finishReason: string | null) => ({
    id: 'cmpl-conformance',
    object: 'text_completion',
    created: CREATED,
    model: scenario.model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
  });
  return [
    ...scenario.deltas.map((text) => chunk(text, null)),
    chunk('', scenario.finishReason),
    { id: 'cmpl-conformance', object: 'text_completion', created: CREATED, model: scenario.model, choices: [], usage: openAiUsage(scenario.usage) },
  ];
}

/** OpenAI's error body for each meaning, with the codes OpenAI itself sends. */
export function openAiError(scenario: ErrorScenario): Reply {
  const shapes = {
    auth: { type: 'invalid_request_error', code: 'invalid_api_key' },
    'model-not-found': { type: 'invalid_request_error', code: 'model_not_found' },
    'rate-limit': { type: 'requests', code: 'rate_limit_exceeded' },
    server: { type: 'server_error', code: null },
  } as const;
  return fault.status(scenario.status, {
    retryAfter: scenario.retryAfterSeconds,
    headers: REQUEST_ID,
    body: { error: { message: scenario.message, ...shapes[scenario.meaning], param: null } },
  });
}

const OPENAI_PATHS = { chat: '/v1/chat/completions', completion: '/v1/completions', embedding: '/v1/embeddings', image: '/v1/images/generations' };

/** The OpenAI wire format (`/v1/chat/completions`, `/v1/completions`, `/v1/embeddings`, `/v1/images/generations`), base URL `<server>/v1`. */
export const openAiDialect: CustomDialect = {
  name: 'openai',
  baseURL: (serverUrl) => `${serverUrl}/v1`,
  endpoint: (task) => ({ method: 'POST', path: OPENAI_PATHS[task] }),
  chat: (scenario) => reply.json(openAiChatBody(scenario), { headers: REQUEST_ID }),
  streamChat: (scenario) => reply.sse(openAiChatChunks(scenario), { headers: REQUEST_ID }),
  complete: (scenario) => reply.json(completionBody(scenario), { headers: REQUEST_ID }),
  streamComplete: (scenario) => reply.sse(completionChunks(scenario), { headers: REQUEST_ID }),
  embed: (scenario) =>
    reply.json(
      {
        object: 'list',
        model: scenario.model,
        data: scenario.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })),
        usage: { prompt_tokens: scenario.usage.inputTokens, total_tokens: scenario.usage.inputTokens },
      },
      { headers: REQUEST_ID },
    ),
  textToImage: (scenario) =>
    reply.json({ created: CREATED, data: [{ b64_json: Buffer.from(scenario.image).toString('base64') }] }, { headers: REQUEST_ID }),
  error: openAiError,
};
