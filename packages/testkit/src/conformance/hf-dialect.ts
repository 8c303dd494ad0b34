import { fault } from '../faults/fault.js';
import { reply } from '../server/reply.js';
import type { RecordedRequest } from '../server/recorded-request.js';
import type { ConformanceModels, CustomDialect } from './conformance-scenarios.js';
import { openAiChatBody, openAiChatChunks } from './openai-dialect.js';

const HF_HEADERS = { 'x-request-id': 'Root=1-conformance', 'x-inference-provider': 'hf-inference' };

/** The Hub's pipeline tag for each conformance task, as `inferenceProviderMapping` reports it. */
const HUB_TASKS = { chat: 'conversational', completion: 'text-generation', embedding: 'feature-extraction', image: 'text-to-image' } as const;

/**
 * Hugging Face Inference Providers, base URL `<server>` standing for both `router.huggingface.co`
 * and `huggingface.co`: chat on the router's OpenAI-compatible `/v1/chat/completions`; embeddings
 * (`/hf-inference/models/{model}/pipeline/feature-extraction`, a bare `number[][]`) and images
 * (`/hf-inference/models/{model}`, raw bytes) on hf-inference, after the Hub lookup
 * `GET /api/models/{model}?expand=inferenceProviderMapping` that maps every model to hf-inference.
 * Errors are `{"error": "..."}` as the router sends them (hf-hub-cassettes).
 */
export const hfDialect: CustomDialect = {
  name: 'hf',
  baseURL: (serverUrl) => serverUrl,
  endpoint: (task, model) => {
    // The router serves chat at /v1/chat/completions, and per model at /hf-inference/models/{id}/v1/chat/completions.
    if (task === 'chat') return { method: 'POST', path: /^(\/hf-inference\/models\/.+)?\/v1\/chat\/completions$/ };
    if (task === 'embedding') return { method: 'POST', path: `/hf-inference/models/${model}/pipeline/feature-extraction` };
    return { method: 'POST', path: `/hf-inference/models/${model}` };
  },
  supportRoutes: (models: ConformanceModels) => [
    {
      method: 'GET',
      path: /^\/api\/models\//,
      reply: (request: RecordedRequest) => {
        const model = decodeURIComponent(request.path.slice('/api/models/'.length));
        const task = (Object.keys(HUB_TASKS) as Array<keyof typeof HUB_TASKS>).find((candidate) => models[candidate] === model);
        if (!task) return fault.status(404, { body: { error: 'Repository not found' } });
        return reply.json({
          _id: 'conformance',
          id: model,
          pipeline_tag: HUB_TASKS[task],
          inferenceProviderMapping: { 'hf-inference': { status: 'live', providerId: model, task: HUB_TASKS[task] } },
        });
      },
    },
  ],
  chat: (scenario) => reply.json(openAiChatBody(scenario), { headers: HF_HEADERS }),
  streamChat: (scenario) => reply.sse(openAiChatChunks(scenario), { headers: HF_HEADERS }),
  embed: (scenario) => reply.json(scenario.embeddings, { headers: HF_HEADERS }),
  textToImage: (scenario) => reply.bytes(scenario.image, { contentType: scenario.mediaType, headers: HF_HEADERS }),
  error: (scenario) => fault.status(scenario.status, { retryAfter: scenario.retryAfterSeconds, headers: HF_HEADERS, body: { error: scenario.message } }),
};
