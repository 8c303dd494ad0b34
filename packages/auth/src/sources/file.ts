import { open } from 'node:fs/promises';
import { lazySchema, Secret, SwitchyardError, isSwitchyardError, validateInput } from '@switchyard/core';
import type { z } from 'zod';
import { warnOnConsole, type AuthWarningHandler } from '../support/auth-warning.js';
import { absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { displayPath, expandHome, shellPath } from '../support/display-path.js';

// A token is a line of text; anything larger is the wrong file, and reading it whole would be waste.
const MAX_TOKEN_FILE_BYTES = 64 * 1024;
const GROUP_OR_OTHERS_READABLE = 0o044;

const fileArgumentsSchema = lazySchema((z) =>
  z.object({
    path: z.string().min(1, 'give the path of the file holding the credential'),
    options: z
      .object({
        onWarning: z.custom<AuthWarningHandler>((value) => typeof value === 'function', 'expected a function').optional(),
        label: z.string().optional(),
      })
      .strict()
      .optional(),
  }),
);

/** Options of {@link file}. */
export interface FileSourceOptions {
  /**
   * Receives a warning when the file is readable by group or others (once per file and mode for
   * this source). Default: {@link warnOnConsole}.
   */
  onWarning?: AuthWarningHandler;
  /** The kind shown in the secret's redacted form. */
  label?: string;
}

/**
 * A credential from a file, read at each call. A leading `~/` means the home directory.
 * Whitespace is trimmed; a missing or empty file means absent (a `credential-absent` error that
 * {@link chain} skips); an unreadable path is a real failure. On POSIX, a file readable by group or
 * others produces an `insecure-permissions` warning naming the file and the `chmod 600` fix.
 * The resolved `source` is `"file ~/path"`.
 *
 * @example
 * const credential = await file('~/.config/my-app/token', { onWarning: (w) => log.warn(w.message) })();
 */
export function file(path: string, options?: FileSourceOptions): DescribedSource {
  const parsed = validateInput(fileArgumentsSchema, { path, options }, 'file() arguments');
  const onWarning = parsed.options?.onWarning ?? warnOnConsole;
  const label = parsed.options?.label;
  const warned = new Set<string>();

  const warnIfExposed = (absolute: string, mode: number) => {
    const exposed = mode & GROUP_OR_OTHERS_READABLE;
    const key = `${absolute}:${mode}`;
    if (process.platform === 'win32' || !exposed || warned.has(key)) return;
    warned.add(key);
    const who = exposed === GROUP_OR_OTHERS_READABLE ? 'group and others' : exposed & 0o040 ? 'group' : 'others';
    onWarning({
      type: 'insecure-permissions',
      path: absolute,
      mode,
      message:
        `Token file ${displayPath(absolute)} is readable by ${who} (mode ${mode.toString(8).padStart(3, '0')}). ` +
        `Restrict it to your user: chmod 600 ${shellPath(absolute)}`,
    });
  };

  return defineSource(async () => {
    const absolute = expandHome(parsed.path);
    const where = `file ${displayPath(absolute)}`;
    const handle = await open(absolute, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        throw absentAt(where, 'no such file', `Write the credential to ${displayPath(absolute)}.`);
      }
      throw unreadable(where, error);
    });
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        throw new SwitchyardError('auth', `Cannot read the credential from ${where}: it is not a regular file. Point it at the file holding the token.`, { retryable: false });
      }
      if (stats.size > MAX_TOKEN_FILE_BYTES) {
        throw new SwitchyardError('auth', `Cannot read the credential from ${where}: ${stats.size} bytes is too large for a token file (at most ${MAX_TOKEN_FILE_BYTES}). Check the path.`, { retryable: false });
      }
      warnIfExposed(absolute, stats.mode & 0o777);
      const value = (await handle.readFile('utf8')).trim();
      if (!value) throw absentAt(where, 'empty file', `Write the credential to ${displayPath(absolute)}.`);
      return { secret: new Secret(value, label), source: where };
    } catch (error) {
      if (isSwitchyardError(error)) throw error;
      throw unreadable(where, error as NodeJS.ErrnoException);
    } finally {
      await handle.close();
    }
  }, `file ${displayPath(expandHome(parsed.path))}`);
}

function unreadable(where: string, error: NodeJS.ErrnoException): SwitchyardError {
  const reason = error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : (error.code ?? error.message);
  return new SwitchyardError(
    'auth',
    `Cannot read the credential from ${where} (${reason}). Make it a file this user can read, with mode 600.`,
    { retryable: false, cause: error },
  );
}
