// The request bodies this provider sends to Ollama's native API (`/api/*`), as documented in
// ollama/docs/api.md and ollama/docs/openapi.yaml. Field names are Ollama's own (snake_case).

/** Ollama's `think`: on/off, or a thinking level for models that have levels. */
export type OllamaThink = boolean | 'low' | 'medium' | 'high' | 'max';

/** Ollama's `format`: JSON mode, or a JSON schema the output must match. */
export type OllamaFormat = 'json' | Record<string, unknown>;

/** Ollama's runtime `options` (Modelfile parameters); unknown keys pass through to the server. */
export interface OllamaModelOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  num_predict?: number;
  stop?: string[];
  seed?: number;
  num_ctx?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  [option: string]: unknown;
}

/** A tool call on the wire: the arguments are a JSON object, not JSON text. */
export interface OllamaToolCall {
  /** Sent by servers from 2025 on; 2024 servers send none. */
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

/** One message of `/api/chat`. */
export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 image bytes, without a `data:` prefix. */
  images?: string[];
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  /** For `tool` messages: which function produced this result. */
  tool_name?: string;
  tool_call_id?: string;
}

/** A function the model may call. */
export interface OllamaTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** `POST /api/chat`. */
export interface OllamaChatBody {
  model: string;
  messages: OllamaMessage[];
  tools?: OllamaTool[];
  format?: OllamaFormat;
  options?: OllamaModelOptions;
  stream: boolean;
  think?: OllamaThink;
  keep_alive?: string;
  logprobs?: boolean;
  top_logprobs?: number;
}

/** `POST /api/generate`. */
export interface OllamaGenerateBody {
  model: string;
  prompt: string;
  suffix?: string;
  images?: string[];
  format?: OllamaFormat;
  options?: OllamaModelOptions;
  system?: string;
  template?: string;
  raw?: boolean;
  stream: boolean;
  think?: OllamaThink;
  keep_alive?: string;
  logprobs?: boolean;
  top_logprobs?: number;
}

/** `POST /api/embed`: one request for the whole batch of inputs. */
export interface OllamaEmbedBody {
  model: string;
  input: string | string[];
  truncate?: boolean;
  dimensions?: number;
  keep_alive?: string;
  options?: OllamaModelOptions;
}

/** `POST /api/pull`. */
export interface OllamaPullBody {
  model: string;
  insecure?: boolean;
  stream: boolean;
}

/** `POST /api/show`. */
export interface OllamaShowBody {
  model: string;
  verbose?: boolean;
}
