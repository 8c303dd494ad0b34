// Public API of @switchyard/core. Each area keeps its own explicit export list in its index.ts.

// The contract
export { SPECIFICATION_VERSION, isProvider } from './spec/provider.js';
export type { Provider, ProviderKind, ProviderRoute } from './spec/provider.js';
export { TASKS } from './spec/tasks.js';
export type { Task } from './spec/tasks.js';
export type { CallContext, ResolvedTimeouts, ProviderProgressEvent } from './spec/call-context.js';
export type {
  ContentPart,
  ChatMessage,
  ToolCall,
  ToolDefinition,
  ToolChoice,
  ResponseFormat,
  FinishReason,
} from './spec/messages.js';
export type {
  BaseRequest,
  SamplingOptions,
  ChatRequest,
  CompletionRequest,
  EmbedRequest,
  ImageRequest,
  VideoRequest,
} from './spec/requests.js';
export type {
  ProviderResultBase,
  ChatResult,
  CompletionResult,
  EmbedResult,
  GeneratedMedia,
  ImageResult,
  VideoResult,
  ClientResponseFields,
  ChatResponse,
  CompletionResponse,
  EmbedResponse,
  ImageResponse,
  VideoResponse,
  ModelInfo,
  HealthReport,
} from './spec/responses.js';
export { isContentEvent } from './spec/stream-events.js';
export type { ChatStreamEvent } from './spec/stream-events.js';
export type { Usage } from './spec/usage.js';
export {
  chatMessageSchema,
  chatRequestSchema,
  completionRequestSchema,
  embedRequestSchema,
  imageRequestSchema,
  videoRequestSchema,
} from './spec/schemas.js';
export { validateInput } from './spec/validate-input.js';

// Errors
export { SwitchyardError, isSwitchyardError } from './errors/switchyard-error.js';
export type { SwitchyardErrorOptions } from './errors/switchyard-error.js';
export { ERROR_KINDS, RETRYABLE_KINDS } from './errors/error-kind.js';
export type { ErrorKind, TimeoutPhase, NetworkPhase } from './errors/error-kind.js';

// Credentials
export { Secret, SECRET_MARKER, isSecretLike, toSecret } from './secret/secret.js';
export type { SecretLike, ResolvedCredential, CredentialSource } from './secret/secret.js';

// Billing and trace types
export type { Pricing, Cost, CostBasis } from './billing/cost.js';
export type { AttemptTrace, AttemptOutcome, Trace } from './client/trace-types.js';

// Transport
export type {
  HttpMethod,
  HttpRequestOptions,
  HttpResponse,
  HttpTransport,
  TransportTimeouts,
  ScopedCredential,
  ParsedErrorBody,
  ErrorBodyParser,
  SseMessage,
} from './http/types.js';

// Areas that keep their own explicit export lists
export * from './http/index.js';
export * from './policy/index.js';
export * from './routing/index.js';
export * from './billing/index.js';
export * from './client/index.js';
