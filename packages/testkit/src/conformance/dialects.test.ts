import { describe, expect, it } from 'vitest';
import type { Reply } from '../server/reply-types.js';
import { conformanceScenarios, TINY_PNG, type ErrorScenario } from './conformance-scenarios.js';
import { conformanceDialects } from './dialects.js';

const decoder = new TextDecoder();
const bodyOf = (scripted: Reply) => decoder.decode(Buffer.concat(scripted.chunks.map((chunk) => Buffer.from(chunk))));
const chunkTexts = (scripted: Reply) => scripted.chunks.map((chunk) => decoder.decode(chunk));

describe('openai dialect', () => {
  const dialect = conformanceDialects.openai;
  it('serves under <server>/v1 on the OpenAI paths', () => {
    expect(dialect.baseURL('http://127.0.0.1:1')).toBe('http://127.0.0.1:1/v1');
    expect(dialect.endpoint('chat', 'm', true)).toEqual({ method: 'POST', path: '/v1/chat/completions' });
    expect(dialect.endpoint('embedding', 'm', false).path).toBe('/v1/embeddings');
  });

  it('streams one delta per chunk, content in the first two, then finish, usage and [DONE]', () => {
    const scenario = conformanceScenarios.chat('m');
    const chunks = chunkTexts(dialect.streamChat?.(scenario) as Reply);
    const payloads = chunks.map((chunk) => chunk.replace(/^data: /, '').trim());
    expect(payloads.at(-1)).toBe('[DONE]');
    const parsed = payloads.slice(0, -1).map((payload) => JSON.parse(payload) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }>; usage?: object });
    expect(parsed[0]?.choices[0]?.delta.content).toBe(scenario.deltas[0]);
    expect(parsed[1]?.choices[0]?.delta.content).toBe(scenario.deltas[1]);
    expect(parsed.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('')).toBe(scenario.text);
    expect(parsed.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(parsed.at(-1)?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 });
  });

  it('splits streamed tool-call arguments that join back to the JSON', () => {
    const scenario = conformanceScenarios.toolChat('m');
    const body = bodyOf(dialect.streamChat?.(scenario) as Reply);
    const fragments = [...body.matchAll(/"arguments":"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
    expect(fragments.join('')).toBe(scenario.toolCalls[0]?.arguments);
    expect(body).toContain('"finish_reason":"tool_calls"');
  });

  it('sends images as b64_json and errors in OpenAI shape with Retry-After', () => {
    const image = JSON.parse(bodyOf(dialect.textToImage?.(conformanceScenarios.image('m')) as Reply)) as { data: Array<{ b64_json: string }> };
    expect(Buffer.from(image.data[0]?.b64_json ?? '', 'base64')).toEqual(Buffer.from(TINY_PNG));
    const limited = dialect.error({ task: 'chat', model: 'm', status: 429, meaning: 'rate-limit', message: 'slow down', retryAfterSeconds: 2 });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(JSON.parse(bodyOf(limited))).toEqual({ error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded', param: null } });
  });
});

describe('ollama dialect', () => {
  const dialect = conformanceDialects.ollama;
  it('streams NDJSON lines ending in a done object with token counts', () => {
    const scenario = conformanceScenarios.chat('llama3.2');
    const lines = chunkTexts(dialect.streamChat?.(scenario) as Reply).map((line) => JSON.parse(line) as { message: { content: string }; done: boolean; prompt_eval_count?: number; eval_count?: number; done_reason?: string });
    expect(lines[0]?.message.content).toBe(scenario.deltas[0]);
    expect(lines[1]?.message.content).toBe(scenario.deltas[1]);
    expect(lines.map((line) => line.message.content).join('')).toBe(scenario.text);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 12, eval_count: 7 });
  });

  it('sends tool arguments as objects and no image script', () => {
    const body = JSON.parse(bodyOf(dialect.chat?.(conformanceScenarios.toolChat('m')) as Reply)) as { message: { tool_calls: Array<{ function: { arguments: unknown } }> } };
    expect(body.message.tool_calls[0]?.function.arguments).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(dialect.textToImage).toBeUndefined();
  });

  it("words a missing model the way Ollama does", () => {
    const scenario: ErrorScenario = { task: 'chat', model: 'llama9', status: 404, meaning: 'model-not-found', message: 'x' };
    expect(JSON.parse(bodyOf(dialect.error(scenario)))).toEqual({ error: 'model "llama9" not found, try pulling it first' });
  });
});

describe('hf dialect', () => {
  const dialect = conformanceDialects.hf;
  it('serves chat on the router and per-model hf-inference paths', () => {
    const path = dialect.endpoint('chat', 'org/model', false).path as RegExp;
    expect(path.test('/v1/chat/completions')).toBe(true);
    expect(path.test('/hf-inference/models/org/model/v1/chat/completions')).toBe(true);
    expect(dialect.endpoint('embedding', 'org/e', false).path).toBe('/hf-inference/models/org/e/pipeline/feature-extraction');
    expect(dialect.endpoint('image', 'org/i', false).path).toBe('/hf-inference/models/org/i');
  });

  it('maps each configured model to hf-inference on the Hub and 404s others', () => {
    const [hub] = dialect.supportRoutes?.({ chat: 'org/chat', image: 'org/image' }) ?? [];
    const handler = hub?.reply as (request: { path: string }) => Reply;
    const mapping = JSON.parse(bodyOf(handler({ path: '/api/models/org/image' }))) as { inferenceProviderMapping: Record<string, { task: string; status: string }> };
    expect(mapping.inferenceProviderMapping['hf-inference']).toMatchObject({ task: 'text-to-image', status: 'live' });
    expect(handler({ path: '/api/models/org/unknown' }).status).toBe(404);
  });

  it('answers embeddings as a bare matrix and images as bytes', () => {
    const scenario = conformanceScenarios.embedding('e');
    expect(JSON.parse(bodyOf(dialect.embed?.(scenario) as Reply))).toEqual(scenario.embeddings);
    const image = dialect.textToImage?.(conformanceScenarios.image('i')) as Reply;
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.from(image.chunks[0] ?? [])).toEqual(Buffer.from(TINY_PNG));
  });
});
