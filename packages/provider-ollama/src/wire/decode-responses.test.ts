import { describe, expect, it } from 'vitest';
import { apiDocValues } from '../test-support/api-doc-examples.js';
import { readJsonFixture, readNdjsonFixture } from '@switchyard/testkit';
import { decodeChatResponse, decodeEmbedResponse, decodeGenerateResponse } from './decode-responses.js';
import { ollamaChatResponseSchema, ollamaEmbedResponseSchema, ollamaGenerateResponseSchema } from './ollama-response-schemas.js';

const chatFixture = (name: string) => ollamaChatResponseSchema.parse(readNdjsonFixture(`semantic-kernel/ollama/${name}`)[0]);

describe('decodeChatResponse on semantic-kernel recordings', () => {
  it('reads text, finish reason, usage and timings of a plain answer', () => {
    const result = decodeChatResponse(chatFixture('chat_completion_test_response.txt'), { model: 'requested' });
    expect(result.text).toBe('This is test completion response');
    expect(result.model).toBe('llama3.2');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
    expect(result.toolCalls).toEqual([]);
    expect(result.usage).toEqual({ inputTokens: 38, outputTokens: 45, totalTokens: 83, computeSeconds: 0.740574544 });
    expect(result.metadata).toMatchObject({ loadDurationMs: 54.99425, totalDurationMs: 740.574544, evalDurationMs: 455.657 });
    expect(result.metadata?.outputTokensPerSecond).toBeCloseTo(45 / 0.455657, 6);
  });

  it('turns object arguments into JSON text and synthesises a stable id for a 2024 tool call', () => {
    const wire = chatFixture('chat_completion_function_call_response.txt');
    const result = decodeChatResponse(wire, { model: 'llama3.2' });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.rawFinishReason).toBe('stop');
    expect(result.toolCalls).toHaveLength(1);
    const [call] = result.toolCalls;
    expect(call?.name).toBe('TestPlugin_TestFunction');
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ testInput: 'fake-text' });
    expect(call?.id).toMatch(/^call_0_[0-9a-f]{8}$/);
    expect(decodeChatResponse(wire, { model: 'llama3.2' }).toolCalls[0]?.id).toBe(call?.id);
  });

  it('reads five tool calls, with distinct ids and {} for the one that has no arguments', () => {
    const result = decodeChatResponse(chatFixture('chat_completion_multiple_function_calls_test_response.txt'), { model: 'm' });
    expect(result.toolCalls.map((call) => call.name)).toEqual([
      'MyPlugin_GetCurrentWeather',
      'MyPlugin_FunctionWithException',
      'MyPlugin_NonExistentFunction',
      'MyPlugin_InvalidArguments',
      'MyPlugin_IntArguments',
    ]);
    expect(result.toolCalls.map((call) => JSON.parse(call.arguments) as unknown)).toEqual([
      { location: 'Boston, MA' },
      { argument: 'value' },
      { argument: 'value' },
      {},
      { age: '36' },
    ]);
    expect(new Set(result.toolCalls.map((call) => call.id)).size).toBe(5);
    expect(result.usage).toMatchObject({ inputTokens: 152, outputTokens: 22 });
  });

  it('keeps an id the server sent', () => {
    const wire = ollamaChatResponseSchema.parse({
      message: { role: 'assistant', content: '', tool_calls: [{ id: 'call_abc', function: { name: 'f', arguments: { a: 1 } } }] },
      done: true,
    });
    expect(decodeChatResponse(wire, { model: 'm' }).toolCalls[0]).toEqual({ id: 'call_abc', name: 'f', arguments: '{"a":1}' });
  });
});

describe('decodeChatResponse on the api.md chat examples', () => {
  it('reads the unstreamed answer', () => {
    const [body] = apiDocValues('Generate a chat completion', 'Chat request (No streaming)', 'Response');
    const result = decodeChatResponse(ollamaChatResponseSchema.parse(body), { model: 'x' });
    expect(result).toMatchObject({ text: 'Hello! How are you today?', finishReason: 'stop', usage: { inputTokens: 26, outputTokens: 298 } });
    // No done_reason on servers of 2023: a normal stop, with no raw reason to report.
    expect(result.rawFinishReason).toBeUndefined();
  });

  it('reads the tool call answer and a structured output', () => {
    const [tools] = apiDocValues('Generate a chat completion', 'Chat request (No streaming, with tools)', 'Response');
    const toolResult = decodeChatResponse(ollamaChatResponseSchema.parse(tools), { model: 'x' });
    expect(toolResult.toolCalls).toMatchObject([{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }]);
    expect(toolResult.metadata?.loadDurationMs).toBeCloseTo(2969.184542, 6);
    const [structured] = apiDocValues('Generate a chat completion', 'Chat request (Structured outputs)', 'Response');
    const text = decodeChatResponse(ollamaChatResponseSchema.parse(structured), { model: 'x' }).text;
    expect(JSON.parse(text)).toEqual({ age: 22, available: false });
  });

  it('reads the image answer whose message has "images": null', () => {
    const [body] = apiDocValues('Generate a chat completion', 'Chat request (with images)', 'Response');
    expect(decodeChatResponse(ollamaChatResponseSchema.parse(body), { model: 'x' }).text).toContain('cute, little pig');
  });
});

describe('decodeGenerateResponse on the api.md generate examples', () => {
  it('reads the unstreamed answer with its context', () => {
    const [body] = apiDocValues('Generate a completion', 'Request (No streaming)', 'Response');
    const result = decodeGenerateResponse(ollamaGenerateResponseSchema.parse(body), { model: 'x', requestId: 'r1' });
    expect(result).toMatchObject({
      text: 'The sky is blue because it is the color of the sky.',
      finishReason: 'stop',
      requestId: 'r1',
      usage: { inputTokens: 26, outputTokens: 290, totalTokens: 316, computeSeconds: 5.043500667 },
      metadata: { context: [1, 2, 3], loadDurationMs: 5.025959 },
    });
  });

  it('reads the json5 suffix example and the unload answer', () => {
    const [suffix] = apiDocValues('Generate a completion', 'Request (with suffix)', 'Response');
    expect(decodeGenerateResponse(ollamaGenerateResponseSchema.parse(suffix), { model: 'x' }).text).toContain('def compute_lcm');
    const [unload] = apiDocValues('Generate a completion', 'Unload a model', 'Response');
    const result = decodeGenerateResponse(ollamaGenerateResponseSchema.parse(unload), { model: 'x' });
    expect(result).toMatchObject({ text: '', finishReason: 'other', rawFinishReason: 'unload', usage: {} });
  });
});

describe('decodeEmbedResponse', () => {
  it('reads the semantic-kernel batch of two vectors', () => {
    const body = readJsonFixture('semantic-kernel/ollama/embeddings_test_response.json');
    const result = decodeEmbedResponse(ollamaEmbedResponseSchema.parse(body), { model: 'x' });
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[1]?.[4]).toBe(-0.02756831);
  });

  it('reads the api.md single and batched examples', () => {
    const [single, batch] = apiDocValues('Generate Embeddings', 'Response');
    const one = decodeEmbedResponse(ollamaEmbedResponseSchema.parse(single), { model: 'x' });
    expect(one).toMatchObject({ model: 'all-minilm', usage: { inputTokens: 8 } });
    expect(one.embeddings[0]).toHaveLength(10);
    expect(decodeEmbedResponse(ollamaEmbedResponseSchema.parse(batch), { model: 'x' }).embeddings).toHaveLength(2);
  });
});
