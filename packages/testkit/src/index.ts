// Public API of @switchyard/testkit: explicit named exports only.

export { startTestServer } from './server/test-server.js';
export type { TestServer, TestServerOptions } from './server/test-server.js';
export { refusedUrl } from './server/refused-url.js';
export { reply } from './server/reply.js';
export type {
  JsonReplyOptions,
  TextReplyOptions,
  SseReplyOptions,
  SseRawReplyOptions,
  NdjsonReplyOptions,
  BytesReplyOptions,
} from './server/reply.js';
export { isReply, REPLY_MARKER } from './server/reply-types.js';
export type { Reply, ReplyEnding, ReplyHandler } from './server/reply-types.js';
export type { RouteHandler, RouteHandle } from './server/route-table.js';
export type { RecordedRequest } from './server/recorded-request.js';
export { TestkitInputError } from './input/check-input.js';
export { fault } from './faults/fault.js';
export type { StatusFaultOptions, SplitUtf8Options, WrongContentTypeOptions, OversizedBodyOptions } from './faults/fault.js';
export { sharedPath, TestkitFixtureError } from './fixtures/shared-path.js';
export { fixturePath, readFixtureBytes, readFixtureText, readJsonFixture } from './fixtures/read-fixture.js';
export { readChunksFixture, chunksToSse, readSseFixture, splitSseEvents, readNdjsonFixture } from './fixtures/stream-fixtures.js';
export { readCassette } from './fixtures/cassette.js';
export type { Cassette, CassetteInteraction, CassetteRequest, CassetteResponse } from './fixtures/cassette.js';
export { mountCassette } from './fixtures/mount-cassette.js';
export type { MountCassetteOptions } from './fixtures/mount-cassette.js';
// The conformance suite's building blocks (no vitest here; the suite is `@switchyard/testkit/conformance`).
export { conformanceDialects } from './conformance/dialects.js';
export type { DialectName } from './conformance/dialects.js';
export { conformanceScenarios, TINY_PNG } from './conformance/conformance-scenarios.js';
export type {
  ConformanceTask,
  ConformanceModels,
  ScenarioToolCall,
  ScenarioUsage,
  ChatScenario,
  CompletionScenario,
  EmbeddingScenario,
  ImageScenario,
  ErrorScenario,
  DialectEndpoint,
  DialectSupportRoute,
  CustomDialect,
} from './conformance/conformance-scenarios.js';
export { planConformance } from './conformance/conformance-plan.js';
export type { ConformancePlan } from './conformance/conformance-plan.js';
export type {
  ConformanceClient,
  ConformanceClientFactory,
  ConformanceCallOptions,
  ConformanceStream,
} from './conformance/conformance-client.js';
