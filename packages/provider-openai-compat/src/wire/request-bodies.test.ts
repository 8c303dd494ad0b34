import type { ChatRequest } from '@switchyard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAIRequestValidator, type RequestBodyValidator } from '../test-support/openapi-request-validator.js';
import { buildChatCompletionBody } from './chat-request-body.js';
import { buildCompletionBody } from './completion-request-body.js';
import { buildEmbeddingsBody } from './embeddings-request-body.js';
import { buildImageGenerationBody } from './image-request-body.js';

let validate: RequestBodyValidator;
beforeAll(() => {
  validate = openAIRequestValidator();
});

const fullChat: ChatRequest = {
  model: 'alias',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://example.com/cat.png' }, { type: 'image', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mediaType: 'image/png' }] },
    { role: 'assistant', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"cat"}' }], reasoning: 'earlier thoughts' },
    { role: 'tool', toolCallId: 'call_1', content: '{"answer":"a cat"}' },
    { role: 'assistant', content: 'A cat.' },
    { role: 'user', content: 'And now?' },
  ],
  temperature: 0.2,
  topP: 0.9,
  maxTokens: 256,
  stop: ['\n\n', 'END'],
  seed: 7,
  presencePenalty: 0.5,
  frequencyPenalty: -0.5,
  tools: [{ name: 'lookup', description: 'Looks things up', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }],
  toolChoice: { name: 'lookup' },
  responseFormat: { type: 'json-schema', name: 'answer', schema: { type: 'object', properties: { answer: { type: 'string' } } }, strict: true },
  reasoning: 'high',
};

describe('buildChatCompletionBody', () => {
  it('maps every field, with the provider model id, and the body validates against the OpenAPI spec', () => {
    const body = buildChatCompletionBody(fullChat, { model: 'meta-llama/Llama-3.1-8B-Instruct' });
    expect(body).toMatchObject({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      max_tokens: 256,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['\n\n', 'END'],
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true } },
      reasoning_effort: 'high',
    });
    const messages = body.messages as Record<string, unknown>[];
    expect(messages[1]!.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
    ]);
    expect(messages[2]).toEqual({ role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } }] });
    expect(messages[3]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"answer":"a cat"}' });
    expect(body).not.toHaveProperty('stream');
    expect(validate('CreateChatCompletionRequest', body)).toEqual([]);
  });

  it('asks for usage in streams, can leave it out, and sends max_completion_tokens when told', () => {
    const streamed = buildChatCompletionBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 5 }, { stream: true, maxTokensField: 'max_completion_tokens' });
    expect(streamed).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 5, stream: true, stream_options: { include_usage: true } });
    expect(validate('CreateChatCompletionRequest', streamed)).toEqual([]);
    expect(buildChatCompletionBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { stream: true, streamUsage: false })).not.toHaveProperty('stream_options');
  });

  it('maps json mode, reasoning true and tool choice strings; extra fields win; false reasoning sends nothing', () => {
    const body = buildChatCompletionBody(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], responseFormat: { type: 'json' }, reasoning: true, toolChoice: 'required', topK: 40 },
      { extraBody: { top_k: 20, chat_template_kwargs: { enable_thinking: false } } },
    );
    expect(body).toMatchObject({ response_format: { type: 'json_object' }, reasoning_effort: 'medium', tool_choice: 'required', top_k: 20, chat_template_kwargs: { enable_thinking: false } });
    expect(buildChatCompletionBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }], reasoning: false })).not.toHaveProperty('reasoning_effort');
  });
});

describe('other request bodies validate against the OpenAPI spec', () => {
  it('completions, streamed and not, with suffix', () => {
    const body = buildCompletionBody({ model: 'gpt-3.5-turbo-instruct', prompt: 'def add(a, b):', suffix: '\n', maxTokens: 16, temperature: 0, stop: ['\n\n'] });
    expect(body).toEqual({ model: 'gpt-3.5-turbo-instruct', prompt: 'def add(a, b):', suffix: '\n', max_tokens: 16, temperature: 0, stop: ['\n\n'] });
    expect(validate('CreateCompletionRequest', body)).toEqual([]);
    const streamed = buildCompletionBody({ model: 'm', prompt: 'x' }, { stream: true });
    expect(streamed).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(validate('CreateCompletionRequest', streamed)).toEqual([]);
  });

  it('embeddings, one input and many, with dimensions', () => {
    const one = buildEmbeddingsBody({ model: 'text-embedding-3-small', input: 'hello' });
    expect(one).toEqual({ model: 'text-embedding-3-small', input: 'hello', encoding_format: 'float' });
    expect(validate('CreateEmbeddingRequest', one)).toEqual([]);
    const many = buildEmbeddingsBody({ model: 'm', input: ['a', 'b'], dimensions: 256 }, { extraBody: { encoding_format: 'base64' } });
    expect(many).toEqual({ model: 'm', input: ['a', 'b'], encoding_format: 'base64', dimensions: 256 });
    expect(validate('CreateEmbeddingRequest', many)).toEqual([]);
  });

  it('images: size from width and height, count as n, no response_format', () => {
    const body = buildImageGenerationBody({ model: 'dall-e-3', prompt: 'A cute baby sea otter', width: 1024, height: 1024, count: 1 });
    expect(body).toEqual({ model: 'dall-e-3', prompt: 'A cute baby sea otter', n: 1, size: '1024x1024' });
    expect(validate('CreateImageRequest', body)).toEqual([]);
    expect(buildImageGenerationBody({ model: 'm', prompt: 'p', width: 512, seed: 3, steps: 20, negativePrompt: 'blur', guidanceScale: 7 })).toEqual({
      model: 'm', prompt: 'p', size: '512x512', seed: 3, steps: 20, negative_prompt: 'blur', guidance_scale: 7,
    });
  });

  it('the validator catches a wrong body (so a pass means something)', () => {
    expect(validate('CreateChatCompletionRequest', { model: 'm', messages: [] }).length).toBeGreaterThan(0);
    expect(validate('CreateEmbeddingRequest', { model: 'm', input: 'x', unknown_field: 1 }).length).toBeGreaterThan(0);
    expect(validate('CreateChatCompletionRequest', { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: null })).toEqual([]);
  });
});
