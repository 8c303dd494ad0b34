import { readFileSync } from 'node:fs';
import { sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { decodeImageGeneration, sniffImageType } from './image-generation.js';
import { decodeModelList } from './model-list.js';

const read = (...segments: string[]) => JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8')) as unknown;

describe('decodeImageGeneration', () => {
  it('decodes b64_json images and keeps revised prompts (openai-image fixtures)', () => {
    const { images } = decodeImageGeneration(read('openai-compat-streams', 'openai-image', 'openai-image.json'));
    expect(images).toHaveLength(2);
    expect(images[0]).toMatchObject({ kind: 'bytes', mediaType: 'image/png' });
    expect(images[0]?.revisedPrompt?.startsWith('A small and adorable baby sea otter')).toBe(true);
    const edit = decodeImageGeneration(read('openai-compat-streams', 'openai-image', 'openai-image-edit.json'));
    expect(edit.images[0]).toMatchObject({ kind: 'bytes', mediaType: 'image/png' });
  });

  it('leaves URL images for download and rejects items with neither', () => {
    expect(decodeImageGeneration({ data: [{ url: 'https://cdn.example/x.png' }] }).images[0]).toEqual({ kind: 'url', url: 'https://cdn.example/x.png' });
    expect(() => decodeImageGeneration({ data: [{ revised_prompt: 'x' }] })).toThrow(/"b64_json" or "url"/);
    expect(() => decodeImageGeneration({ data: [] })).toThrow(/at least one image/);
  });

  it('sniffs JPEG and WebP, and falls back to output_format', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    const jpeg = decodeImageGeneration({ data: [{ b64_json: Buffer.from('not an image').toString('base64') }], output_format: 'jpeg' });
    expect(jpeg.images[0]).toMatchObject({ mediaType: 'image/jpeg' });
  });
});

describe('decodeModelList', () => {
  it('reads lists with context lengths from vLLM, Together and Groq fields, and a single TGI model object', () => {
    const models = decodeModelList({
      object: 'list',
      data: [
        { id: 'meta-llama/Llama-3.1-8B', object: 'model', owned_by: 'vllm', created: 1700000000, max_model_len: 8192 },
        { id: 'together/x', context_length: 32768 },
        { id: 'groq/y', context_window: 131072 },
      ],
    });
    expect(models.map((model) => [model.id, model.contextLength])).toEqual([
      ['meta-llama/Llama-3.1-8B', 8192],
      ['together/x', 32768],
      ['groq/y', 131072],
    ]);
    expect(models[0]).toMatchObject({ ownedBy: 'vllm', created: 1700000000 });
    expect(decodeModelList({ id: 'tgi', object: 'model', owned_by: 'tgi' })).toEqual([{ id: 'tgi', ownedBy: 'tgi', metadata: { object: 'model', owned_by: 'tgi' } }]);
    expect(() => decodeModelList({ data: [{ name: 'no id' }] })).toThrow(/invalid-response|not a valid model list/);
  });
});
