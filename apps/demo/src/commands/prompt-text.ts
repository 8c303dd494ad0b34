import { usageError } from '../errors/usage-error.js';
import type { CommandContext } from './command-context.js';

/**
 * The prompt: the words after the command, or standard input when it is piped
 * (`echo "Once upon a time" | switchyard chat`). Neither is a usage error that shows the form.
 */
export async function promptText(context: CommandContext, what: string): Promise<string> {
  const fromArguments = context.args.positionals.join(' ').trim();
  if (fromArguments !== '') return fromArguments;
  const fromStdin = (await context.readStdin())?.trim();
  if (fromStdin) return fromStdin;
  throw usageError(`\`switchyard ${context.args.command}\` needs ${what}: switchyard ${context.args.command} "Once upon a time" (or pipe it on standard input).`);
}
