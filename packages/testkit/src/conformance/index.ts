// Public API of @switchyard/testkit/conformance: the vitest suite. It imports vitest (an optional
// peer dependency), so it lives on its own entry point and the main entry never loads vitest.

export { describeProviderConformance } from './describe-provider-conformance.js';
export type { ProviderConformanceOptions } from './conformance-options.js';
