import { describe, expect, it } from 'vitest';
import { featureExtractionVectors } from './feature-extraction-vectors.js';

describe('featureExtractionVectors', () => {
  it('takes sentence vectors as they come, for one input and for a batch', () => {
    expect(featureExtractionVectors([0.1, 0.2], 1, true)).toEqual({ embeddings: [[0.1, 0.2]], pooled: false });
    expect(featureExtractionVectors([[0.1, 0.2]], 1, true)).toEqual({ embeddings: [[0.1, 0.2]], pooled: false });
    expect(featureExtractionVectors([[1, 2], [3, 4]], 2, false)).toEqual({ embeddings: [[1, 2], [3, 4]], pooled: false });
  });

  it('mean-pools token vectors into one vector per input', () => {
    expect(featureExtractionVectors([[1, 2], [3, 6]], 1, true)).toEqual({ embeddings: [[2, 4]], pooled: true });
    expect(featureExtractionVectors([[[1, 1], [3, 3]], [[0, 2]]], 2, false)).toEqual({ embeddings: [[2, 2], [0, 2]], pooled: true });
  });

  it('refuses shapes that do not give one vector per input', () => {
    expect(featureExtractionVectors([[1, 2], [3, 4], [5, 6]], 2, false)).toBeUndefined();
    expect(featureExtractionVectors({ error: 'x' }, 1, true)).toBeUndefined();
    expect(featureExtractionVectors([], 1, true)).toBeUndefined();
    expect(featureExtractionVectors([['a']], 1, true)).toBeUndefined();
  });
});
