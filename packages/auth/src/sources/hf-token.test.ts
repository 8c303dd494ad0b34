import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthWarning } from '../support/auth-warning.js';
import { isCredentialAbsent, type CredentialAbsentError } from '../support/credential-absent-error.js';
import { hfToken } from './hf-token.js';

const CONTROLLED = ['HOME', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_TOKEN_PATH', 'HF_HOME', 'XDG_CACHE_HOME'] as const;
const saved = Object.fromEntries(CONTROLLED.map((name) => [name, process.env[name]]));
let root: string;
let home: string;

async function writeToken(path: string, value: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, value, { mode: 0o600 });
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-hf-chain-'));
  home = join(root, 'home');
  await mkdir(home);
  for (const name of CONTROLLED) delete process.env[name];
  process.env.HOME = home;
});

afterEach(async () => {
  for (const name of CONTROLLED) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(root, { recursive: true, force: true });
});

describe('hfToken() precedence', () => {
  it('follows HF_TOKEN → HUGGING_FACE_HUB_TOKEN → $HF_TOKEN_PATH → $HF_HOME/token → $XDG_CACHE_HOME/huggingface/token → ~/.cache/huggingface/token → ~/.huggingface/token', async () => {
    const tokenPathFile = join(root, 'custom', 'hf-token');
    const hfHome = join(root, 'hf-home');
    const xdgCache = join(root, 'xdg-cache');
    await writeToken(tokenPathFile, 'hf_from_token_path\n');
    await writeToken(join(hfHome, 'token'), 'hf_from_hf_home');
    await writeToken(join(xdgCache, 'huggingface', 'token'), '  hf_from_xdg  ');
    await writeToken(join(home, '.cache', 'huggingface', 'token'), 'hf_from_default_cache');
    await writeToken(join(home, '.huggingface', 'token'), 'hf_from_legacy');
    process.env.HF_TOKEN = 'hf_from_env';
    process.env.HUGGING_FACE_HUB_TOKEN = 'hf_from_old_env';
    process.env.HF_TOKEN_PATH = tokenPathFile;
    process.env.HF_HOME = hfHome;
    process.env.XDG_CACHE_HOME = xdgCache;

    const warnings: AuthWarning[] = [];
    const source = hfToken({ onWarning: (warning) => warnings.push(warning) });
    const found = async () => {
      const { secret, source: where } = await source();
      return [secret.reveal(), where];
    };

    expect(await found()).toEqual(['hf_from_env', 'env HF_TOKEN']);
    delete process.env.HF_TOKEN;
    expect(await found()).toEqual(['hf_from_old_env', 'env HUGGING_FACE_HUB_TOKEN']);
    delete process.env.HUGGING_FACE_HUB_TOKEN;
    expect(await found()).toEqual(['hf_from_token_path', `file ${tokenPathFile}`]);
    delete process.env.HF_TOKEN_PATH;
    expect(await found()).toEqual(['hf_from_hf_home', `file ${join(hfHome, 'token')}`]);
    delete process.env.HF_HOME;
    expect(await found()).toEqual(['hf_from_xdg', `file ${join(xdgCache, 'huggingface', 'token')}`]);
    delete process.env.XDG_CACHE_HOME;
    expect(await found()).toEqual(['hf_from_default_cache', 'file ~/.cache/huggingface/token']);
    await rm(join(home, '.cache'), { recursive: true });
    expect(warnings).toEqual([]);
    expect(await found()).toEqual(['hf_from_legacy', 'file ~/.huggingface/token (legacy location)']);
    expect(await found()).toEqual(['hf_from_legacy', 'file ~/.huggingface/token (legacy location)']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ type: 'legacy-location', path: join(home, '.huggingface', 'token') });
    expect(warnings[0]?.message).toContain('legacy location');
    expect(warnings[0]?.message).toContain('~/.cache/huggingface/token');
  });

  it('treats empty and blank values as absent at every step', async () => {
    process.env.HF_TOKEN = '';
    process.env.HUGGING_FACE_HUB_TOKEN = '  \n';
    process.env.HF_TOKEN_PATH = join(root, 'blank-token');
    await writeToken(join(root, 'blank-token'), '\n\n');
    process.env.HF_HOME = ' ';
    await writeToken(join(home, '.cache', 'huggingface', 'token'), '\t');
    await writeToken(join(home, '.huggingface', 'token'), 'hf_only_legacy_has_one');
    const source = hfToken({ onWarning: () => undefined });
    expect((await source()).secret.reveal()).toBe('hf_only_legacy_has_one');
  });

  it('says everywhere it looked, in order, when there is no token', async () => {
    process.env.HF_TOKEN_PATH = join(root, 'missing');
    const error = await hfToken()().catch((caught: unknown) => caught);
    expect(isCredentialAbsent(error)).toBe(true);
    expect((error as CredentialAbsentError).lookedAt).toEqual([
      'env HF_TOKEN (not set)',
      'env HUGGING_FACE_HUB_TOKEN (not set)',
      `file ${join(root, 'missing')} (no such file)`,
      '$HF_HOME (not set)',
      '$XDG_CACHE_HOME (not set)',
      'file ~/.cache/huggingface/token (no such file)',
      'file ~/.huggingface/token (no such file)',
    ]);
    expect((error as Error).message).toMatch(/^No Hugging Face token found\. Looked at, in order: env HF_TOKEN \(not set\);.*Set HF_TOKEN, or run `hf auth login`/);
  });

  it('warns once about a token file others can read', async () => {
    const path = join(home, '.cache', 'huggingface', 'token');
    await writeToken(path, 'hf_readable_by_all');
    await chmod(path, 0o644);
    const warnings: AuthWarning[] = [];
    const source = hfToken({ onWarning: (warning) => warnings.push(warning) });
    await source();
    await source();
    expect(warnings.map((warning) => warning.message)).toEqual([
      'Token file ~/.cache/huggingface/token is readable by group and others (mode 644). Restrict it to your user: chmod 600 ~/.cache/huggingface/token',
    ]);
  });

  it('rejects invalid options', () => {
    expect(() => hfToken({ onWarning: true } as never)).toThrow(/Invalid hfToken\(\) options: onWarning/);
  });
});
