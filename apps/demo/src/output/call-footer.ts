import type { AttemptTrace, Cost, Trace, Usage } from '@switchyard/core';
import { PROVIDER_IDS, type ProviderSetup } from '../config/provider-setup.js';
import { formatSeconds, providerIdOf, shortReason } from '../errors/error-advice.js';
import type { TerminalStyle } from '../terminal/terminal-style.js';

/** What the footer reports about a finished call. */
export interface FooterInput {
  provider: string;
  model: string;
  usage: Usage;
  cost: Cost;
  trace: Trace;
  /** Skipped providers of the call's selection (placed among the attempts in `auto` order). */
  skipped: readonly ProviderSetup[];
  /** The whole command's wall time. */
  elapsedMs: number;
}

/**
 * The lines printed after each call: who answered, every attempt with its reason (skipped
 * providers included, where `auto` passed them), time to first token, tokens per second, tokens
 * and cost.
 */
export function formatFooter(input: FooterInput, style: TerminalStyle): string[] {
  const winner = [...input.trace].reverse().find((attempt) => attempt.outcome === 'success');
  // The winning candidate key names the route too (`hf/together`), where `provider` is just `hf`.
  const lines = [`${style.green('✓')} ${style.bold(`${winner?.provider ?? input.provider} · ${input.model}`)}`];
  lines.push(`  ${style.dim('attempts')}  ${attemptsLine(input.trace, input.skipped, style)}`);
  const speed: string[] = [];
  if (winner?.timeToFirstTokenMs !== undefined) speed.push(`first token ${formatMilliseconds(winner.timeToFirstTokenMs)}`);
  const tokensPerSecond = winner ? outputTokensPerSecond(winner, input.usage) : undefined;
  if (tokensPerSecond !== undefined) speed.push(`${tokensPerSecond.toFixed(1)} tokens/s`);
  speed.push(`${formatMilliseconds(input.elapsedMs)} in all`);
  lines.push(`  ${style.dim('speed')}     ${speed.join(' · ')}`);
  const tokens = tokensLine(input.usage);
  if (tokens) lines.push(`  ${style.dim('tokens')}    ${tokens}`);
  lines.push(`  ${style.dim('cost')}      ${formatCost(input.cost)}`);
  return lines;
}

function attemptsLine(trace: Trace, skipped: readonly ProviderSetup[], style: TerminalStyle): string {
  const pending = [...skipped];
  const parts: string[] = [];
  const mentionSkipsBefore = (candidateKey: string | undefined) => {
    const order = candidateKey === undefined ? Number.POSITIVE_INFINITY : PROVIDER_IDS.indexOf(providerIdOf(candidateKey) as (typeof PROVIDER_IDS)[number]);
    while (pending.length > 0 && PROVIDER_IDS.indexOf(pending[0]!.id) < order) {
      const setup = pending.shift()!;
      parts.push(`${setup.id} ${style.yellow('skipped')} (${setup.skipped ?? 'not available'})`);
    }
  };
  for (const attempt of trace) {
    mentionSkipsBefore(attempt.provider);
    parts.push(describeAttempt(attempt, style));
  }
  return parts.join(style.dim(' → '));
}

function describeAttempt(attempt: AttemptTrace, style: TerminalStyle): string {
  switch (attempt.outcome) {
    case 'success':
      return `${attempt.provider} ${style.green('✓')}`;
    case 'skipped':
      return `${attempt.provider} ${style.yellow('skipped')}${attempt.reason ? ` (${attempt.reason})` : ''}`;
    case 'aborted':
      return `${attempt.provider} ${style.yellow('aborted')}`;
    case 'error':
      return `${attempt.provider} ${style.red('✗')} ${
        attempt.errorKind
          ? shortReason({
              kind: attempt.errorKind,
              provider: attempt.provider,
              model: attempt.model,
              status: attempt.status,
              reason: attempt.reason,
              timeoutPhase: attempt.timeoutPhase,
              networkPhase: attempt.networkPhase,
            })
          : 'failed'
      }`;
  }
}

/** Output tokens over generation time (after the first token, when known). */
function outputTokensPerSecond(attempt: AttemptTrace, usage: Usage): number | undefined {
  const outputTokens = usage.outputTokens ?? attempt.usage?.outputTokens;
  if (outputTokens === undefined || outputTokens <= 0) return undefined;
  const generationMs = attempt.durationMs - (attempt.timeToFirstTokenMs ?? 0);
  // One token, or a stream that arrived in one piece: no meaningful rate.
  if (generationMs <= 0 || outputTokens < 2) return undefined;
  return outputTokens / (generationMs / 1000);
}

function tokensLine(usage: Usage): string | undefined {
  const parts: string[] = [];
  if (usage.inputTokens !== undefined) parts.push(`${usage.inputTokens} in`);
  if (usage.outputTokens !== undefined) parts.push(`${usage.outputTokens} out`);
  if (usage.computeSeconds !== undefined) parts.push(`${usage.computeSeconds.toFixed(2)} s compute`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** `$0.000123 (per-token)`, `$0 (per-request)`, `unknown (no price configured…)`. */
export function formatCost(cost: Cost): string {
  if (cost.basis === 'unknown') return `unknown (${cost.reason})`;
  if (cost.basis === 'not-billed') return `$0 (not billed: ${cost.reason})`;
  return `${formatUsd(cost.amount)} (${cost.basis})`;
}

/** Dollars with enough digits to show a fraction of a cent. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 0.01) return `$${amount.toFixed(2)}`;
  return `$${amount.toPrecision(2)}`;
}

/** `850 ms`, `3.1 s`. */
export function formatMilliseconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : formatSeconds(milliseconds);
}
