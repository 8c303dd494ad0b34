import { z } from 'zod';

// Acme Inference v2, as this package reads it. Schemas are loose on purpose: unknown fields are
// ignored (Acme adds fields without a version bump), missing optional ones are fine.

/** A tool call: Acme sends the arguments as a JSON object, not as JSON text. */
export const acmeCallSchema = z.object({
  id: z.string().min(1),
  tool: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});

/** Token counts and, when the account has prices, what the call cost in US dollars. */
export const acmeMeterSchema = z.object({
  tokens_in: z.number().int().nonnegative().optional(),
  tokens_out: z.number().int().nonnegative().optional(),
  cost_usd: z.number().nonnegative().optional(),
});

/** `POST /chat` with `"stream": false`. */
export const acmeChatResponseSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  reply: z.object({
    text: z.string().default(''),
    calls: z.array(acmeCallSchema).default([]),
  }),
  /** `done`, `limit`, `calls` or `filtered`; anything else is kept as the raw reason. */
  end: z.string(),
  meter: acmeMeterSchema.optional(),
});

/** `POST /embed`. */
export const acmeEmbedResponseSchema = z.object({
  model: z.string().optional(),
  vectors: z.array(z.array(z.number())),
  meter: acmeMeterSchema.optional(),
});

/** `GET /models`. */
export const acmeModelListSchema = z.object({
  models: z.array(
    z.object({
      name: z.string().min(1),
      context_window: z.number().int().positive().optional(),
      /** Unix seconds. */
      created: z.number().int().optional(),
      tasks: z.array(z.string()).optional(),
    }),
  ),
});

/** The body of every Acme error response, and the data of a `failure` stream event. */
export const acmeFailureSchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
});

export type AcmeCall = z.infer<typeof acmeCallSchema>;
export type AcmeMeter = z.infer<typeof acmeMeterSchema>;
export type AcmeChatResponse = z.infer<typeof acmeChatResponseSchema>;
export type AcmeEmbedResponse = z.infer<typeof acmeEmbedResponseSchema>;
export type AcmeModelList = z.infer<typeof acmeModelListSchema>;
