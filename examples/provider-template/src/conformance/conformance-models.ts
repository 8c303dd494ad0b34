import type { ConformanceModels } from '@switchyard/testkit';

/** The model ids the conformance suite uses for each task Acme serves. */
export const ACME_CONFORMANCE_MODELS: Readonly<ConformanceModels> = Object.freeze({ chat: 'acme-chat-1', embedding: 'acme-embed-1' });
