import type { ZodModule } from '../spec/load-zod.js';

// Loose where the wire is loose (unknown keys are allowed so newer callers keep working), strict
// where a wrong value would silently change what is sent.
//
// Built together on first use, not at import (see spec/load-schemas.ts): a client checks well-formed
// requests by hand (request-checks.ts) and only builds these, and loads zod, for a request the check
// rejects.
export function buildRequestSchemas(z: ZodModule) {
  const nonEmpty = (what: string) => z.string({ error: `expected ${what} as a string` }).min(1, `${what} must not be empty`);

  const contentPart = z.union([
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('image'), url: z.string().min(1, 'image url must not be empty') }),
    z.object({
      type: z.literal('image'),
      data: z.instanceof(Uint8Array, { error: 'image data must be a Uint8Array (use url for links)' }),
      mediaType: z.string().regex(/^image\//, 'mediaType must be an image type such as "image/png"'),
    }),
  ]);

  const toolCall = z.object({ id: z.string(), name: nonEmpty('tool call name'), arguments: z.string() });

  const chatMessage = z.discriminatedUnion(
    'role',
    [
      z.object({ role: z.literal('system'), content: z.string({ error: 'system content must be a string' }) }),
      z.object({
        role: z.literal('user'),
        content: z.union([z.string(), z.array(contentPart).min(1, 'content parts must not be empty')], {
          error: 'user content must be a string or an array of content parts',
        }),
      }),
      z.object({
        role: z.literal('assistant'),
        content: z.string().optional(),
        toolCalls: z.array(toolCall).optional(),
        reasoning: z.string().optional(),
      }),
      z.object({
        role: z.literal('tool'),
        toolCallId: nonEmpty('toolCallId'),
        content: z.string(),
        name: z.string().optional(),
      }),
    ],
    { error: 'role must be one of "system", "user", "assistant", "tool"' },
  );

  const providerOptions = z.record(z.string(), z.record(z.string(), z.unknown())).optional();

  const sampling = {
    temperature: z.number().min(0, 'temperature must be >= 0').max(5, 'temperature must be <= 5').optional(),
    topP: z.number().gt(0, 'topP must be > 0').max(1, 'topP must be <= 1').optional(),
    topK: z.number().int().positive().optional(),
    maxTokens: z.number().int('maxTokens must be a whole number').positive('maxTokens must be > 0').optional(),
    stop: z.array(z.string()).max(16, 'at most 16 stop sequences').optional(),
    seed: z.number().int().optional(),
    presencePenalty: z.number().min(-2).max(2).optional(),
    frequencyPenalty: z.number().min(-2).max(2).optional(),
  };

  const model = nonEmpty('model');

  const chatRequest = z.looseObject({
    model,
    messages: z.array(chatMessage, { error: 'messages must be an array of messages' }).min(1, 'messages must not be empty'),
    tools: z
      .array(
        z.object({
          name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'tool name must be 1-64 letters, digits, "_", "." or "-"'),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()),
        }),
      )
      .optional(),
    toolChoice: z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().min(1) })]).optional(),
    responseFormat: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('text') }),
        z.object({ type: z.literal('json') }),
        z.object({
          type: z.literal('json-schema'),
          schema: z.record(z.string(), z.unknown()),
          name: z.string().optional(),
          strict: z.boolean().optional(),
        }),
      ])
      .optional(),
    reasoning: z.union([z.boolean(), z.enum(['low', 'medium', 'high'])]).optional(),
    providerOptions,
    ...sampling,
  });

  const completionRequest = z.looseObject({
    model,
    prompt: z.string({ error: 'prompt must be a string' }),
    suffix: z.string().optional(),
    providerOptions,
    ...sampling,
  });

  const embedRequest = z.looseObject({
    model,
    input: z.union([z.string(), z.array(z.string()).min(1, 'input must not be an empty array')], {
      error: 'input must be a string or an array of strings',
    }),
    dimensions: z.number().int().positive().optional(),
    providerOptions,
  });

  const dimension = z.number().int().positive().max(16_384).optional();

  const imageRequest = z.looseObject({
    model,
    prompt: nonEmpty('prompt'),
    negativePrompt: z.string().optional(),
    width: dimension,
    height: dimension,
    count: z.number().int().min(1).max(16).optional(),
    seed: z.number().int().optional(),
    steps: z.number().int().positive().optional(),
    guidanceScale: z.number().nonnegative().optional(),
    providerOptions,
  });

  const videoRequest = z.looseObject({
    model,
    prompt: nonEmpty('prompt'),
    negativePrompt: z.string().optional(),
    width: dimension,
    height: dimension,
    durationSeconds: z.number().positive().max(600).optional(),
    fps: z.number().positive().max(240).optional(),
    seed: z.number().int().optional(),
    providerOptions,
  });

  return { chatMessage, chatRequest, completionRequest, embedRequest, imageRequest, videoRequest };
}
