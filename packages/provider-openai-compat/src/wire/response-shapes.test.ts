import { readFileSync } from 'node:fs';
import { sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { chatCompletionShape, decodeChatCompletion } from './chat-completion.js';
import { completionShape, decodeCompletion } from './completion.js';
import type { ResponseShape } from './decode-response-body.js';
import { decodeEmbeddings, embeddingsShape } from './embeddings.js';
import { decodeImageGeneration, imageGenerationShape } from './image-generation.js';
import { isJsonObject } from './json-fields.js';
import { decodeModelList, modelListShape } from './model-list.js';

// Each decoder takes a well-formed body without running its zod schema (decodeResponseBody): these
// tests hold the hand-written checks to the schemas. A check may send a body to the schema that the
// schema then accepts, but it must never accept a body the schema rejects, or return it different
// from what the schema would have returned.

const read = (...segments: string[]): unknown => JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8'));
const recorded = (path: string): unknown => read('openai-compat-streams', ...path.split('/'));

const RECORDED_CHAT_COMPLETIONS = [
  'alibaba/alibaba-reasoning.json',
  'alibaba/alibaba-tool-call.json',
  'deepseek/deepseek-json.json',
  'deepseek/deepseek-reasoning.json',
  'deepseek/deepseek-text.json',
  'deepseek/deepseek-tool-call.json',
  'groq/groq-reasoning.json',
  'groq/groq-text.json',
  'groq/groq-tool-call.json',
  'mistral/mistral-reasoning.json',
  'mistral/mistral-text.json',
  'mistral/mistral-tool-call.json',
  'moonshotai/moonshotai-reasoning.json',
  'moonshotai/moonshotai-text.json',
  'moonshotai/moonshotai-tool-call.json',
  'openai-chat/openai-text.json',
  'openai-compatible-chat/xai-text.json',
  'openai-compatible-chat/xai-tool-call.json',
  'perplexity/perplexity-text.json',
  'xai/xai-text.json',
  'xai/xai-tool-call.json',
].map(recorded);

const SHAPES: { name: string; shape: ResponseShape<unknown>; wellFormed: unknown[] }[] = [
  {
    name: 'chat completion',
    shape: chatCompletionShape,
    wellFormed: [
      ...RECORDED_CHAT_COMPLETIONS,
      read('semantic-kernel', 'openai', 'chat_completion_refusal_test_response.json'),
      read('semantic-kernel', 'huggingface', 'chatcompletion_test_response.json'),
      // Old TGI: one tool-call object, a numeric id, object arguments.
      { model: 'm', choices: [{ message: { content: null, tool_calls: { id: 0, function: { name: 'f', arguments: { a: 1 } } } }, finish_reason: null }] },
    ],
  },
  { name: 'text completion', shape: completionShape, wellFormed: [recorded('openai-completion/openai-completion-text.json')] },
  {
    name: 'embeddings list',
    shape: embeddingsShape,
    wellFormed: [recorded('openai-embedding/openai-embedding.json'), read('semantic-kernel', 'openai', 'text-embeddings-response.txt')],
  },
  { name: 'image generation result', shape: imageGenerationShape, wellFormed: [recorded('openai-image/openai-image.json'), recorded('openai-image/openai-image-edit.json')] },
  {
    name: 'model list',
    shape: modelListShape,
    wellFormed: [
      { object: 'list', data: [{ id: 'a', object: 'model', owned_by: 'me', max_model_len: 4096 }, { id: 'b' }] },
      { object: 'list', data: [] },
      { id: 'tgi', object: 'model', owned_by: 'tgi' },
    ],
  },
];

const REPLACEMENTS: unknown[] = [undefined, null, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '', 'x', [], [1], {}, { id: 'x' }];
const DELETE = Symbol('delete');

/** Every body that differs from `body` in one place (a value replaced or a key deleted), to `depth` levels. */
function* mutations(body: unknown, depth = 6): Generator<unknown> {
  if (depth === 0 || typeof body !== 'object' || body === null) return;
  const keys = Array.isArray(body) ? body.map((_, index) => index) : Object.keys(body);
  for (const key of keys) {
    const value = (body as Record<string | number, unknown>)[key];
    for (const replacement of [...REPLACEMENTS, DELETE]) yield withChange(body, key, replacement);
    // Long vectors: mutating every float adds nothing a few do not show.
    if (Array.isArray(body) && typeof key === 'number' && key > 2) break;
    for (const inner of mutations(value, depth - 1)) yield withChange(body, key, inner);
  }
}

function withChange(body: object, key: string | number, replacement: unknown): unknown {
  if (Array.isArray(body)) {
    const copy = [...body];
    if (replacement === DELETE) copy.splice(key as number, 1);
    else copy[key as number] = replacement;
    return copy;
  }
  const copy: Record<string, unknown> = { ...body };
  if (replacement === DELETE) delete copy[key];
  else copy[key] = replacement;
  return copy;
}

describe('the hand-written response checks agree with the zod schemas', () => {
  for (const { name, shape, wellFormed } of SHAPES) {
    it(`${name}: every recorded body takes the fast path`, () => {
      for (const body of wellFormed) {
        expect(isJsonObject(body) && shape.accepts(body)).toBe(true);
        expect(shape.schema().safeParse(body).success).toBe(true);
      }
    });

    it(`${name}: a body the check accepts is one the schema accepts and returns unchanged`, () => {
      let accepted = 0;
      let rejected = 0;
      for (const body of wellFormed) {
        for (const mutated of mutations(body)) {
          if (!isJsonObject(mutated) || !shape.accepts(mutated)) {
            rejected++;
            continue;
          }
          accepted++;
          const result = shape.schema().safeParse(mutated);
          if (!result.success) throw new Error(`${name}: the check accepted a body the schema rejects: ${JSON.stringify(mutated).slice(0, 300)}`);
          expect(result.data).toEqual(mutated);
        }
      }
      // Both sides were exercised: the mutations are not all accepted or all rejected.
      expect(accepted).toBeGreaterThan(0);
      expect(rejected).toBeGreaterThan(0);
    });
  }
});

describe("bodies of the wrong shape keep the schema's error, word for word", () => {
  const message = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      expect((error as { kind?: string }).kind).toBe('invalid-response');
      return (error as Error).message;
    }
    throw new Error('expected an error');
  };

  it('chat completions', () => {
    expect(message(() => decodeChatCompletion({ object: 'chat.completion', choices: [] }))).toBe(
      "The server's answer is not a valid chat completion: choices: expected at least one choice.",
    );
    expect(message(() => decodeChatCompletion({ choices: [{ message: { content: 5 } }] }))).toBe(
      "The server's answer is not a valid chat completion: choices.0.message.content: Invalid input.",
    );
    expect(message(() => decodeChatCompletion({ model: 'm', choices: [{ message: { tool_calls: [{ id: 'a', function: { name: '', arguments: '{}' } }] } }] }))).toBe(
      "The server's answer is not a valid chat completion: choices.0.message.tool_calls.0.function.name: a tool call needs a function name.",
    );
    // A tool call without `arguments` was refused before the fast path existed; it still is.
    expect(message(() => decodeChatCompletion({ model: 'm', choices: [{ message: { tool_calls: [{ id: 'a', function: { name: 'f' } }] } }] }))).toBe(
      "The server's answer is not a valid chat completion: choices.0.message.tool_calls: Invalid input.",
    );
    expect(message(() => decodeChatCompletion('<html>'))).toBe("The server's answer is not a valid chat completion: (root): Invalid input: expected object, received string.");
  });

  it('completions, embeddings, images and model lists', () => {
    expect(message(() => decodeCompletion({ choices: [{ text: 1 }] }))).toBe(
      "The server's answer is not a valid text completion: choices.0.text: Invalid input: expected string, received number.",
    );
    expect(message(() => decodeEmbeddings({ data: [{ embedding: [1, 'x'] }] }, { inputCount: 1 }))).toBe(
      "The server's answer is not a valid embeddings list: data.0.embedding: embedding must be an array of numbers or a base64 string.",
    );
    expect(message(() => decodeEmbeddings({ data: [{ index: -1, embedding: [1] }] }, { inputCount: 1 }))).toBe(
      "The server's answer is not a valid embeddings list: data.0.index: Too small: expected number to be >=0.",
    );
    expect(message(() => decodeImageGeneration({ data: [{ revised_prompt: 'p' }] }))).toBe(
      'The server\'s answer is not a valid image generation result: data.0: each image needs "b64_json" or "url".',
    );
    expect(message(() => decodeModelList({ data: [{ name: 'no id' }] }))).toBe(
      'The server\'s answer is not a valid model list: (root): expected {"data": [{"id": …}, …]} or one model object.',
    );
  });
});
