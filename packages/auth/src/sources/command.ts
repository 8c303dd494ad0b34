import { spawn } from 'node:child_process';
import { lazySchema, Secret, SwitchyardError, redactSecrets, validateInput } from '@switchyard/core';
import type { z } from 'zod';
import { absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
const STDERR_EXCERPT_CHARS = 200;
const DESCRIPTION_CHARS = 120;

const commandArgumentsSchema = lazySchema((z) =>
  z.object({
    argv: z
      .array(z.string())
      .min(1, 'give the program and its arguments, e.g. ["op", "read", "op://vault/hf/token"]')
      .refine((argv) => argv[0] !== '', 'the program name (argv[0]) cannot be empty'),
    options: z
      .object({
        timeoutMs: z.number().int().positive().optional(),
        label: z.string().optional(),
        cwd: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  }),
);

/** Options of {@link command}. */
export interface CommandSourceOptions {
  /** How long the command may run before it is killed (default 10 000 ms). */
  timeoutMs?: number;
  /** The kind shown in the secret's redacted form. */
  label?: string;
  /** Working directory of the command (default: the current one). */
  cwd?: string;
}

/**
 * A credential printed by a program such as a password manager's CLI. The program runs directly
 * (no shell: arguments are never re-parsed) with the current environment; its standard output,
 * trimmed, is the credential. Empty output means absent. A non-zero exit, a missing program, or a
 * run longer than `timeoutMs` is an `auth` error that quotes at most one line of standard error and
 * never the output. On timeout the program and every process it started are killed.
 * The resolved `source` is `"command <argv>"`.
 *
 * @example
 * const credential = await command(['op', 'read', 'op://Private/Hugging Face/token'], { timeoutMs: 5000 })();
 */
export function command(argv: readonly string[], options?: CommandSourceOptions): DescribedSource {
  const parsed = validateInput(commandArgumentsSchema, { argv, options }, 'command() arguments');
  const where = `command ${describeArgv(parsed.argv)}`;
  const timeoutMs = parsed.options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return defineSource(async () => {
    const value = (await run(parsed.argv, timeoutMs, where, parsed.options?.cwd)).trim();
    if (!value) throw absentAt(where, 'printed nothing', 'Make the command print the credential on standard output.');
    return { secret: new Secret(value, parsed.options?.label), source: where };
  }, where);
}

/** Runs the program and resolves with its standard output, or rejects with a message-only error. */
function run(argv: readonly string[], timeoutMs: number, where: string, cwd: string | undefined): Promise<string> {
  const [program, ...args] = argv as [string, ...string[]];
  return new Promise<string>((resolve, reject) => {
    // Its own process group (POSIX), so a timeout also kills what a wrapper script started: a
    // grandchild holding stdout open would otherwise keep the pipe, and this promise, open.
    const detached = process.platform !== 'win32';
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached, windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let settled = false;

    const finish = (error: SwitchyardError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        killTree(child.pid, detached, () => child.kill('SIGKILL'));
        child.stdout.destroy();
        child.stderr.destroy();
        reject(error);
        return;
      }
      resolve(Buffer.concat(stdout).toString('utf8'));
    };

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > MAX_OUTPUT_BYTES) {
        finish(new SwitchyardError('auth', `The credential ${where} printed more than ${MAX_OUTPUT_BYTES} bytes: that is not a token. Check the command.`, { retryable: false }));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));

    const timer = setTimeout(() => {
      finish(new SwitchyardError('auth', `The credential ${where} did not finish within ${timeoutMs} ms and was stopped. Check that it does not wait for input (a login prompt), or raise timeoutMs.`, { retryable: false }));
    }, timeoutMs);

    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? `program "${program}" not found: install it or give its full path` : `could not start (${error.code ?? error.message})`;
      finish(new SwitchyardError('auth', `The credential ${where} failed: ${reason}.`, { retryable: false }));
    });

    child.on('close', (code, signal) => {
      if (code === 0) return finish(undefined);
      const stdoutText = Buffer.concat(stdout).toString('utf8');
      const excerpt = stderrExcerpt(Buffer.concat(stderr).toString('utf8'), stdoutText.trim());
      const how = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`;
      finish(new SwitchyardError('auth', `The credential ${where} ${how}${excerpt ? `: ${excerpt}` : ''}. Run it by hand to see why.`, { retryable: false }));
    });
  });
}

/** The command line for messages, shortened: an inline script can be long. */
function describeArgv(argv: readonly string[]): string {
  const line = argv.join(' ');
  return line.length > DESCRIPTION_CHARS ? `${line.slice(0, DESCRIPTION_CHARS)}…` : line;
}

function killTree(pid: number | undefined, detached: boolean, fallback: () => void): void {
  if (pid === undefined) return;
  try {
    if (detached) process.kill(-pid, 'SIGKILL');
    else fallback();
  } catch {
    // Already gone: nothing to kill.
  }
}

/**
 * The last non-empty line of standard error, shortened, for the error message. A failing program
 * may still have printed the credential on stdout, and some echo it on stderr too: any copy of the
 * stdout text is masked.
 */
function stderrExcerpt(stderr: string, stdoutText: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const line = redactSecrets(lines.at(-1) ?? '', [stdoutText]);
  return line.length > STDERR_EXCERPT_CHARS ? `${line.slice(0, STDERR_EXCERPT_CHARS)}…` : line;
}
