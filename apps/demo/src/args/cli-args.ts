import { parseArgs } from 'node:util';
import { z } from 'zod';
import { usageError } from '../errors/usage-error.js';
import { COMMANDS, FLAGS_BY_COMMAND, type CommandName } from './commands.js';
import { parseDuration } from './parse-duration.js';

/** A parsed, validated command line. */
export interface CliArgs {
  command: CommandName;
  /** The words after the command: the prompt, the texts to embed, `reset` for `usage`. */
  positionals: string[];
  /** `'auto'`, one provider id, or ids in failover order. */
  provider: 'auto' | string[];
  model: string | undefined;
  system: string | undefined;
  json: boolean;
  /** `--timeout`, in milliseconds. */
  timeoutMs: number | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  /** `--out`: the file (or folder) for `image` and `video`. */
  out: string | undefined;
  help: boolean;
}

const OPTIONS = {
  provider: { type: 'string', short: 'p' },
  model: { type: 'string', short: 'm' },
  system: { type: 'string', short: 's' },
  json: { type: 'boolean' },
  timeout: { type: 'string', short: 't' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const flagsSchema = z.object({
  provider: z
    .string()
    .transform((value, context): 'auto' | string[] => {
      if (value === 'auto') return 'auto';
      const ids = value.split(',').map((id) => id.trim());
      if (ids.some((id) => !PROVIDER_ID.test(id))) {
        context.addIssue({ code: 'custom', message: `--provider must be "auto", a provider id such as "ollama", or ids in failover order such as "ollama,embedded" (got "${value}")` });
        return z.NEVER;
      }
      if (new Set(ids).size !== ids.length) {
        context.addIssue({ code: 'custom', message: `--provider names a provider twice ("${value}")` });
        return z.NEVER;
      }
      return ids;
    })
    .default('auto'),
  model: z.string().trim().min(1, '--model must not be empty').optional(),
  system: z.string().min(1, '--system must not be empty').optional(),
  json: z.boolean().default(false),
  timeout: z
    .string()
    .transform((value, context) => {
      const milliseconds = parseDuration(value);
      if (milliseconds === undefined || milliseconds > 86_400_000) {
        context.addIssue({ code: 'custom', message: `--timeout must be a duration such as 30, 30s, 500ms or 2m, at most a day (got "${value}")` });
        return z.NEVER;
      }
      return milliseconds;
    })
    .optional(),
  'max-tokens': z
    .string()
    .regex(/^\d+$/, '--max-tokens must be a whole number such as 200')
    .transform(Number)
    .pipe(z.number().int().min(1, '--max-tokens must be at least 1').max(1_000_000, '--max-tokens must be at most 1000000'))
    .optional(),
  temperature: z
    .string()
    .regex(/^\d+(\.\d+)?$/, '--temperature must be a number such as 0 or 0.7')
    .transform(Number)
    .pipe(z.number().max(2, '--temperature must be between 0 and 2'))
    .optional(),
  out: z.string().min(1, '--out must not be empty').optional(),
  help: z.boolean().default(false),
});

/**
 * Parses `argv` (without `node` and the script) with `node:util`'s `parseArgs`, then validates the
 * flags with zod. Every mistake is a usage error (exit code 2) whose message names the flag and
 * what it accepts. No command means `help`.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; only the prefix is node's.
    const detail = error instanceof Error ? error.message.replace(/^Unknown option/, 'unknown option') : String(error);
    throw usageError(`${detail}. Run \`switchyard help\` for the commands and flags.`);
  }
  const [commandWord, ...positionals] = parsed.positionals;
  const command = commandWord === undefined ? 'help' : commandOf(commandWord);
  const allowed = FLAGS_BY_COMMAND[command];
  for (const flag of Object.keys(parsed.values)) {
    if (!allowed.includes(flag)) throw usageError(`--${flag} does not apply to \`switchyard ${command}\` (it takes ${allowed.map((name) => `--${name}`).join(', ')}).`);
  }
  const result = flagsSchema.safeParse(parsed.values);
  if (!result.success) throw usageError(result.error.issues.map((issue) => issue.message).join('; '));
  const flags = result.data;
  return {
    command,
    positionals,
    provider: flags.provider,
    model: flags.model,
    system: flags.system,
    json: flags.json,
    timeoutMs: flags.timeout,
    maxTokens: flags['max-tokens'],
    temperature: flags.temperature,
    out: flags.out,
    help: flags.help,
  };
}

function commandOf(word: string): CommandName {
  const command = COMMANDS.find((name) => name === word);
  if (command) return command;
  const near = COMMANDS.find((name) => name.startsWith(word.slice(0, 2)));
  throw usageError(`Unknown command "${word}".${near ? ` Did you mean \`switchyard ${near}\`?` : ''} Commands: ${COMMANDS.join(', ')}.`);
}
