// Mirrors packages/provider-openai-compat/README.md, sections "Example" (both blocks),
// "Credentials" and "Wire helpers".
import { env } from '@switchyard/auth';
import type { CallContext, ChatRequest } from '@switchyard/core';
import { createClient } from '@switchyard/core';
import {
  OPENAI_COMPATIBLE_API_KEY_ENV,
  buildChatCompletionBody,
  createChatStreamDecoder,
  decodeChatCompletionStream,
  groq,
  openaiCompatible,
  parseOpenAIErrorBody,
  vllm,
} from '@switchyard/provider-openai-compat';

const client = createClient({
  providers: [
    vllm(), // http://localhost:8000/v1, no key
    // A hosted preset throws without a key, so add it only when one is set.
    ...(process.env.GROQ_API_KEY ? [groq({ apiKey: process.env.GROQ_API_KEY })] : []),
  ],
});

// Pinned to one provider (retries, no failover):
const answer = await client.chat(
  { model: 'Qwen/Qwen3-8B', messages: [{ role: 'user', content: 'Name three rivers.' }], maxTokens: 200 },
  { provider: 'vllm' },
);
console.log(answer.text, answer.reasoning, answer.usage, answer.cost);

// Streamed: text as it arrives, then the full response (usage, cost, trace).
const stream = client.streamChat({ model: 'Qwen/Qwen3-8B', messages: [{ role: 'user', content: 'Count to five.' }] }, { provider: 'vllm' });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);
console.log((await stream.response).usage);
await client.close();

// Any other OpenAI-compatible endpoint:
export const lab = openaiCompatible({
  id: 'lab-vllm',
  baseURL: 'https://vllm.lab.example.com/v1',
  apiKey: process.env.LAB_VLLM_KEY,
  models: ['meta-llama/Llama-3.1-8B-Instruct'], // the client routes only these models here
  pricing: { type: 'compute-time', perSecond: 0.0004 },
});

// "Credentials"
groq({ apiKey: process.env.GROQ_API_KEY }); // a string, read now
groq({ apiKey: env(OPENAI_COMPATIBLE_API_KEY_ENV.groq!) }); // a source, read at each request, refreshed after a 401

// "Wire helpers"
export async function* streamFromRouter(request: ChatRequest, context: CallContext) {
  const response = await context.http.request({
    method: 'POST',
    url: 'https://router.example.com/v1/chat/completions',
    json: buildChatCompletionBody(request, { model: context.model, stream: true }),
    parseErrorBody: parseOpenAIErrorBody,
  });
  yield* decodeChatCompletionStream(response.sse(), createChatStreamDecoder({ requestId: response.requestId }));
}
