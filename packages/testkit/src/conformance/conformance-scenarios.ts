import type { Reply } from '../server/reply-types.js';

/** The tasks the conformance suite exercises. */
export type ConformanceTask = 'chat' | 'completion' | 'embedding' | 'image';

/** The provider's own model ids for each task; a task without a model is not tested. */
export interface ConformanceModels {
  chat?: string;
  completion?: string;
  embedding?: string;
  image?: string;
}

/** A tool call the scripted model makes (arguments are the raw JSON text). */
export interface ScenarioToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Token counts the scripted server reports. */
export interface ScenarioUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * What a scripted chat answer contains. A dialect turns it into its own wire format: one body for
 * `chat`, one stream for `streamChat` where each `deltas` entry is its own chunk, in order, and the
 * first two chunks each carry content (the suite cuts streams after two chunks).
 */
export interface ChatScenario {
  model: string;
  /** The whole answer; equal to `deltas.join('')`. */
  text: string;
  deltas: readonly string[];
  toolCalls: readonly ScenarioToolCall[];
  finishReason: 'stop' | 'length' | 'tool-calls';
  usage: ScenarioUsage;
}

/** What a scripted text completion contains (see {@link ChatScenario} for the streaming rules). */
export interface CompletionScenario {
  model: string;
  text: string;
  deltas: readonly string[];
  finishReason: 'stop' | 'length';
  usage: ScenarioUsage;
}

/** What a scripted embeddings answer contains: one vector per input, in order. */
export interface EmbeddingScenario {
  model: string;
  inputs: readonly string[];
  embeddings: readonly (readonly number[])[];
  usage: { inputTokens: number };
}

/** What a scripted image answer contains. */
export interface ImageScenario {
  model: string;
  prompt: string;
  image: Uint8Array;
  mediaType: string;
}

/** An error the scripted server answers with, in the dialect's error shape. */
export interface ErrorScenario {
  task: ConformanceTask;
  model: string;
  status: 401 | 404 | 429 | 500;
  /** What the status means here: a bad key, an unknown model, a rate limit, a server fault. */
  meaning: 'auth' | 'model-not-found' | 'rate-limit' | 'server';
  message: string;
  /** Seconds to put in `Retry-After` (rate limits). */
  retryAfterSeconds?: number;
}

/** Where a task is served: method and path on the test server. */
export interface DialectEndpoint {
  method: string;
  path: string | RegExp;
}

/** A route every test of a dialect needs besides the task endpoints (a model-mapping lookup). */
export interface DialectSupportRoute {
  method: string;
  path: string | RegExp;
  reply: Reply | ((request: import('../server/recorded-request.js').RecordedRequest) => Reply);
}

/**
 * A wire format the conformance suite can script. The built-in ones are `openai`, `ollama` and
 * `hf`; a third-party provider passes its own. Task scripts are optional: a task whose script is
 * missing is reported as not applicable.
 */
export interface CustomDialect {
  readonly name: string;
  /** The base URL handed to `createProvider`, given the server's URL (`${serverUrl}/v1` for OpenAI). */
  baseURL(serverUrl: string): string;
  /** Where `task` is served; `stream` is true for the streaming variant. */
  endpoint(task: ConformanceTask, model: string, stream: boolean): DialectEndpoint;
  /** Routes mounted before every test (e.g. the Hugging Face Hub's model-mapping lookup). */
  supportRoutes?(models: ConformanceModels): DialectSupportRoute[];
  chat?(scenario: ChatScenario): Reply;
  streamChat?(scenario: ChatScenario): Reply;
  complete?(scenario: CompletionScenario): Reply;
  streamComplete?(scenario: CompletionScenario): Reply;
  embed?(scenario: EmbeddingScenario): Reply;
  textToImage?(scenario: ImageScenario): Reply;
  /** The dialect's error response for `scenario` (status, body shape, `Retry-After`). */
  error(scenario: ErrorScenario): Reply;
}

/** A 1×1 transparent PNG: small, real image bytes for the image scenario. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

/** The fixed scenarios the suite scripts (exported so dialect authors can test their scripts). */
export const conformanceScenarios = {
  chat(model: string): ChatScenario {
    const deltas = ['Hello', ' from', ' the conformance', ' suite ✓'];
    return { model, text: deltas.join(''), deltas, toolCalls: [], finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 7 } };
  },
  toolChat(model: string): ChatScenario {
    return {
      model,
      text: '',
      deltas: [],
      toolCalls: [{ id: 'call_conformance_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 40, outputTokens: 18 },
    };
  },
  completion(model: string): CompletionScenario {
    const deltas = ['Once', ' upon', ' a time'];
    return { model, text: deltas.join(''), deltas, finishReason: 'length', usage: { inputTokens: 5, outputTokens: 3 } };
  },
  embedding(model: string): EmbeddingScenario {
    return {
      model,
      inputs: ['first text', 'second text'],
      embeddings: [
        [0.125, -0.5, 0.75],
        [-0.25, 0.5, 0.0625],
      ],
      usage: { inputTokens: 4 },
    };
  },
  image(model: string): ImageScenario {
    return { model, prompt: 'a tiny square', image: TINY_PNG, mediaType: 'image/png' };
  },
};
