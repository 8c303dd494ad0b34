import { describe, expect, it } from 'vitest';
import { describeMapping, modelMappingResponseSchema, usableMappings } from './inference-provider-mapping.js';
import { hfCassette } from '../test-helpers/cassettes.test-helper.js';

function recordedMapping(file: string) {
  const lookup = hfCassette(file).interactions[0]!;
  return modelMappingResponseSchema().parse(JSON.parse(lookup.response.body));
}

describe('usableMappings', () => {
  it('keeps the recorded provider ids, live before staging, each group in the Hub order', () => {
    const mapping = recordedMapping('TestInferenceClient.test_chat_completion_no_stream[together,conversational].yaml');
    expect(usableMappings(mapping, 'chat')).toEqual([
      { provider: 'together', providerId: 'meta-llama/Meta-Llama-3-8B-Instruct-Turbo', status: 'live', task: 'conversational' },
      { provider: 'hf-inference', providerId: 'meta-llama/Meta-Llama-3-8B-Instruct', status: 'live', task: 'conversational' },
      { provider: 'fireworks-ai', providerId: 'accounts/fireworks/models/llama-v3-8b-instruct', status: 'staging', task: 'conversational' },
    ]);
  });

  it('keeps only the entries for the task asked for', () => {
    const mapping = recordedMapping('TestInferenceClient.test_text_to_image_default[fal-ai,text-to-image].yaml');
    expect(usableMappings(mapping, 'chat')).toEqual([]);
    expect(usableMappings(mapping, 'text-to-image').map((entry) => [entry.provider, entry.providerId])).toEqual([
      ['fal-ai', 'fal-ai/flux/dev'],
      ['replicate', 'black-forest-labs/flux-dev'],
      ['together', 'black-forest-labs/FLUX.1-dev'],
      ['hf-inference', 'black-forest-labs/FLUX.1-dev'],
      ['nebius', 'black-forest-labs/flux-dev'],
    ]);
  });

  it('skips error and unknown statuses, and entries it cannot read, without failing the lookup', () => {
    const mapping = modelMappingResponseSchema().parse({
      inferenceProviderMapping: {
        broken: { status: 'error', providerId: 'x', task: 'text-to-image' },
        future: { status: 'paused-for-maintenance', providerId: 'y', task: 'text-to-image' },
        odd: { status: 'live', task: 'text-to-image' },
        'fal-ai': { status: 'live', providerId: 'fal-ai/flux/dev', task: 'text-to-image', adapter: 'lora', adapterWeightsPath: 'lora.safetensors' },
      },
    });
    expect(usableMappings(mapping, 'text-to-image')).toEqual([
      { provider: 'fal-ai', providerId: 'fal-ai/flux/dev', status: 'live', task: 'text-to-image', adapter: 'lora', adapterWeightsPath: 'lora.safetensors' },
    ]);
    expect(describeMapping(mapping)).toContain('broken (error, text-to-image)');
  });

  it('reads the list shape the Hub answers with today', () => {
    const mapping = modelMappingResponseSchema().parse({
      inferenceProviderMapping: [
        { provider: 'novita', providerId: 'n', status: 'staging', task: 'conversational' },
        { provider: 'groq', providerId: 'g', status: 'live', task: 'conversational' },
        { providerId: 'nameless', status: 'live', task: 'conversational' },
      ],
    });
    expect(usableMappings(mapping, 'chat').map((entry) => entry.provider)).toEqual(['groq', 'novita']);
  });

  it('a model without a mapping (hf-inference era lookups) has no routes', () => {
    const mapping = recordedMapping('TestInferenceClient.test_text_to_image_default[hf-inference,text-to-image].yaml');
    expect(usableMappings(mapping, 'text-to-image')).toEqual([]);
    expect(describeMapping(mapping)).toBe('no inferenceProviderMapping');
  });
});
