import { isSwitchyardError, type AttemptTrace } from '@switchyard/core';
import type { ProviderSetup } from '../config/provider-setup.js';
import type { Output } from '../output/output-stream.js';
import { printJson } from '../output/print-json.js';
import { adviceFor, shortReason } from './error-advice.js';
import { exitCodeFor } from './exit-codes.js';
import { isUsageError } from './usage-error.js';

/** Where and how to report. */
export interface ErrorReportTarget {
  out: Output;
  err: Output;
  json: boolean;
  /** Providers the failed call skipped, to say so next to its attempts. */
  skipped: readonly ProviderSetup[];
}

/**
 * Reports a failure and returns the exit code for it. With `--json`, standard output gets one
 * document `{ "error": {...} }` (the error's credential-free `toJSON()` plus `exitCode`); otherwise
 * standard error gets what failed, each attempt with its reason, and what to do.
 */
export function reportError(error: unknown, target: ErrorReportTarget): number {
  const exitCode = exitCodeFor(error);
  if (target.json) {
    const body = isSwitchyardError(error) ? error.toJSON() : { name: error instanceof Error ? error.name : 'Error', kind: 'unexpected', message: error instanceof Error ? error.message : String(error) };
    printJson(target.out, { error: { ...body, exitCode } });
    return exitCode;
  }
  const { err } = target;
  const { style } = err;
  if (isUsageError(error)) {
    err.line(`${style.red('switchyard:')} ${(error as Error).message}`);
    return exitCode;
  }
  if (!isSwitchyardError(error)) {
    err.line(`${style.red('✗ unexpected error:')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    err.line(style.dim('This is a bug in switchyard: please report it with the command you ran.'));
    return exitCode;
  }
  const attempts = error.attempts ?? [];
  if (error.kind === 'all-providers-failed' && attempts.length > 0) {
    err.line(`${style.red('✗')} No provider could answer (${attempts.length} attempt${attempts.length === 1 ? '' : 's'}):`);
    for (const setup of target.skipped) err.line(`  ${style.yellow('–')} ${setup.id} skipped: ${setup.skipped}${setup.advice ? style.dim(` — ${setup.advice}`) : ''}`);
    for (const line of attemptLines(attempts)) err.line(`  ${style.red('✗')} ${line}`);
  } else {
    err.line(`${style.red('✗')} ${error.message}`);
    const advice = adviceFor({ kind: error.kind, provider: error.provider, model: error.model, status: error.status, reason: error.message });
    if (advice) err.line(`  ${style.bold('→')} ${advice}`);
  }
  err.line(style.dim(`  (${error.kind}: exit code ${exitCode})`));
  return exitCode;
}

/** One line per provider and reason: three refused retries of one server are one line, "×3". */
function attemptLines(attempts: readonly AttemptTrace[]): string[] {
  const lines = new Map<string, number>();
  for (const attempt of attempts) {
    if (attempt.outcome !== 'error' || attempt.errorKind === undefined) continue;
    const facts = { kind: attempt.errorKind, provider: attempt.provider, model: attempt.model, status: attempt.status, reason: attempt.reason, timeoutPhase: attempt.timeoutPhase, networkPhase: attempt.networkPhase };
    const advice = adviceFor(facts);
    const line = `${attempt.provider} · ${attempt.model}: ${shortReason(facts)}${advice ? ` — ${advice}` : ''}`;
    lines.set(line, (lines.get(line) ?? 0) + 1);
  }
  return [...lines].map(([line, count]) => (count > 1 ? `${line} (×${count})` : line));
}
