import { createClient } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { describeProviderConformance } from './describe-provider-conformance.js';
import { minimalOpenAiProvider } from './minimal-openai-provider.test-helper.js';
import { planConformance } from './conformance-plan.js';
import { conformanceDialects } from './dialects.js';

const notApplicable: string[] = [];

// The suite itself, run against the smallest provider that speaks the OpenAI dialect through ctx.http.
describeProviderConformance({
  name: 'minimal-openai',
  createProvider: minimalOpenAiProvider,
  dialect: 'openai',
  models: { chat: 'gpt-conformance', completion: 'gpt-instruct', embedding: 'embed-small', image: 'image-1' },
  createClient,
  log: (message) => notApplicable.push(message),
});

describe('describeProviderConformance setup', () => {
  it('logged the scenario the minimal provider does not implement, and only that one', () => {
    expect(notApplicable).toEqual(['[conformance] minimal-openai: not applicable: streaming completion: the provider has no streamComplete()']);
  });

  it('plans from the provider methods, the models given and the dialect scripts', () => {
    const provider = minimalOpenAiProvider({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'k' });
    const plan = planConformance(provider, { chat: 'm' }, conformanceDialects.ollama);
    expect(plan).toMatchObject({ chat: true, streamChat: true, completion: false, embedding: false, image: false, errorTask: 'chat' });
    expect(plan.notApplicable).toEqual([
      'completion: no models.completion given',
      'streaming completion: the provider has no streamComplete()',
      'embeddings: no models.embedding given',
      'text-to-image: no models.image given',
    ]);
    const imageOnly = planConformance(provider, { image: 'i' }, conformanceDialects.ollama);
    expect(imageOnly.notApplicable).toContain('text-to-image: the ollama dialect has no script for it');
    expect(imageOnly.errorTask).toBeUndefined();
  });

  it('rejects options it cannot use, saying what to fix', () => {
    expect(() =>
      describeProviderConformance({ name: '', createProvider: minimalOpenAiProvider, dialect: 'openai', models: {}, createClient }),
    ).toThrow(/name the provider/);
    expect(() =>
      describeProviderConformance({ name: 'x', createProvider: minimalOpenAiProvider, dialect: 'grpc' as never, models: {}, createClient }),
    ).toThrow(/Invalid describeProviderConformance\(\) options: dialect/);
  });
});
