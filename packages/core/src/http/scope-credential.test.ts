import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { Secret } from '../secret/secret.js';
import type { CredentialSource } from '../secret/secret.js';
import { isLoopbackHost } from './is-loopback-host.js';
import { attachCredential, canRefresh, scopeCredential } from './scope-credential.js';

const KEY = 'sk-scope-test-0123456789abcdef';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('scopeCredential', () => {
  it('normalises origins and defaults to authorization: Bearer', () => {
    const credential = scopeCredential(KEY, { origins: ['https://API.openai.com/v1/', 'https://api.openai.com'] });
    expect(credential.origins).toEqual(['https://api.openai.com']);
    expect(credential.header).toBe('authorization');
    expect(credential.scheme).toBe('Bearer');
    expect(Object.isFrozen(credential)).toBe(true);
  });

  it('uses no scheme for other headers unless asked, and none when scheme is null', () => {
    expect(scopeCredential(KEY, { origins: ['https://a.example'], header: 'X-Api-Key' })).toMatchObject({ header: 'x-api-key', scheme: undefined });
    expect(scopeCredential(KEY, { origins: ['https://a.example'], header: 'x-goog-api-key', scheme: 'Key' }).scheme).toBe('Key');
    expect(scopeCredential(KEY, { origins: ['https://a.example'], scheme: null }).scheme).toBeUndefined();
  });

  it('refuses plain http:// origins that are not loopback, naming the host', () => {
    const error = caught(() => scopeCredential(KEY, { origins: ['http://10.0.0.5:8000'] }));
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
    expect((error as Error).message).toContain('10.0.0.5:8000');
    expect(() => scopeCredential(KEY, { origins: ['http://127.0.0.1:11434', 'http://localhost:8080', 'http://[::1]:9000'] })).not.toThrow();
  });

  it('validates its options with messages that say what to fix, never echoing the value', () => {
    for (const [value, options] of [
      ['', { origins: ['https://a.example'] }],
      [42, { origins: ['https://a.example'] }],
      [KEY, { origins: [] }],
      [KEY, { origins: ['ftp://files.example'] }],
      [KEY, { origins: ['https://a.example'], header: 'bad header' }],
    ] as const) {
      const error = caught(() => scopeCredential(value as string, options as never));
      expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
      expect((error as Error).message).toMatch(/scopeCredential\(\)/);
      expect((error as Error).message).not.toContain(KEY);
    }
  });
});

describe('attachCredential', () => {
  it('attaches a string, a Secret and a credential source to an in-scope origin', async () => {
    const url = new URL('https://api.example.com/v1/chat');
    const source: CredentialSource = async () => ({ secret: new Secret(KEY), source: 'test' });
    for (const value of [KEY, new Secret(KEY), source]) {
      const attached = await attachCredential(scopeCredential(value, { origins: ['https://api.example.com'] }), url);
      expect(attached).toEqual({ header: 'authorization', headerValue: `Bearer ${KEY}`, secret: KEY });
    }
  });

  it('refuses another origin (scheme, host or port) without revealing the value', async () => {
    const credential = scopeCredential(KEY, { origins: ['https://api.example.com'] });
    for (const target of ['https://evil.example.com/v1', 'https://api.example.com:8443/v1', 'http://localhost:3000/v1']) {
      const error = await attachCredential(credential, new URL(target)).catch((caughtError: unknown) => caughtError);
      expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
      expect((error as Error).message).toContain(new URL(target).host);
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it('refuses plain http to a non-loopback host even when a hand-made credential lists it', async () => {
    const handMade = { value: KEY, origins: ['http://gpu-box:8000'], header: 'authorization', scheme: 'Bearer' };
    const error = await attachCredential(handMade, new URL('http://gpu-box:8000/v1')).catch((caughtError: unknown) => caughtError);
    expect((error as Error).message).toMatch(/plain HTTP to gpu-box:8000/);
  });

  it('refuses a value that would break the header, without showing it', async () => {
    const credential = scopeCredential(`${KEY}\r\nx-injected: 1`, { origins: ['https://api.example.com'] });
    const error = await attachCredential(credential, new URL('https://api.example.com/')).catch((caughtError: unknown) => caughtError);
    expect(isSwitchyardError(error) && error.kind).toBe('auth');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('knows which credentials can be refreshed after a 401', () => {
    const refreshable = Object.assign(async () => ({ secret: new Secret(KEY), source: 'test' }), { invalidate: () => undefined });
    expect(canRefresh(scopeCredential(refreshable, { origins: ['https://a.example'] }))).toBe(true);
    expect(canRefresh(scopeCredential(KEY, { origins: ['https://a.example'] }))).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('validates its input', () => {
    expect(() => isLoopbackHost(undefined as never)).toThrow(/isLoopbackHost\(\) hostname: \(root\): expected a host name/);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['[::1]', true],
    ['::1', true],
    ['127.0.0.1.nip.io', false],
    ['localhost.evil.com', false],
    ['10.0.0.1', false],
    ['[::ffff:7f00:1]', false],
    ['api.openai.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
