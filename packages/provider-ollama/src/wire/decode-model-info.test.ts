import { describe, expect, it } from 'vitest';
import type { ProviderProgressEvent } from '@switchyard/core';
import { apiDocValues } from '../test-support/api-doc-examples.js';
import { modelDetailsFromShow, modelsFromTags, runningModelsFromPs } from './decode-model-info.js';
import {
  ollamaPsResponseSchema,
  ollamaPullStatusSchema,
  ollamaShowResponseSchema,
  ollamaTagsResponseSchema,
  ollamaVersionResponseSchema,
} from './ollama-response-schemas.js';
import { createPullProgressFilter, progressFromPullStatus } from './pull-progress.js';

describe('the api.md model management examples', () => {
  it('reads /api/tags into ModelInfo', () => {
    const [body] = apiDocValues('List Local Models', 'Response');
    const models = modelsFromTags(ollamaTagsResponseSchema.parse(body));
    expect(models.map((model) => model.id)).toEqual(['deepseek-r1:latest', 'llama3.2:latest']);
    expect(models[1]).toMatchObject({
      ownedBy: 'ollama',
      created: Math.floor(Date.parse('2025-05-04T17:37:44.706015396-07:00') / 1000),
      metadata: { sizeBytes: 2019393189, details: { family: 'llama', parameterSize: '3.2B', quantizationLevel: 'Q4_K_M', format: 'gguf' } },
    });
  });

  it('reads /api/ps into running models', () => {
    const [body] = apiDocValues('List Running Models', 'Response');
    expect(runningModelsFromPs(ollamaPsResponseSchema.parse(body))).toEqual([
      {
        id: 'mistral:latest',
        sizeBytes: 5137025024,
        vramBytes: 5137025024,
        expiresAt: '2024-06-04T14:38:31.83753-07:00',
        digest: '2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8',
        details: { format: 'gguf', family: 'llama', families: ['llama'], parameterSize: '7.2B', quantizationLevel: 'Q4_0' },
      },
    ]);
  });

  it('reads the json5 /api/show example, context length from model_info', () => {
    const [body] = apiDocValues('Show Model Information', 'Response');
    const details = modelDetailsFromShow(ollamaShowResponseSchema.parse(body));
    expect(details.capabilities).toEqual(['completion', 'vision']);
    expect(details.contextLength).toBe(8192);
    expect(details.details).toMatchObject({ parameterSize: '8.0B', quantizationLevel: 'Q4_0' });
    expect(details.parameters).toContain('num_keep');
  });

  it('reads /api/version', () => {
    const [body] = apiDocValues('Version', 'Response');
    expect(ollamaVersionResponseSchema.parse(body).version).toBe('0.5.1');
  });

  it('turns every /api/pull status of api.md into progress events', () => {
    const statuses = apiDocValues('Pull a Model', 'Response').map((value) => ollamaPullStatusSchema.parse(value));
    const events = statuses.map(progressFromPullStatus);
    expect(events.map((event) => event.stage)).toEqual([
      'pulling manifest',
      'downloading',
      'verifying sha256 digest',
      'writing manifest',
      'removing any unused layers',
      'success',
      'success',
    ]);
    expect(events[1]).toEqual({ type: 'progress', stage: 'downloading', detail: 'digestname', completed: 241970, total: 2142590208 });
  });
});

describe('createPullProgressFilter', () => {
  it('keeps stage changes, 1 % steps and the completing line, and drops the rest', () => {
    const keep = createPullProgressFilter();
    const layer = (completed: number): ProviderProgressEvent => ({ type: 'progress', stage: 'downloading', detail: 'sha256:a', completed, total: 1000 });
    const kept = ([
      { type: 'progress' as const, stage: 'pulling manifest' },
      layer(0),
      layer(5),
      layer(10),
      layer(12),
      layer(25),
      layer(25),
      layer(995),
      layer(1000),
      { type: 'progress' as const, stage: 'success' },
    ] satisfies ProviderProgressEvent[] as ProviderProgressEvent[]).filter(keep);
    expect(kept.map((event) => event.completed ?? event.stage)).toEqual(['pulling manifest', 0, 10, 25, 995, 1000, 'success']);
  });
});
