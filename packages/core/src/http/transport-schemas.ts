import { transportSchemas } from '../spec/load-schemas.js';

// The transport's zod schemas, built together on first use from the schema module (see
// spec/load-schemas.ts): each entry checks its input by hand first (check-request-options.ts) and only
// needs these, and zod, for an input the check rejects.

/** `Partial<TransportTimeouts>`: each deadline a positive number of milliseconds or Infinity. */
export const transportTimeoutsSchema = () => transportSchemas().transportTimeouts;
/** Options of `createTransport()`. */
export const transportOptionsSchema = () => transportSchemas().transportOptions;
/** An AbortSignal, recognised by shape so that signals from another realm or polyfill pass. */
export const abortSignalSchema = () => transportSchemas().abortSignal;
/** `HttpRequestOptions`, checked on every request (the transport is a public entry too). */
export const requestOptionsSchema = () => transportSchemas().requestOptions;
