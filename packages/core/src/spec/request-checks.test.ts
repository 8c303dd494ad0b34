import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { looksLikeChatRequest, looksLikeCompletionRequest, looksLikeEmbedRequest } from './request-checks.js';
import { chatRequestSchema, completionRequestSchema, embedRequestSchema } from './schemas.js';

// Values near every boundary the schemas draw: empty strings, zero, negatives, fractions, NaN,
// infinities, wrong types.
const edgy = fc.oneof(
  fc.constantFrom(undefined, null, '', 'x', 0, -0, 1, -1, 0.5, 1.5, 2, 5, 5.1, 16, 17, Number.NaN, Infinity, -Infinity, true, false, 'low', 'high', 'none'),
  fc.integer({ min: -3, max: 20 }),
  fc.double({ min: -3, max: 6 }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.anything(),
);
/** Mostly `valid`, sometimes any edge value: the generated requests land on both sides of the line. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: edgy, weight: 1 });
/** Values of a field, with the values on either side of its bounds often enough to matter. */
const around = <T>(inside: fc.Arbitrary<T>, ...bounds: unknown[]) => fc.oneof({ arbitrary: inside, weight: 4 }, { arbitrary: fc.constantFrom(...bounds), weight: 1 });
const text = fc.string({ maxLength: 8 });
const id = around(fc.string({ minLength: 1, maxLength: 8 }), '', 'x');
const positiveInteger = around(fc.integer({ min: 1, max: 4096 }), 0, -1, 1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER);
const list = <T>(item: fc.Arbitrary<T>, maxLength: number) =>
  // Sparse arrays too: zod reads a hole as undefined.
  fc.oneof({ arbitrary: fc.array(item, { maxLength }), weight: 6 }, { arbitrary: fc.sparseArray(item, { maxLength }), weight: 1 });
const part = fc.record({ type: around(fc.constant('text'), 'image'), text: mostly(text) });
const toolCall = fc.record({ id: mostly(text), name: mostly(id), arguments: mostly(text) });
const message = fc.oneof(
  fc.record({ role: fc.constant('system'), content: mostly(text) }),
  fc.record({ role: fc.constant('user'), content: mostly(fc.oneof(text, list(mostly(part), 3))) }),
  fc.record({ role: fc.constant('assistant'), content: mostly(text), toolCalls: mostly(list(mostly(toolCall), 2)), reasoning: mostly(text) }, { requiredKeys: ['role'] }),
  fc.record({ role: fc.constant('tool'), toolCallId: mostly(id), content: mostly(text), name: mostly(text), extra: fc.anything() }, { requiredKeys: ['role', 'toolCallId', 'content'] }),
  edgy,
);
const penalty = around(fc.double({ min: -2, max: 2, noNaN: true }), -2, 2, -2.0001, 2.0001);
const sampling = {
  temperature: mostly(around(fc.double({ min: 0, max: 5, noNaN: true }), 0, 5, -0.0001, 5.0001)),
  topP: mostly(around(fc.double({ min: 0, max: 1, noNaN: true }), 0, -0, 1, 1.0001)),
  topK: mostly(positiveInteger),
  maxTokens: mostly(positiveInteger),
  seed: mostly(around(fc.integer(), 1.5, 2 ** 53 + 2, -(2 ** 53) - 2)),
  presencePenalty: mostly(penalty),
  frequencyPenalty: mostly(penalty),
  stop: mostly(fc.oneof(list(mostly(text), 4), fc.array(text, { minLength: 15, maxLength: 17 }))),
};
const chatRequest = fc.record(
  {
    model: mostly(id),
    messages: mostly(fc.oneof({ arbitrary: fc.array(message, { minLength: 1, maxLength: 4 }), weight: 6 }, { arbitrary: list(message, 3), weight: 1 })),
    reasoning: mostly(around(fc.constantFrom(true, false, 'low', 'medium', 'high'), 'none', 'max', 1)),
    providerOptions: fc.oneof(fc.constant(undefined), fc.anything()),
    ...sampling,
  },
  { requiredKeys: ['model', 'messages'] },
);
const completionRequest = fc.record({ model: mostly(id), prompt: mostly(text), suffix: mostly(text), ...sampling }, { requiredKeys: ['model', 'prompt'] });
const embedRequest = fc.record(
  { model: mostly(id), input: mostly(fc.oneof(text, list(mostly(text), 3))), dimensions: mostly(positiveInteger) },
  { requiredKeys: ['model', 'input'] },
);

function expectNoFalseAccept(looksValid: (value: unknown) => boolean, schema: ZodType, values: fc.Arbitrary<unknown>): void {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof({ arbitrary: values, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), (value) => {
      if (!looksValid(value)) return;
      accepted += 1;
      expect(schema.safeParse(value).success).toBe(true);
    }),
    { numRuns: 5_000 },
  );
  // The generators reach the accepted region often enough for the property to mean something.
  expect(accepted).toBeGreaterThan(50);
}

describe('request prechecks', () => {
  it('accept nothing their zod schema rejects', () => {
    expectNoFalseAccept(looksLikeChatRequest, chatRequestSchema, chatRequest);
    expectNoFalseAccept(looksLikeCompletionRequest, completionRequestSchema, completionRequest);
    expectNoFalseAccept(looksLikeEmbedRequest, embedRequestSchema, embedRequest);
  });

  it('take the common shapes (so the client skips the zod parse for them)', () => {
    expect(
      looksLikeChatRequest({
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: 'Hello', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }] },
          { role: 'tool', toolCallId: 'c1', content: '42', name: 'lookup' },
        ],
        temperature: 0.2,
        topP: 1,
        maxTokens: 128,
        stop: ['\n'],
        seed: 7,
        reasoning: 'low',
      }),
    ).toBe(true);
    expect(looksLikeCompletionRequest({ model: 'm', prompt: 'def f(', suffix: ')', maxTokens: 16 })).toBe(true);
    expect(looksLikeEmbedRequest({ model: 'm', input: ['a', 'b'], dimensions: 256 })).toBe(true);
    expect(looksLikeEmbedRequest({ model: 'm', input: 'a' })).toBe(true);
  });

  it('leave what they do not check to zod (tools, images, provider options, bad values)', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
    expect(looksLikeChatRequest({ ...base, tools: [{ name: 'f', parameters: {} }] })).toBe(false);
    expect(looksLikeChatRequest({ ...base, providerOptions: { ollama: {} } })).toBe(false);
    expect(looksLikeChatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x/y.png' }] }] })).toBe(false);
    expect(looksLikeChatRequest({ ...base, temperature: 6 })).toBe(false);
    expect(looksLikeChatRequest({ ...base, maxTokens: 1.5 })).toBe(false);
    expect(looksLikeChatRequest({ ...base, messages: [] })).toBe(false);
    expect(looksLikeChatRequest({ ...base, model: '' })).toBe(false);
  });
});
