import { isSwitchyardError, Secret, type ResolvedCredential } from '@switchyard/core';
import { reply } from '@switchyard/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { useLoopback } from '../test-support/use-loopback.js';
import { vaultSecret } from './vault-secret.js';

const VAULT_TOKEN = 'hvs.CAESIJswitchyardTestToken0123456789';
const loopback = useLoopback();

/** A KV v2 read response as Vault 1.x sends it. */
function kvRead(data: Record<string, unknown> | null, version = 3) {
  return reply.json({
    request_id: '8c0e3c7e-2f0c-4f1a-9d2b-0a0b0c0d0e0f',
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: { data, metadata: { created_time: '2025-01-14T10:00:00.000000Z', custom_metadata: null, deletion_time: '', destroyed: false, version } },
    wrap_info: null,
    warnings: null,
    auth: null,
  });
}

afterEach(() => {
  delete process.env.VAULT_ADDR;
  delete process.env.VAULT_TOKEN;
  delete process.env.VAULT_NAMESPACE;
});

describe('vaultSecret() against a Vault KV v2 wire server', () => {
  it('reads GET /v1/<mount>/data/<path> with X-Vault-Token and returns the field', async () => {
    loopback.server.route('GET', '/v1/kv/data/switchyard/hf', kvRead({ token: '  hf_vaultStoredToken0123456789\n', owner: 'ci' }));
    const source = vaultSecret({ address: loopback.server.url, mount: 'kv', path: 'switchyard/hf', field: 'token', token: VAULT_TOKEN, transport: loopback.transport });
    const resolved = await source();
    expect(resolved.secret.reveal()).toBe('hf_vaultStoredToken0123456789');
    expect(resolved.source).toBe(`vault kv/switchyard/hf#token at ${loopback.server.url}`);
    const [request] = loopback.server.requests;
    expect(request?.headers['x-vault-token']).toBe(VAULT_TOKEN);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['x-vault-namespace']).toBeUndefined();
  });

  it('takes address, token and namespace from VAULT_ADDR, VAULT_TOKEN and VAULT_NAMESPACE, and passes the version', async () => {
    process.env.VAULT_ADDR = loopback.server.url;
    process.env.VAULT_TOKEN = VAULT_TOKEN;
    process.env.VAULT_NAMESPACE = 'team-a';
    loopback.server.route('GET', '/v1/secret/data/hf?version=2', kvRead({ token: 'hf_version2Token' }, 2));
    const resolved = await vaultSecret({ path: '/hf/', field: 'token', version: 2, transport: loopback.transport })();
    expect(resolved.secret.reveal()).toBe('hf_version2Token');
    expect(loopback.server.requests[0]?.headers['x-vault-token']).toBe(VAULT_TOKEN);
    expect(loopback.server.requests[0]?.headers['x-vault-namespace']).toBe('team-a');
  });

  it('treats 404 and a deleted version as absent', async () => {
    loopback.server.route('GET', '/v1/secret/data/missing', reply.json({ errors: [] }, { status: 404 }));
    loopback.server.route('GET', '/v1/secret/data/deleted', kvRead(null));
    const options = { address: loopback.server.url, field: 'token', token: VAULT_TOKEN, transport: loopback.transport };
    const missing = await vaultSecret({ ...options, path: 'missing' })().catch((error: unknown) => error);
    expect(isCredentialAbsent(missing)).toBe(true);
    expect((missing as Error).message).toBe(`No credential in vault secret/missing#token at ${loopback.server.url}: not found. Write it with: vault kv put -mount=secret missing <field>=<value>.`);
    const deleted = await vaultSecret({ ...options, path: 'deleted' })().catch((error: unknown) => error);
    expect(isCredentialAbsent(deleted)).toBe(true);
    expect((deleted as Error).message).toContain('deleted');
  });

  it('explains a 403 with the policy path to grant', async () => {
    loopback.server.route('GET', '/v1/secret/data/hf', reply.json({ errors: ['permission denied'] }, { status: 403 }));
    const error = await vaultSecret({ address: loopback.server.url, path: 'hf', field: 'token', token: VAULT_TOKEN, transport: loopback.transport })().catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && [error.kind, error.status]).toEqual(['permission', 403]);
    expect(isCredentialAbsent(error)).toBe(false);
    expect((error as Error).message).toMatch(/^Could not read the vault secret secret\/hf: GET .*\/v1\/secret\/data\/hf failed with 403/);
    expect((error as Error).message).toContain('its policy lacks "read" on secret/data/hf');
    expect(JSON.stringify(error)).not.toContain(VAULT_TOKEN);
  });

  it('on 403, invalidates a refreshable token source once and reads again', async () => {
    const tokens = ['hvs.expiredToken000000000000', 'hvs.freshToken11111111111111'];
    let invalidations = 0;
    const tokenSource = Object.assign(
      async (): Promise<ResolvedCredential> => ({ secret: new Secret(tokens[Math.min(invalidations, 1)]!), source: 'test token' }),
      { invalidate: () => void (invalidations += 1) },
    );
    loopback.server.route('GET', '/v1/secret/data/hf', (request) =>
      request.headers['x-vault-token'] === tokens[1] ? kvRead({ token: 'hf_afterRefresh' }) : reply.json({ errors: ['permission denied'] }, { status: 403 }),
    );
    const resolved = await vaultSecret({ address: loopback.server.url, path: 'hf', field: 'token', token: tokenSource, transport: loopback.transport })();
    expect(resolved.secret.reveal()).toBe('hf_afterRefresh');
    expect(invalidations).toBe(1);
    expect(loopback.server.requests.map((request) => request.headers['x-vault-token'])).toEqual(tokens);
  });

  it('names the fields present when the field is missing', async () => {
    loopback.server.route('GET', '/v1/secret/data/hf', kvRead({ api_key: 'x', user: 'y' }));
    const error = await vaultSecret({ address: loopback.server.url, path: 'hf', field: 'token', token: VAULT_TOKEN, transport: loopback.transport })().catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`The vault secret/hf#token at ${loopback.server.url} has no field "token"; its fields are: api_key, user. Set field to one of them.`);
  });

  it('rejects invalid options, and a missing address with what to set', () => {
    expect(() => vaultSecret({ path: 'hf', field: 'token', token: VAULT_TOKEN })).toThrow(
      'Invalid vaultSecret() options: address: give Vault\'s address (e.g. "https://vault.example.com:8200") or set VAULT_ADDR.',
    );
    expect(() => vaultSecret({ address: loopback.server.url, path: '../sys/raw', field: 'token' })).toThrow(/path: cannot contain "\.\." segments/);
    expect(() => vaultSecret({ address: loopback.server.url, path: 'hf', field: '' })).toThrow(/field: give the key/);
    expect(() => vaultSecret({ address: loopback.server.url, path: 'hf', field: 'token', token: '' })).toThrow(/token: expected a non-empty string/);
    // Plain HTTP to a remote Vault would expose the token: refused when the source is built.
    expect(() => vaultSecret({ address: 'http://vault.example.invalid:8200', path: 'hf', field: 'token', token: VAULT_TOKEN })).toThrow(/plain HTTP/);
  });
});

describe('vaultSecret() without a Vault token', () => {
  it('fails (not absent) and says where it looked for the token', async () => {
    const home = process.env.HOME;
    process.env.HOME = '/nonexistent-switchyard-home';
    try {
      const error = await vaultSecret({ address: loopback.server.url, path: 'hf', field: 'token', transport: loopback.transport })().catch((caught: unknown) => caught);
      expect(isSwitchyardError(error) && error.kind).toBe('auth');
      expect(isCredentialAbsent(error)).toBe(false);
      expect((error as Error).message).toContain('no Vault token');
      expect((error as Error).message).toContain('env VAULT_TOKEN (not set); file ~/.vault-token (no such file)');
      expect(loopback.server.requests).toHaveLength(0);
    } finally {
      process.env.HOME = home;
    }
  });
});
