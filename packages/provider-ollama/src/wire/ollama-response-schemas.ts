import type { z } from 'zod';
import { loadZod, lazySchema, schemaOnFirstUse } from '@switchyard/core';

// Loose schemas for what Ollama answers: unknown fields pass (newer servers add fields), and every
// field a 2023 or 2024 server may omit is optional.
//
// Each is built on its first use (core's lazySchema, behind schemaOnFirstUse so the exports stay
// schemas), and zod is loaded then: importing zod is 90–150 ms of a cold start, and building a zod object schema costs about 0.75 ms, and
// building these at import was about 5 ms of the package's 11-14 ms import (cpu profile of a cold
// import). The calls themselves check answers by hand first (ollama-answer-checks.ts), so a
// well-formed answer never needs them built at all.

const count = () => loadZod().number().nonnegative().optional();

/** The statistics Ollama adds to a final answer; durations are in nanoseconds. */
function timingsShape() {
  return {
    total_duration: count(),
    load_duration: count(),
    prompt_eval_count: count(),
    prompt_eval_duration: count(),
    eval_count: count(),
    eval_duration: count(),
  };
}

/** The counters and durations of a final answer, in Ollama's units. */
export interface OllamaTimings {
  total_duration?: number | undefined;
  load_duration?: number | undefined;
  prompt_eval_count?: number | undefined;
  prompt_eval_duration?: number | undefined;
  eval_count?: number | undefined;
  eval_duration?: number | undefined;
}

/** A tool call as Ollama sends it: `arguments` is an object (a string is tolerated from proxies). */
export const ollamaWireToolCallSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    id: z.string().optional(),
    function: z.looseObject({
      index: z.number().optional(),
      name: z.string().min(1),
      arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    }),
  }),
));
export type OllamaWireToolCall = z.infer<typeof ollamaWireToolCallSchema>;

/** A non-streamed `/api/chat` answer (also the shape of each stream line). */
export const ollamaChatResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    model: z.string().optional(),
    created_at: z.string().optional(),
    // The final line of a "with history" stream in api.md carries no message at all.
    message: z
      .looseObject({
        role: z.string().optional(),
        content: z.string().optional(),
        thinking: z.string().optional(),
        tool_calls: z.array(ollamaWireToolCallSchema).nullable().optional(),
        images: z.array(z.string()).nullable().optional(),
      })
      .optional(),
    done: z.boolean().optional(),
    done_reason: z.string().optional(),
    ...timingsShape(),
  }),
));
export type OllamaChatResponse = z.infer<typeof ollamaChatResponseSchema>;

/** The `"done": true` line of a chat or generate stream, as the stream decoder reads it. */
export const ollamaFinalLineSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    model: z.string().optional(),
    created_at: z.string().optional(),
    done_reason: z.string().optional(),
    context: z.array(z.number()).optional(),
    ...timingsShape(),
  }),
));
export type OllamaFinalLine = z.infer<typeof ollamaFinalLineSchema>;

/** A non-streamed `/api/generate` answer. */
export const ollamaGenerateResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    model: z.string().optional(),
    created_at: z.string().optional(),
    response: z.string().optional(),
    thinking: z.string().optional(),
    done: z.boolean().optional(),
    done_reason: z.string().optional(),
    /** Deprecated conversational memory; returned so callers can send it back. */
    context: z.array(z.number()).optional(),
    ...timingsShape(),
  }),
));
export type OllamaGenerateResponse = z.infer<typeof ollamaGenerateResponseSchema>;

/** `/api/embed`: one vector per input, in order. */
export const ollamaEmbedResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    model: z.string().optional(),
    embeddings: z.array(z.array(z.number())),
    total_duration: count(),
    load_duration: count(),
    prompt_eval_count: count(),
  }),
));
export type OllamaEmbedResponse = z.infer<typeof ollamaEmbedResponseSchema>;

const modelDetailsSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    parent_model: z.string().optional(),
    format: z.string().optional(),
    family: z.string().optional(),
    families: z.array(z.string()).nullable().optional(),
    parameter_size: z.string().optional(),
    quantization_level: z.string().optional(),
  }),
));
export type OllamaWireModelDetails = z.infer<typeof modelDetailsSchema>;

/** `/api/tags`: the models stored on the server. */
export const ollamaTagsResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    models: z.array(
      z.looseObject({
        name: z.string(),
        model: z.string().optional(),
        modified_at: z.string().optional(),
        size: z.number().optional(),
        digest: z.string().optional(),
        details: modelDetailsSchema.optional(),
        remote_model: z.string().optional(),
        remote_host: z.string().optional(),
      }),
    ),
  }),
));
export type OllamaTagsResponse = z.infer<typeof ollamaTagsResponseSchema>;

/** `/api/ps`: the models loaded in memory right now. */
export const ollamaPsResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    models: z.array(
      z.looseObject({
        name: z.string(),
        model: z.string().optional(),
        size: z.number().optional(),
        size_vram: z.number().optional(),
        digest: z.string().optional(),
        details: modelDetailsSchema.optional(),
        expires_at: z.string().optional(),
        context_length: z.number().optional(),
      }),
    ),
  }),
));
export type OllamaPsResponse = z.infer<typeof ollamaPsResponseSchema>;

/** `/api/show`: a model's details, parameters and capabilities. */
export const ollamaShowResponseSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    modelfile: z.string().optional(),
    parameters: z.string().optional(),
    template: z.string().optional(),
    license: z.string().optional(),
    system: z.string().optional(),
    modified_at: z.string().optional(),
    details: modelDetailsSchema.optional(),
    model_info: z.record(z.string(), z.unknown()).optional(),
    capabilities: z.array(z.string()).optional(),
  }),
));
export type OllamaShowResponse = z.infer<typeof ollamaShowResponseSchema>;

/** `/api/version`. */
export const ollamaVersionResponseSchema = schemaOnFirstUse(lazySchema((z) => z.looseObject({ version: z.string() })));

/** One line of a `/api/pull` stream (or its single unstreamed answer). */
export const ollamaPullStatusSchema = schemaOnFirstUse(lazySchema((z) =>
  z.looseObject({
    status: z.string(),
    digest: z.string().optional(),
    total: z.number().optional(),
    completed: z.number().optional(),
  }),
));
export type OllamaPullStatus = z.infer<typeof ollamaPullStatusSchema>;
