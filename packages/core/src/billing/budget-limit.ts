import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { budgetKey } from './budget-key.js';
import { notAnObject, schemaByShape } from './schema-by-shape.js';
import { timeWindowSchema } from './time-window.js';
import type { TimeWindow } from './time-window.js';

// Apart from BudgetGuard: createClient validates the budget option with this schema when it is
// called, while BudgetGuard itself loads only with the billing chunk (issue 9: core under 25 kB).

/** One spending limit: for the whole client, or for one provider (all its routes), per window. */
export interface BudgetLimit {
  /** US dollars that may be spent per window. */
  limitUsd: number;
  window: TimeWindow;
  /** Limit only this provider id (and its routes `"<id>/<route>"`); omit to limit the whole client. */
  provider?: string;
  /** A unique name for messages, events and the store key; defaults to one made of scope and window. */
  name?: string;
  /** Fraction of the limit at which a `budget-warning` event fires, once per window. Default 0.8. */
  warnAt?: number;
}

const budgetLimitSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.strictObject(
      {
        limitUsd: z
          .number({ error: 'limitUsd must be a number of US dollars' })
          .finite('limitUsd must be finite')
          .positive('limitUsd must be > 0'),
        window: timeWindowSchema,
        provider: z.string().min(1, 'provider must be a provider id such as "openai"').optional(),
        name: z.string().min(1, 'name must not be empty').optional(),
        warnAt: z.number().gt(0, 'warnAt must be > 0').max(1, 'warnAt must be <= 1 (a fraction of limitUsd)').optional(),
      },
      { error: notAnObject('a budget must be an object such as { limitUsd: 5, window: "day" }') },
    ),
  ),
);

/** Validates the client's `budget` option: one {@link BudgetLimit} or an array of them. */
export const budgetConfigSchema: z.ZodType<BudgetLimit[]> = schemaOnFirstUse(
  lazySchema((z) =>
    schemaByShape<BudgetLimit | BudgetLimit[]>((value) =>
      Array.isArray(value) ? z.array(budgetLimitSchema) : budgetLimitSchema,
    )
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .superRefine((budgets, context) => {
        const seen = new Set<string>();
        budgets.forEach((budget, index) => {
          const key = budgetKey(budget);
          if (seen.has(key)) {
            context.addIssue({ code: 'custom', path: [index], message: `two budgets share the key "${key}": give one a distinct name` });
          }
          seen.add(key);
        });
      }),
  ),
);
