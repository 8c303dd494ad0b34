import { createClient } from '@switchyard/core';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { acme } from './acme.js';
import { ACME_CONFORMANCE_MODELS, acmeConformanceDialect } from './conformance/index.js';

// The testkit's contract suite, through the real client and transport, against a loopback server
// that speaks Acme's wire format (src/conformance/acme-dialect.ts).
describeProviderConformance({
  name: 'acme',
  createProvider: ({ baseURL, apiKey }) => acme({ baseURL, apiKey }),
  dialect: acmeConformanceDialect,
  models: { ...ACME_CONFORMANCE_MODELS },
  createClient,
});
