import { describe, expect, it } from 'vitest';
import { hfErrorBodyParser } from './hf-error-body.js';

const parse = hfErrorBodyParser('Hugging Face (together)');
const body = (status: number, json: unknown, headers: Record<string, string> = {}) => ({
  status,
  json,
  text: json === undefined ? '' : JSON.stringify(json),
  contentType: json === undefined ? '' : 'application/json',
  headers,
});

describe('hfErrorBodyParser', () => {
  it('reads {"error": "…"} and names the upstream', () => {
    expect(parse(body(400, { error: 'Input validation error: `temperature` must be strictly positive', error_type: 'validation' }))).toEqual({
      message: 'Hugging Face (together): Input validation error: `temperature` must be strictly positive',
      code: 'validation',
    });
  });

  it('falls back to X-Error-Message and X-Error-Code when the body says nothing', () => {
    expect(parse(body(404, undefined, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository Not Found for url: /api/models/x/y.' }))).toEqual({
      message: 'Hugging Face (together): Repository Not Found for url: /api/models/x/y.',
      code: 'RepoNotFound',
      kind: 'model-not-found',
    });
    expect(parse(body(403, undefined, { 'x-error-code': 'GatedRepo', 'x-error-message': 'Access to model x/y is restricted.' }))?.kind).toBe('permission');
  });

  it('sees exhausted credits as quota, whatever the status', () => {
    expect(parse(body(402, { error: 'You have exceeded your monthly included credits for Inference Providers.' }))?.kind).toBe('quota');
    expect(parse(body(400, { error: { message: 'Insufficient balance, please top up', type: 'invalid_request_error' } }))?.kind).toBe('quota');
  });

  it('sees "Model X does not exist" as model-not-found', () => {
    expect(parse(body(400, { error: 'Model meta-llama/Nope does not exist' }))?.kind).toBe('model-not-found');
    expect(parse(body(422, { message: 'The model google/gemma-x does not exist or is not supported' }))?.kind).toBe('model-not-found');
  });

  it('leaves the kind to the status when nothing is specific', () => {
    expect(parse(body(503, { error: 'Service Unavailable' }))?.kind).toBeUndefined();
    expect(parse(body(500, undefined))).toBeUndefined();
  });
});
