import type { buildRequestSchemas } from '../schemas/request-schemas.js';
import { schemaOnFirstUse } from './lazy-schema.js';
import { requestSchemas } from './load-schemas.js';

// The request schemas, built on first use from the schema module (see load-schemas.ts): a client
// checks well-formed requests by hand (request-checks.ts) and only builds these, and loads zod, for a
// request the check rejects.

type RequestSchemas = ReturnType<typeof buildRequestSchemas>;


/** The request schemas on first use, for the library's own checks (no proxy in between). */
export const getChatRequestSchema = (): RequestSchemas['chatRequest'] => requestSchemas().chatRequest;
export const getCompletionRequestSchema = (): RequestSchemas['completionRequest'] => requestSchemas().completionRequest;
export const getEmbedRequestSchema = (): RequestSchemas['embedRequest'] => requestSchemas().embedRequest;
export const getImageRequestSchema = (): RequestSchemas['imageRequest'] => requestSchemas().imageRequest;
export const getVideoRequestSchema = (): RequestSchemas['videoRequest'] => requestSchemas().videoRequest;

/** One chat message (`system`, `user`, `assistant` or `tool`). Built, and zod loaded, on first use. */
export const chatMessageSchema = schemaOnFirstUse(() => requestSchemas().chatMessage);
/** A chat request (loose: unknown keys pass). Built, and zod loaded, on first use. */
export const chatRequestSchema = schemaOnFirstUse(getChatRequestSchema);
/** A text-completion request. Built, and zod loaded, on first use. */
export const completionRequestSchema = schemaOnFirstUse(getCompletionRequestSchema);
/** An embeddings request. Built, and zod loaded, on first use. */
export const embedRequestSchema = schemaOnFirstUse(getEmbedRequestSchema);
/** A text-to-image request. Built, and zod loaded, on first use. */
export const imageRequestSchema = schemaOnFirstUse(getImageRequestSchema);
/** A text-to-video request. Built, and zod loaded, on first use. */
export const videoRequestSchema = schemaOnFirstUse(getVideoRequestSchema);
