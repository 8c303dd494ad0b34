import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSwitchyardError } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthWarning } from '../support/auth-warning.js';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { file } from './file.js';

const TOKEN = 'hf_fileTokenValue0123456789abcdef';
let directory: string;
const originalHome = process.env.HOME;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-auth-file-'));
});

afterEach(async () => {
  process.env.HOME = originalHome;
  await rm(directory, { recursive: true, force: true });
});

describe('file()', () => {
  it('reads and trims the file at each call', async () => {
    const path = join(directory, 'token');
    await writeFile(path, `\n  ${TOKEN}\r\n`, { mode: 0o600 });
    const source = file(path, { onWarning: () => undefined });
    const resolved = await source();
    expect(resolved.secret.reveal()).toBe(TOKEN);
    expect(resolved.source).toBe(`file ${path}`);
    await writeFile(path, 'rotated-token');
    expect((await source()).secret.reveal()).toBe('rotated-token');
  });

  it('expands ~ and shows paths under the home directory with ~', async () => {
    process.env.HOME = directory;
    await mkdir(join(directory, '.config'));
    await writeFile(join(directory, '.config', 'token'), TOKEN, { mode: 0o600 });
    const resolved = await file('~/.config/token')();
    expect(resolved.source).toBe('file ~/.config/token');
    expect(resolved.secret.reveal()).toBe(TOKEN);
  });

  it('treats a missing or empty file as absent', async () => {
    const missing = await file(join(directory, 'nope'))().catch((error: unknown) => error);
    expect(isCredentialAbsent(missing)).toBe(true);
    expect((missing as Error).message).toContain('no such file');
    const empty = join(directory, 'empty');
    await writeFile(empty, '  \n', { mode: 0o600 });
    const blank = await file(empty)().catch((error: unknown) => error);
    expect(isCredentialAbsent(blank)).toBe(true);
    expect((blank as Error).message).toContain('empty file');
  });

  it('fails (not absent) when the path is not a regular file', async () => {
    const error = await file(directory)().catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('auth');
    expect(isCredentialAbsent(error)).toBe(false);
    expect((error as Error).message).toContain('not a regular file');
  });

  it('warns once, naming the file and the chmod 600 fix, when group or others can read it', async () => {
    const path = join(directory, 'token');
    await writeFile(path, TOKEN);
    await chmod(path, 0o644);
    const warnings: AuthWarning[] = [];
    const source = file(path, { onWarning: (warning) => warnings.push(warning) });
    await source();
    await source();
    expect(warnings).toEqual([
      {
        type: 'insecure-permissions',
        path,
        mode: 0o644,
        message: `Token file ${path} is readable by group and others (mode 644). Restrict it to your user: chmod 600 ${path}`,
      },
    ]);
    await chmod(path, 0o640);
    await source();
    expect(warnings[1]?.message).toContain('readable by group (mode 640)');
    await chmod(path, 0o600);
    await source();
    expect(warnings).toHaveLength(2);
  });

  it('warns on the console by default', async () => {
    const path = join(directory, 'token');
    await writeFile(path, TOKEN);
    await chmod(path, 0o604);
    const printed: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => printed.push(...args);
    try {
      await file(path)();
    } finally {
      console.warn = original;
    }
    expect(printed).toEqual([`[@switchyard/auth] Token file ${path} is readable by others (mode 604). Restrict it to your user: chmod 600 ${path}`]);
  });

  it('quotes a path with spaces in the chmod advice', async () => {
    const path = join(directory, 'my token');
    await writeFile(path, TOKEN);
    await chmod(path, 0o644);
    const warnings: AuthWarning[] = [];
    await file(path, { onWarning: (warning) => warnings.push(warning) })();
    expect(warnings[0]?.message).toContain(`chmod 600 '${path}'`);
  });

  it('rejects invalid arguments', () => {
    expect(() => file('')).toThrow(/Invalid file\(\) arguments: path/);
    expect(() => file('/x', { onWarning: 'console' } as never)).toThrow(/onWarning: expected a function/);
  });
});
