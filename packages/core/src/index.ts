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
export { loadZod } from './spec/load-zod.js';
export type { ZodModule } from './spec/load-zod.js';
export { lazySchema, schemaOnFirstUse } from './spec/lazy-schema.js';
export type { SchemaGetter } from './spec/lazy-schema.js';

// Errors
export { SwitchyardError, isSwitchyardError } from './errors/switchyard-error.js';
export type { SwitchyardErrorOptions } from './errors/switchyard-error.js';
export { ERROR_KINDS, RETRYABLE_KINDS } from './errors/error-kind.js';
export type { ErrorKind, TimeoutPhase, NetworkPhase } from './errors/error-kind.js';

// Credentials
export { Secret, SECRET_MARKER, isSecretLike, toSecret } from './secret/secret.js';
export type { SecretLike, ResolvedCredential, CredentialSource } from './secret/secret.js';

// Billing: prices, costs and the client options' billing types. The billing machinery (Billing,
// Meter, BudgetGuard, QuotaLimiter, priceCall, …) is the `@switchyard/core/billing` subpath, which
// the client loads on demand: a plain call does not load it (issue 9: core under 25 kB).
export type { Pricing, Cost, CostBasis } from './billing/cost.js';
export { pricingSchema, pricingConfigSchema } from './billing/pricing-schema.js';
export type { PricingConfig } from './billing/pricing-schema.js';
export type { BudgetLimit } from './billing/budget-limit.js';
export type { BudgetEvent } from './billing/budget-guard.js';
export type { QuotaLimits } from './billing/quota-limits.js';
export type { UsageSnapshot, UsageTotals } from './billing/meter.js';
export type { TimeWindow } from './billing/time-window.js';

// Traces
export type { AttemptTrace, AttemptOutcome, Trace } from './client/trace-types.js';

// Transport
export type {
  HttpMethod,
  HttpRequestOptions,
  HttpResponse,
  HttpTransport,
  TransportTimeouts,
  ScopedCredential,
  ResponseSchema,
  ParsedErrorBody,
  ErrorBodyParser,
  SseMessage,
} from './http/types.js';

// Areas that keep their own explicit export lists
export * from './http/index.js';
export * from './policy/index.js';
export * from './routing/index.js';
export * from './client/index.js';
