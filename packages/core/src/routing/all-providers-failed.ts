import type { AttemptTrace } from '../client/trace-types.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * The error of a call whose candidates are all used up. With a single candidate (a pinned provider,
 * or the only one able to serve the call), its own last error or the reason it was skipped; a call whose every candidate was refused by a budget, that budget's
 * `budget-exceeded`; otherwise `all-providers-failed`, whose message lists every attempt and skip
 * with its provider, model, kind, status and duration. All carry the trace as `attempts`.
 */
export function exhaustedError(
  call: { operation: string; requestedModel: string; trace: AttemptTrace[] },
  lastErrors: ReadonlyArray<SwitchyardError | undefined>,
  skipErrors: readonly SwitchyardError[],
  single: boolean,
): SwitchyardError {
  const attempts = call.trace;
  const errors = lastErrors.filter((error): error is SwitchyardError => error !== undefined);
  const own = single ? (errors[0] ?? skipErrors[0]) : undefined;
  if (own) return own.withContext({ attempts });
  const budgetOnly = errors.length === 0 && skipErrors.length > 0 && skipErrors.every((error) => error.kind === 'budget-exceeded');
  if (budgetOnly) return (skipErrors[0] as SwitchyardError).withContext({ attempts });
  const all = [...errors, ...skipErrors];
  const waits = all.map((error) => error.retryAfterMs).filter((wait): wait is number => wait !== undefined);
  const sent = attempts.filter((entry) => entry.outcome !== 'skipped').length;
  return new SwitchyardError(
    'all-providers-failed',
    `Every provider failed for ${call.operation} of model "${call.requestedModel}" (${sent} attempt${sent === 1 ? '' : 's'}): ${attempts.map(describeAttempt).join('; ')}.`,
    {
      model: call.requestedModel,
      attempts,
      retryable: all.some((error) => error.retryable),
      ...(waits.length ? { retryAfterMs: Math.min(...waits) } : {}),
    },
  );
}

/** One trace entry for a message: `#2 ollama (llama3.2:3b) network (pre-send) after 3 ms`. */
export function describeAttempt(entry: AttemptTrace): string {
  const where = `${entry.provider} (${entry.model})`;
  if (entry.outcome === 'skipped') return `${where} skipped: ${entry.reason ?? 'not admitted'}`;
  const phase = entry.timeoutPhase ?? entry.networkPhase;
  const what = entry.outcome === 'error' ? `${entry.errorKind ?? 'error'}${entry.status ? ` ${entry.status}` : ''}${phase ? ` (${phase})` : ''}` : entry.outcome;
  return `#${entry.attempt} ${where} ${what} after ${entry.durationMs} ms`;
}
