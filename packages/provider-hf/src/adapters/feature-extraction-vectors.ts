/** A vector per input, and whether token vectors had to be mean-pooled into one. */
export interface FeatureExtractionVectors {
  embeddings: number[][];
  pooled: boolean;
}

/**
 * Turns a feature-extraction answer into one vector per input. The pipeline answers at three depths:
 * sentence-transformers models give one vector per input (`number[]` for a single string,
 * `number[][]` for a batch); plain transformers models give one vector per token (`number[][]` for a
 * single string, `number[][][]` for a batch — `facebook/bart-base` in
 * `test_feature_extraction_with_transformers[hf-inference,feature-extraction].yaml` answers
 * `[[[…]]]` for one string). Token vectors are mean-pooled, the usual way to get a sentence vector
 * from them. Returns `undefined` when the shape matches none of these.
 */
export function featureExtractionVectors(output: unknown, inputCount: number, singleInput: boolean): FeatureExtractionVectors | undefined {
  const depth = arrayDepth(output);
  if (depth === 1 && singleInput) return { embeddings: [output as number[]], pooled: false };
  if (depth === 2) {
    const rows = output as number[][];
    if (!singleInput) return rows.length === inputCount ? { embeddings: rows, pooled: false } : undefined;
    // One input: either a one-row batch of a sentence vector, or one vector per token.
    return rows.length === 1 ? { embeddings: rows, pooled: false } : { embeddings: [meanPool(rows)], pooled: true };
  }
  if (depth === 3) {
    const batches = output as number[][][];
    if (batches.length !== inputCount) return undefined;
    return { embeddings: batches.map(meanPool), pooled: true };
  }
  return undefined;
}

/** How deeply `value` nests arrays of numbers (1 for `number[]`), or 0 when it is not such an array. */
function arrayDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (Array.isArray(current)) {
    if (current.length === 0) return 0;
    depth += 1;
    current = current[0];
  }
  return typeof current === 'number' ? depth : 0;
}

function meanPool(rows: number[][]): number[] {
  const width = rows[0]?.length ?? 0;
  const sums = new Array<number>(width).fill(0);
  for (const row of rows) for (let index = 0; index < width; index += 1) sums[index]! += row[index] ?? 0;
  return sums.map((sum) => sum / rows.length);
}
