import { homedir } from 'node:os';
import { isAbsolute, join, sep } from 'node:path';

/** `~/x` and `~` become paths under the current home directory (`$HOME`, read at each call). */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith(`~${sep}`)) return join(homedir(), path.slice(2));
  return path;
}

/** A path as people write it: under the home directory it starts with `~`. */
export function displayPath(path: string): string {
  const home = homedir();
  if (isAbsolute(path) && home && (path === home || path.startsWith(home + sep))) return `~${path.slice(home.length)}`;
  return path;
}

/**
 * A path a user can paste into a POSIX shell: the `~` form when it needs no quoting, otherwise the
 * absolute path in single quotes (inside quotes `~` would not expand).
 */
export function shellPath(path: string): string {
  const shown = displayPath(path);
  if (/^[\w~./+-]+$/.test(shown)) return shown;
  return `'${path.replaceAll("'", `'\\''`)}'`;
}
