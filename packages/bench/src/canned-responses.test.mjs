import { describe, expect, it } from 'vitest';
import { EMBEDDING, EMBEDDING_DIMENSIONS, STREAM_CHUNK_COUNT, STREAM_TEXT, assertEmbedding, assertText, streamToken } from './canned-responses.mjs';

describe('the checks every adapter applies to what it received', () => {
  it('accepts the canned text and rejects a truncated one', () => {
    expect(() => assertText(STREAM_TEXT, STREAM_TEXT, 'client')).not.toThrow();
    expect(() => assertText(STREAM_TEXT.slice(0, -streamToken(STREAM_CHUNK_COUNT - 1).length), STREAM_TEXT, 'client')).toThrow(/client: received .* expected/);
  });

  it('accepts the vector as float32 (what base64 embeddings decode to) and rejects a wrong or short one', () => {
    expect(() => assertEmbedding(new Float32Array(EMBEDDING), 'client')).not.toThrow();
    expect(() => assertEmbedding(EMBEDDING.slice(1), 'client')).toThrow(`client: embedding has ${EMBEDDING_DIMENSIONS - 1} dimensions`);
    expect(() => assertEmbedding(EMBEDDING.map((value) => value + 0.001), 'client')).toThrow(/differ from the canned vector/);
  });
});
