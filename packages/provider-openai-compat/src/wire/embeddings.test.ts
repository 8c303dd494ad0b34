import { readFileSync } from 'node:fs';
import { sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { decodeBase64Floats, decodeEmbeddings } from './embeddings.js';

const read = (...segments: string[]) => JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8')) as unknown;

describe('decodeEmbeddings', () => {
  it('reads float vectors (openai-embedding fixture)', () => {
    const result = decodeEmbeddings(read('openai-compat-streams', 'openai-embedding', 'openai-embedding.json'), { inputCount: 2 });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.embeddings[0]).toEqual([0.0057293195, -0.012727811, 0.020042092, -0.013437585, 0.022833068]);
    expect(result.embeddings[1]?.[0]).toBe(-0.037104916);
    expect(result.usage).toEqual({ inputTokens: 12, totalTokens: 12 });
  });

  it('decodes base64 float32 vectors (semantic-kernel text-embeddings-response.txt)', () => {
    const result = decodeEmbeddings(read('semantic-kernel', 'openai', 'text-embeddings-response.txt'), { inputCount: 1 });
    expect(result.embeddings[0]?.map((value) => Math.round(value * 1000) / 1000)).toEqual([1.1, 2.2, 3.3, 4.4]);
    expect(result.usage.inputTokens).toBe(7);
  });

  it('puts vectors back in input order by index, and rejects count mismatches and torn base64', () => {
    const result = decodeEmbeddings({ data: [{ index: 1, embedding: [2] }, { index: 0, embedding: [1] }] }, { inputCount: 2 });
    expect(result.embeddings).toEqual([[1], [2]]);
    expect(() => decodeEmbeddings({ data: [{ embedding: [1] }] }, { inputCount: 2 })).toThrow(/1 embeddings for 2 inputs/);
    expect(() => decodeEmbeddings({ data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }] }, { inputCount: 2 })).toThrow(/repeated or out-of-range/);
    expect(() => decodeBase64Floats(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(/3 bytes/);
    expect(() => decodeEmbeddings({ data: [{ embedding: { x: 1 } }] }, { inputCount: 1 })).toThrow(/array of numbers or a base64 string/);
  });
});
