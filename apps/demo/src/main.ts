import { createClient, SwitchyardError, type Client } from '@switchyard/core';
import { parseCliArgs, type CliArgs } from './args/cli-args.js';
import { HELP_TEXT } from './args/help-text.js';
import { readCliEnvironment } from './config/cli-environment.js';
import { defaultModelAliases } from './config/default-models.js';
import { configureProviders, type ProviderConfiguration } from './config/default-providers.js';
import { planProviderSelection, type ProviderSelectionPlan } from './config/provider-selection.js';
import { chatCommand } from './commands/chat-command.js';
import { EventRelay, startNarration, type CommandContext } from './commands/command-context.js';
import { completeCommand } from './commands/complete-command.js';
import { doctorCommand } from './commands/doctor-command.js';
import { embedCommand } from './commands/embed-command.js';
import { mediaCommand } from './commands/media-command.js';
import { modelsCommand } from './commands/models-command.js';
import { providersCommand } from './commands/providers-command.js';
import { usageCommand } from './commands/usage-command.js';
import { EXIT_OK } from './errors/exit-codes.js';
import { reportError } from './errors/report-error.js';
import { createOutput, type Output, type WritableTerminal } from './output/output-stream.js';
import { StatusLine } from './terminal/status-line.js';
import { colourWanted, createStyle } from './terminal/terminal-style.js';
import { UsageLedger } from './usage/usage-ledger.js';
import { formatSeconds } from './errors/error-advice.js';

/** The process's streams, as the CLI uses them. */
export interface CliStreams {
  stdout: WritableTerminal;
  stderr: WritableTerminal;
  stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

/** Commands that send calls through the client and take `--provider`. */
const CALL_COMMANDS = new Set(['chat', 'complete', 'embed', 'image', 'video', 'models']);

/**
 * Runs one command line and resolves to the exit code: 0, 2 for a usage error, one code per error
 * kind otherwise (see `EXIT_CODE_BY_KIND`). Never throws; every failure is reported on the way out.
 */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, streams: CliStreams): Promise<number> {
  const startedAt = performance.now();
  // Before the environment is read (it may be what is wrong), plain output is the safe choice.
  let out = createOutput(streams.stdout, createStyle(false));
  let err = createOutput(streams.stderr, createStyle(false));
  let args: CliArgs | undefined;
  let selection: ProviderSelectionPlan = { provider: 'auto', skipped: [] };
  let configuration: ProviderConfiguration | undefined;
  let client: Client | undefined;
  let statusLine: StatusLine | undefined;
  let ledger: UsageLedger | undefined;
  const abort = new AbortController();
  const onInterrupt = () => {
    if (abort.signal.aborted) process.exit(130);
    // A second Ctrl-C (above) quits at once, should the call not stop in time.
    abort.abort(new SwitchyardError('aborted', 'Interrupted (Ctrl-C).', { retryable: false }));
  };
  let deadline: NodeJS.Timeout | undefined;
  try {
    args = parseCliArgs(argv);
    const environment = readCliEnvironment(env);
    const colours = { noColor: environment.noColor, dumbTerminal: environment.dumbTerminal };
    out = createOutput(streams.stdout, createStyle(colourWanted({ isTTY: streams.stdout.isTTY, ...colours })));
    const errStyle = createStyle(colourWanted({ isTTY: streams.stderr.isTTY, ...colours }));
    // Animation needs a terminal that understands a carriage return; TERM=dumb gets plain lines.
    statusLine = streams.stderr.isTTY && !environment.dumbTerminal ? new StatusLine(streams.stderr, errStyle) : undefined;
    err = createOutput(streams.stderr, errStyle, statusLine);
    if (args.help || args.command === 'help') {
      out.write(HELP_TEXT);
      return EXIT_OK;
    }
    ledger = new UsageLedger(environment.stateDir);
    if (args.command === 'usage') {
      await usageCommand(ledger, args.positionals, args.json, out);
      return EXIT_OK;
    }
    process.on('SIGINT', onInterrupt);
    if (args.timeoutMs !== undefined) deadline = armDeadline(abort, args.timeoutMs);
    configuration = await configureProviders(environment);
    if (args.command !== 'doctor') for (const warning of configuration.authWarnings) err.line(err.style.yellow(`! ${warning.message}`));
    if (CALL_COMMANDS.has(args.command)) selection = planProviderSelection(args.provider, configuration.setups);
    const relay = new EventRelay();
    const providers = configuration.setups.flatMap((setup) => (setup.provider ? [setup.provider] : []));
    client = createClient({
      providers,
      models: defaultModelAliases(environment.openAiModel, providers.map((provider) => provider.id)),
      onEvent: relay.listener,
    });
    const context = commandContext({ args, environment, configuration, client, selection, signal: abort.signal, out, err, statusLine, startedAt, stdin: streams.stdin, relay });
    await runCommand(context);
    return EXIT_OK;
  } catch (error) {
    statusLine?.clear();
    return reportError(error, { out, err, json: args?.json ?? false, skipped: selection.skipped });
  } finally {
    process.off('SIGINT', onInterrupt);
    if (deadline) clearTimeout(deadline);
    await finish(client, configuration, ledger, args, err);
  }
}

async function runCommand(context: CommandContext): Promise<void> {
  switch (context.args.command) {
    case 'chat':
      return chatCommand(context);
    case 'complete':
      return completeCommand(context);
    case 'embed':
      return embedCommand(context);
    case 'image':
      return mediaCommand(context, 'image');
    case 'video':
      return mediaCommand(context, 'video');
    case 'models':
      return modelsCommand(context);
    case 'providers':
      return providersCommand(context);
    case 'doctor':
      return doctorCommand(context);
    case 'usage':
    case 'help':
      // Both are answered before any provider is configured.
      return;
  }
}

function commandContext(parts: Omit<CommandContext, 'readStdin' | 'narrate'> & { stdin: CliStreams['stdin']; relay: EventRelay }): CommandContext {
  const { relay, stdin, ...rest } = parts;
  const context: CommandContext = {
    ...rest,
    readStdin: () => readAll(stdin),
    narrate: (label) => startNarration(relay, context, label),
  };
  return context;
}

/** The whole of standard input when it is piped; nothing when it is a terminal (no prompt is typed there). */
async function readAll(stdin: CliStreams['stdin']): Promise<string | undefined> {
  if (stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `--timeout` bounds the whole command, failovers included; each attempt gets the same bound. */
function armDeadline(abort: AbortController, timeoutMs: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    abort.abort(
      new SwitchyardError('timeout', `No answer within --timeout ${formatSeconds(timeoutMs)}: raise --timeout, or pick a faster provider with --provider.`, {
        timeoutPhase: 'total',
        retryable: false,
      }),
    );
  }, timeoutMs);
  timer.unref();
  return timer;
}

/** Records the run in the usage ledger and frees the connection pool and the native model runtime. */
async function finish(client: Client | undefined, configuration: ProviderConfiguration | undefined, ledger: UsageLedger | undefined, args: CliArgs | undefined, err: Output): Promise<void> {
  if (client && ledger && args) {
    try {
      await ledger.record(args.command, client.usage());
    } catch (error) {
      err.line(err.style.yellow(`! could not update the usage record ${ledger.path}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  await client?.close().catch(() => undefined);
  await configuration?.embedded.dispose().catch(() => undefined);
}
