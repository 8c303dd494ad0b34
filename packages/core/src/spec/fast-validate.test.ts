import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAmount, isCount, isId, isRecord, validateFast } from './fast-validate.js';

const anything = fc.oneof(fc.anything(), fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(Number.NaN, Infinity, -0, 0.5, '', 'x'));

describe('validateFast', () => {
  it('the prechecks accept nothing their zod counterparts reject', () => {
    const pairs: Array<[(value: unknown) => boolean, z.ZodType]> = [
      [isAmount, z.number().finite().nonnegative()],
      [isCount, z.number().int().nonnegative()],
      [isId, z.string().min(1)],
      [isRecord, z.object({}).loose()],
    ];
    fc.assert(
      fc.property(anything, (value) => {
        for (const [precheck, schema] of pairs) if (precheck(value)) expect(schema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('returns an accepted value untouched and lets zod explain a rejected one', () => {
    const value = { a: 1 };
    expect(validateFast(value, isRecord, z.object({ a: z.number() }), 'thing')).toBe(value);
    expect(() => validateFast(-1, isAmount, z.number().nonnegative('cost must be >= 0'), 'settled cost')).toThrow('Invalid settled cost: (root): cost must be >= 0.');
  });
});
