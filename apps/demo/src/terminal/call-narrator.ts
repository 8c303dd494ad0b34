import type { ClientEvent } from '@switchyard/core';
import { PROVIDER_IDS, type ProviderSetup } from '../config/provider-setup.js';
import { adviceFor, formatSeconds, providerIdOf, shortReason } from '../errors/error-advice.js';
import type { StatusLine } from './status-line.js';
import type { TerminalStyle } from './terminal-style.js';

/** How a {@link CallNarrator} shows things. */
export interface CallNarratorOptions {
  /** The live line, on a terminal only. */
  statusLine: StatusLine | undefined;
  /** Writes one permanent line to standard error. */
  log: (line: string) => void;
  style: TerminalStyle;
  /** Skipped providers of this call's selection, in `auto` order: mentioned as the call passes them. */
  skipped: readonly ProviderSetup[];
  /** False for `--json`: the spinner and bars still show on a terminal, but no lines are printed. */
  lines: boolean;
}

/**
 * Tells the person at the terminal what a call is doing while they wait, from the client's events:
 * a spinner naming the provider being tried, progress bars for model downloads, pulls and queued
 * media jobs, a line for each failed attempt and retry (with what to do), and the providers that
 * were skipped, in the order `auto` passed them. Piped, the same lines are printed without the
 * spinner or bars; a stage change becomes a line instead.
 */
export class CallNarrator {
  readonly #options: CallNarratorOptions;
  readonly #pendingSkips: ProviderSetup[];
  #contentStarted = false;
  #lastStage: string | undefined;

  constructor(options: CallNarratorOptions) {
    this.#options = options;
    this.#pendingSkips = [...options.skipped];
  }

  /** Starts the spinner before the first event. */
  begin(label: string): void {
    this.#options.statusLine?.spin(label);
  }

  /** The first content reached the caller: the live line goes, and progress stops being shown. */
  contentStarted(): void {
    this.#contentStarted = true;
    this.#options.statusLine?.clear();
  }

  /** The call is over: erase the live line. */
  end(): void {
    this.#options.statusLine?.clear();
  }

  /** Receives the client's events (wired to `onEvent`). */
  readonly onEvent = (event: ClientEvent): void => {
    if (this.#contentStarted) return;
    const { style } = this.#options;
    switch (event.type) {
      case 'attempt-start':
        this.#mentionSkipsBefore(event.provider);
        this.#options.statusLine?.spin(`waiting for ${event.provider} · ${event.model}…`);
        this.#lastStage = undefined;
        break;
      case 'attempt-end': {
        if (event.outcome !== 'error' || event.errorKind === undefined) break;
        const facts = { kind: event.errorKind, provider: event.provider, model: event.model, status: event.status };
        const advice = adviceFor(facts);
        this.#line(`${style.red('✗')} ${event.provider} · ${event.model}: ${shortReason(facts)}${advice ? style.dim(` — ${advice}`) : ''}`);
        break;
      }
      case 'retry-scheduled':
        this.#line(style.dim(`↻ retrying ${event.provider} in ${formatSeconds(event.delayMs)}${event.fromRetryAfter ? ' (as the server asked)' : ''}`));
        break;
      case 'candidate-skipped':
        this.#line(`${style.yellow('–')} ${event.provider} skipped: ${event.reason}`);
        break;
      case 'progress':
        this.#progress(event);
        break;
      default:
        break;
    }
  };

  #progress(event: Extract<ClientEvent, { type: 'progress' }>): void {
    const label = `${event.provider}: ${event.stage}${event.detail ? ` ${shortDetail(event.detail)}` : ''}`;
    const statusLine = this.#options.statusLine;
    if (statusLine) {
      // Downloads and pulls count bytes; queue positions and steps are plain numbers.
      const unit = event.stage.startsWith('download') || event.stage === 'pulling' ? 'bytes' : 'count';
      statusLine.progress(label, event.completed, event.total, unit);
      return;
    }
    // Piped: one line per stage, not one per percent.
    if (event.stage !== this.#lastStage) this.#line(label);
    this.#lastStage = event.stage;
  }

  #mentionSkipsBefore(candidateKey: string): void {
    const order = PROVIDER_IDS.indexOf(providerIdOf(candidateKey) as (typeof PROVIDER_IDS)[number]);
    while (this.#pendingSkips.length > 0 && PROVIDER_IDS.indexOf(this.#pendingSkips[0]!.id) < order) {
      const setup = this.#pendingSkips.shift()!;
      const { style } = this.#options;
      this.#line(`${style.yellow('–')} ${setup.id} skipped: ${setup.skipped ?? 'not available'}${setup.advice ? style.dim(` — ${setup.advice}`) : ''}`);
    }
  }

  #line(text: string): void {
    if (this.#options.lines) this.#options.log(text);
  }
}

/** A URL or path in a progress event, cut to its last segment: the bar has little room. */
function shortDetail(detail: string): string {
  const lastSlash = detail.lastIndexOf('/');
  return lastSlash === -1 || lastSlash === detail.length - 1 ? detail : detail.slice(lastSlash + 1);
}
