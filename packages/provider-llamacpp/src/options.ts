import { z } from 'zod';

/** Options of {@link llamaCpp}. */
export interface LlamaCppOptions {
  /** Provider id within a client. Default `'llamacpp'`. */
  id?: string;
  /**
   * The models this provider serves, by the model id callers use. Each value says where the GGUF
   * file is: an absolute or relative path, a bare file name (looked up in `modelsDir`), or
   * `hf:<owner>/<repo>/<file.gguf>` (looked up in `modelsDir`, then the Hugging Face cache, then
   * downloaded from the Hub).
   */
  models: Record<string, string>;
  /** Folder of GGUF files; downloads land here. The demo passes `SWITCHYARD_MODELS_DIR`. */
  modelsDir?: string;
  /** The Hugging Face hub cache (`$HF_HUB_CACHE`, default `~/.cache/huggingface/hub`). */
  huggingFaceCacheDir?: string;
  /** Where `hf:` models are downloaded from. Default `https://huggingface.co`. */
  hubUrl?: string;
  /** Allow downloading missing `hf:` models. Default `true`. */
  download?: boolean;
  /** CPU threads. Default: every core (`os.availableParallelism()`): fewer collapses the speed. */
  threads?: number;
  /** Context window in tokens, capped at what the model was trained for. Default 2048. */
  contextSize?: number;
}

export const llamaCppOptionsSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'id must be letters, digits, ".", "_" or "-"').optional(),
  models: z
    .record(z.string().min(1), z.string().min(1, 'a model location must not be empty'), {
      error: 'models must map model ids to GGUF locations, e.g. { "stories": "hf:ggml-org/models/tinyllamas/stories260K.gguf" }',
    })
    .refine((models) => Object.keys(models).length > 0, 'models must name at least one model'),
  modelsDir: z.string().min(1).optional(),
  huggingFaceCacheDir: z.string().min(1).optional(),
  hubUrl: z.url({ error: 'hubUrl must be an absolute URL' }).optional(),
  download: z.boolean().optional(),
  threads: z.number().int().positive().max(1024).optional(),
  contextSize: z.number().int().min(16).max(1_048_576).optional(),
});
