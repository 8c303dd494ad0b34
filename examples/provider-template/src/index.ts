// Public API of switchyard-provider-acme: explicit names only.

export { acme, ACME_PRICES } from './acme.js';
export type { AcmeProvider } from './acme.js';
export { DEFAULT_ACME_BASE_URL } from './options.js';
export type { AcmeOptions } from './options.js';

// Wire helpers, for tools that speak Acme's API without the provider.
export { buildAcmeChatBody, buildAcmeEmbedBody } from './wire/request-body.js';
export type { AcmeChatBody, AcmeTurn } from './wire/request-body.js';
export { decodeAcmeChat, finishReasonOf, usageOf } from './wire/decode-result.js';
export { decodeAcmeStream } from './wire/decode-stream.js';
export type { AcmeStreamContext } from './wire/decode-stream.js';
export { parseAcmeErrorBody, kindOfAcmeCode } from './wire/acme-errors.js';
export { acmeChatResponseSchema, acmeEmbedResponseSchema, acmeModelListSchema } from './wire/acme-schemas.js';
