import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { loadZod } from '../spec/load-zod.js';
import { notAnObject } from './schema-by-shape.js';

// Apart from QuotaLimiter: createClient validates the quotas option with this schema when it is
// called, while QuotaLimiter itself loads only with the billing chunk (issue 9: core under 25 kB).

/**
 * Client-side limits of one provider (or one route, keyed `"<provider id>/<route id>"`). Per-minute
 * limits count a sliding 60 s; per-month limits count the UTC calendar month and are where a
 * subscription's included quota goes when the plan allows no overage.
 */
export interface QuotaLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  requestsPerMonth?: number;
  tokensPerMonth?: number;
}

const limit = (what: string) => loadZod().number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).positive(`${what} must be > 0`);

/** Validates the client's `quotas` option: limits per provider id (or route candidate key). */
export const quotaConfigSchema: z.ZodType<Record<string, QuotaLimits>> = schemaOnFirstUse(
  lazySchema((z) =>
    z.record(
      z.string().min(1, 'provider ids must not be empty'),
      z.strictObject(
        {
          requestsPerMinute: limit('requestsPerMinute').optional(),
          tokensPerMinute: limit('tokensPerMinute').optional(),
          requestsPerMonth: limit('requestsPerMonth').optional(),
          tokensPerMonth: limit('tokensPerMonth').optional(),
        },
        { error: notAnObject('quota limits must be an object such as { requestsPerMinute: 30, tokensPerMinute: 6000 }') },
      ),
      { error: 'quotas must map provider ids to limits, e.g. { groq: { requestsPerMinute: 30 } }' },
    ),
  ),
);
