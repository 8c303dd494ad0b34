// Public exports of core/client: explicit names only; the package index re-exports this list.
export { createClient } from './create-client.js';
export type { Client } from './create-client.js';
export type { ClientOptions, CallOptions, RoutingOptions, HedgeOptions } from './client-options.js';
export type { HousekeepingOptions } from './housekeeping-call.js';
export { ChatStream } from './chat-stream.js';
export type { StreamEncoding } from './stream-encoding.js';
export type { ClientEvent, ClientEventListener, CandidateRef, SkipCause } from './client-events.js';
export type { ClientResponse } from './client-response.js';
