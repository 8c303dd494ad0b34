import { describe, expect, it } from 'vitest';
import { classifyOllamaError, createOllamaErrorBodyParser, errorText } from './ollama-errors.js';

const parse = (status: number, json: unknown) =>
  createOllamaErrorBodyParser('llama3.2')({ status, json, text: JSON.stringify(json), contentType: 'application/json', headers: {} });

describe('classifyOllamaError', () => {
  it('recognises the texts Ollama writes', () => {
    expect(classifyOllamaError('model "llama3.2" not found, try pulling it first')).toBe('model-not-found');
    expect(classifyOllamaError("model 'llava' not found")).toBe('model-not-found');
    expect(classifyOllamaError('registry.ollama.ai/library/gemma:2b does not support tools')).toBe('unsupported');
    expect(classifyOllamaError('the input length exceeds the context length')).toBe('context-length');
    expect(classifyOllamaError('the model failed to generate a response')).toBeUndefined();
  });
});

describe('createOllamaErrorBodyParser', () => {
  it('makes a 404 for a missing model model-not-found, with the pull command', () => {
    const parsed = parse(404, { error: 'model "llama3.2" not found, try pulling it first' });
    expect(parsed?.kind).toBe('model-not-found');
    expect(parsed?.message).toContain('`ollama pull llama3.2`');
    expect(parsed?.message).toContain('autoPull');
  });

  it('leaves a 404 without Ollama JSON (wrong base URL) to the status', () => {
    expect(createOllamaErrorBodyParser('m')({ status: 404, json: undefined, text: '404 page not found', contentType: 'text/plain', headers: {} })).toBeUndefined();
  });

  it('keeps the errors.mdx message and classifies what it can', () => {
    expect(parse(500, { error: 'the model failed to generate a response' })).toEqual({ message: 'the model failed to generate a response' });
    expect(parse(400, { error: 'llama3.2 does not support thinking' })).toMatchObject({ kind: 'unsupported' });
  });

  it('reads the nested shape some proxies use', () => {
    expect(errorText({ error: { message: 'upstream down' } })).toBe('upstream down');
    expect(errorText({ detail: 'x' })).toBeUndefined();
  });
});
