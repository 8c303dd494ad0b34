import { fault, reply } from '@switchyard/testkit';
import type { ChatScenario, CustomDialect, ErrorScenario, Reply } from '@switchyard/testkit';

// The server side of Acme Inference v2 for the testkit conformance suite: how each scenario looks
// on Acme's wire. This file is the spec of the wire format as much as a test script — keep it in
// step with src/wire.

const END_BY_FINISH = { stop: 'done', length: 'limit', 'tool-calls': 'calls' } as const;

const CODE_BY_MEANING: Readonly<Record<ErrorScenario['meaning'], string>> = {
  auth: 'bad_key',
  'model-not-found': 'no_such_model',
  'rate-limit': 'slow_down',
  server: 'internal',
};

function calls(scenario: ChatScenario): Array<{ id: string; tool: string; input: unknown }> {
  return scenario.toolCalls.map((call) => ({ id: call.id, tool: call.name, input: JSON.parse(call.arguments) as unknown }));
}

function meter(scenario: ChatScenario): object {
  return { tokens_in: scenario.usage.inputTokens, tokens_out: scenario.usage.outputTokens };
}

/** One SSE event, `event: <name>` plus its JSON data, as Acme writes it. */
function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Acme Inference's wire format for `describeProviderConformance`: chat (streamed or not) on
 * `POST /v2/chat`, embeddings on `POST /v2/embed`, errors as `{"failure": {code, message}}`.
 * Streams are named SSE events, each its own chunk (the suite cuts streams after two chunks, so
 * both carry text), with no `[DONE]`: the `end` event closes them. Acme has no text completion
 * and no images, so those scenarios are reported as not applicable.
 */
export const acmeConformanceDialect: CustomDialect = {
  name: 'acme',
  baseURL: (serverUrl) => `${serverUrl}/v2`,
  endpoint: (task) => ({ method: 'POST', path: task === 'embedding' ? '/v2/embed' : '/v2/chat' }),
  chat: (scenario) =>
    reply.json(
      {
        id: 'gen_conformance',
        model: scenario.model,
        reply: { text: scenario.text, calls: calls(scenario) },
        end: END_BY_FINISH[scenario.finishReason],
        meter: meter(scenario),
      },
      { headers: { 'x-request-id': 'req_acme_conformance' } },
    ),
  streamChat: (scenario): Reply =>
    reply.sseRaw([
      ...scenario.deltas.map((text) => sseEvent('token', { text })),
      ...calls(scenario).map((call) => sseEvent('call', call)),
      // Acme pings idle streams; the comment must be ignored, not taken for content.
      ': ping\n\n',
      sseEvent('end', { end: END_BY_FINISH[scenario.finishReason], meter: meter(scenario) }),
    ]),
  embed: (scenario) =>
    reply.json({ model: scenario.model, vectors: scenario.embeddings, meter: { tokens_in: scenario.usage.inputTokens } }),
  error: (scenario) =>
    fault.status(scenario.status, {
      retryAfter: scenario.retryAfterSeconds,
      body: { failure: { code: CODE_BY_MEANING[scenario.meaning], message: scenario.message } },
    }),
};
