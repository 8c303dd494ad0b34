// Public API of switchyard-provider-acme/conformance: Acme's wire format for the testkit
// conformance suite, so anyone (the Switchyard maintainers checking a new core against published
// providers, or an app pinning versions) can run the suite against the installed package:
//
//   import { createClient } from '@switchyard/core';
//   import { describeProviderConformance } from '@switchyard/testkit/conformance';
//   import { acme } from 'switchyard-provider-acme';
//   import { acmeConformanceDialect, ACME_CONFORMANCE_MODELS } from 'switchyard-provider-acme/conformance';
//   describeProviderConformance({ name: 'acme', createProvider: acme, dialect: acmeConformanceDialect, models: ACME_CONFORMANCE_MODELS, createClient });
//
// It imports @switchyard/testkit (an optional peer dependency), which is why it is not part of
// the main entry.

export { acmeConformanceDialect } from './acme-dialect.js';
export { ACME_CONFORMANCE_MODELS } from './conformance-models.js';
