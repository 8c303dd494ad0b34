import type { CallOptions, Client, ClientEventListener } from '@switchyard/core';
import type { CliArgs } from '../args/cli-args.js';
import type { CliEnvironment } from '../config/cli-environment.js';
import type { ProviderConfiguration } from '../config/default-providers.js';
import type { ProviderSelectionPlan } from '../config/provider-selection.js';
import type { Output } from '../output/output-stream.js';
import { CallNarrator } from '../terminal/call-narrator.js';
import type { StatusLine } from '../terminal/status-line.js';

/** Everything a command works with. */
export interface CommandContext {
  readonly args: CliArgs;
  readonly environment: CliEnvironment;
  readonly configuration: ProviderConfiguration;
  readonly client: Client;
  readonly selection: ProviderSelectionPlan;
  /** Aborts on Ctrl-C and when `--timeout` passes. */
  readonly signal: AbortSignal;
  readonly out: Output;
  readonly err: Output;
  readonly statusLine: StatusLine | undefined;
  /** `performance.now()` when the command started. */
  readonly startedAt: number;
  /** Standard input, when it is not a terminal (a piped prompt). */
  readStdin(): Promise<string | undefined>;
  /** Starts narrating a call: the narrator receives the client's events until the next one starts. */
  narrate(label: string): CallNarrator;
}

/** Routes the client's events to whichever narrator is current (the client takes one listener for its life). */
export class EventRelay {
  #listener: ClientEventListener | undefined;
  readonly listener: ClientEventListener = (event) => this.#listener?.(event);

  set(listener: ClientEventListener | undefined): void {
    this.#listener = listener;
  }
}

/** The per-call options every command passes: the selection, the abort signal, and `--timeout` for each attempt. */
export function callOptionsOf(context: Pick<CommandContext, 'args' | 'selection' | 'signal'>): CallOptions {
  return {
    provider: context.selection.provider,
    signal: context.signal,
    ...(context.args.timeoutMs === undefined ? {} : { timeouts: { totalMs: context.args.timeoutMs } }),
  };
}

/** Builds a narrator for one call and makes it the relay's listener. */
export function startNarration(relay: EventRelay, context: Pick<CommandContext, 'args' | 'err' | 'statusLine' | 'selection'>, label: string): CallNarrator {
  const narrator = new CallNarrator({
    statusLine: context.statusLine,
    log: (line) => context.err.line(line),
    style: context.err.style,
    skipped: context.selection.skipped,
    lines: !context.args.json,
  });
  relay.set(narrator.onEvent);
  narrator.begin(label);
  return narrator;
}

/** The skipped providers of a call, as `--json` output reports them. */
export function skippedProvidersJson(selection: ProviderSelectionPlan): Array<{ provider: string; reason: string | undefined }> {
  return selection.skipped.map((setup) => ({ provider: setup.id, reason: setup.skipped }));
}
