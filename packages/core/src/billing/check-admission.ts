import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';
import { isAmount, isId, isRecord, validateFast } from '../spec/fast-validate.js';
import { TASKS } from '../spec/tasks.js';
import type { BilledCall, BilledCandidate } from './client-billing.js';

// What Billing checks at admit(): the candidate and the call (finish() checks the settlement with
// check-settlement.ts). Each has a precheck for the shape the client builds, and a zod schema that
// says what is wrong with anything else.

const countSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.number().finite().nonnegative(),
  ),
);
const billedCallSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object({
      task: z.enum(TASKS, { error: `task must be one of ${TASKS.map((task) => `"${task}"`).join(', ')}` }),
      requestedModel: z.string().optional(),
      estimate: z.object(
        { inputTokens: countSchema.optional(), outputTokens: countSchema.optional(), computeSeconds: countSchema.optional() },
        { error: 'estimate must be a Usage such as estimateUsage(task, request) returns' },
      ),
    }),
  ),
);
const candidateSchema = schemaOnFirstUse(
  lazySchema((z) =>
    z.object(
      {
        key: z.string().min(1, 'key must be a provider id or "<provider id>/<route id>"'),
        provider: z.object({ id: z.string().min(1, 'provider.id must not be empty') }, { error: 'provider must be the Provider object' }),
        model: z.string().min(1, 'model must be the provider\'s model id'),
      },
      { error: 'candidate must be { key, provider, model, route? }' },
    ),
  ),
);
const TASK_NAMES: ReadonlySet<string> = new Set(TASKS);

function looksLikeCandidate(value: unknown): boolean {
  return isRecord(value) && isId(value.key) && isId(value.model) && isRecord(value.provider) && isId(value.provider.id);
}

function looksLikeCall(value: unknown): boolean {
  if (!isRecord(value) || !TASK_NAMES.has(value.task as string) || !isRecord(value.estimate)) return false;
  if (value.requestedModel !== undefined && typeof value.requestedModel !== 'string') return false;
  const { inputTokens, outputTokens, computeSeconds } = value.estimate;
  return isOptionalAmount(inputTokens) && isOptionalAmount(outputTokens) && isOptionalAmount(computeSeconds);
}

function isOptionalAmount(value: unknown): boolean {
  return value === undefined || isAmount(value);
}

/** Throws `invalid-request` unless `candidate` and `call` are what admit() takes. */
export function checkAdmission(candidate: BilledCandidate, call: BilledCall): void {
  validateFast(candidate, looksLikeCandidate, candidateSchema, 'billing candidate');
  validateFast(call, looksLikeCall, billedCallSchema, 'billed call');
}
