import { isSwitchyardError } from '@switchyard/core';
import { reply } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { failureOf } from '../test-support/failure-of.js';
import { useLoopback } from '../test-support/use-loopback.js';
import type { AzureTokenCredential } from './azure-access-token.js';
import { azureSecret } from './azure-secret.js';

const loopback = useLoopback();

/** An `@azure/identity`-shaped credential handing out `access-token-1`, `-2`, … valid for an hour. */
function testCredential() {
  const scopes: Array<string | string[]> = [];
  const credential: AzureTokenCredential = {
    async getToken(scope) {
      scopes.push(scope);
      return { token: `eyJ0eXAiOiJKV1Qi.access-token-${scopes.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return { credential, scopes };
}

/** A Key Vault "SecretBundle", as `GET /secrets/{name}` returns it. */
function secretBundle(name: string, value: string) {
  return reply.json({
    value,
    id: `${loopback.server.url}/secrets/${name}/4387e9f3d6e14c459867679a90fd0f79`,
    attributes: { enabled: true, created: 1736848800, updated: 1736848800, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 },
    tags: {},
  });
}

function keyVaultError(status: number, code: string, message: string, inner?: string) {
  return reply.json({ error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } }, { status });
}


describe('azureSecret() against a Key Vault REST wire server', () => {
  it('sends GET /secrets/<name>?api-version=7.5 with a bearer token for the vault scope, and reuses the token', async () => {
    loopback.server.route('GET', '/secrets/hf-token', secretBundle('hf-token', 'hf_azureStoredToken0123456789'));
    const { credential, scopes } = testCredential();
    const source = azureSecret({ vaultUrl: loopback.server.url, name: 'hf-token', credential, transport: loopback.transport });
    const resolved = await source();
    expect(resolved.secret.reveal()).toBe('hf_azureStoredToken0123456789');
    expect(resolved.source).toBe(`azure key vault ${new URL(loopback.server.url).host}/hf-token`);
    await source();
    expect(scopes).toEqual(['https://vault.azure.net/.default']);
    expect(loopback.server.requests.map((request) => [request.query['api-version'], request.headers.authorization])).toEqual([
      ['7.5', 'Bearer eyJ0eXAiOiJKV1Qi.access-token-1'],
      ['7.5', 'Bearer eyJ0eXAiOiJKV1Qi.access-token-1'],
    ]);
  });

  it('reads a version and a JSON field', async () => {
    loopback.server.route('GET', '/secrets/app-config/0a1b2c', secretBundle('app-config', JSON.stringify({ token: 'hf_fromJson', region: 'eu' })));
    const { credential } = testCredential();
    const resolved = await azureSecret({ vaultUrl: loopback.server.url, name: 'app-config', version: '0a1b2c', field: 'token', credential, transport: loopback.transport })();
    expect(resolved.secret.reveal()).toBe('hf_fromJson');
  });

  it('asks for a new token after a 401 and retries once', async () => {
    loopback.server.route('GET', '/secrets/hf-token', (request) =>
      request.headers.authorization?.endsWith('access-token-2')
        ? secretBundle('hf-token', 'hf_afterRefresh')
        : keyVaultError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'),
    );
    const { credential, scopes } = testCredential();
    const resolved = await azureSecret({ vaultUrl: loopback.server.url, name: 'hf-token', credential, transport: loopback.transport })();
    expect(resolved.secret.reveal()).toBe('hf_afterRefresh');
    expect(scopes).toHaveLength(2);
    expect(loopback.server.requests).toHaveLength(2);
  });

  it('treats SecretNotFound as absent', async () => {
    loopback.server.route('GET', '/secrets/nope', keyVaultError(404, 'SecretNotFound', 'A secret with (name/id) nope was not found in this key vault.'));
    const { credential } = testCredential();
    const error = await azureSecret({ vaultUrl: loopback.server.url, name: 'nope', credential, transport: loopback.transport })().catch((caught: unknown) => caught);
    expect(isCredentialAbsent(error)).toBe(true);
    expect((error as Error).message).toContain('not found. Create it with: az keyvault secret set');
  });

  it('explains a 403 with the role to grant, without any token', async () => {
    loopback.server.route('GET', '/secrets/hf-token', keyVaultError(403, 'Forbidden', 'Caller is not authorized to perform action on resource.', 'ForbiddenByRbac'));
    const { credential } = testCredential();
    const error = await azureSecret({ vaultUrl: loopback.server.url, name: 'hf-token', credential, transport: loopback.transport })().catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && [error.kind, error.status]).toEqual(['permission', 403]);
    expect((error as Error).message).toContain('Key Vault Secrets User');
    expect(JSON.stringify(error)).not.toContain('access-token-1');
  });

  it('derives the token scope from a sovereign-cloud vault domain, before any connection', async () => {
    const scopes: Array<string | string[]> = [];
    const refusing: AzureTokenCredential = {
      async getToken(scope) {
        scopes.push(scope);
        throw new Error('CredentialUnavailableError: no identity configured');
      },
    };
    // getToken fails, so no request ever leaves for these hosts.
    for (const vaultUrl of ['https://team.vault.azure.cn', 'https://team.vault.usgovcloudapi.net']) {
      const error = await failureOf(azureSecret({ vaultUrl, name: 'hf-token', credential: refusing, transport: loopback.transport })());
      expect(error.message).toContain('Could not get an Azure access token');
    }
    expect(scopes).toEqual(['https://vault.azure.cn/.default', 'https://vault.usgovcloudapi.net/.default']);
  });

  it('rejects invalid options', () => {
    expect(() => azureSecret({ vaultUrl: 'not a url', name: 'x' })).toThrow(/vaultUrl: expected the vault URL/);
    expect(() => azureSecret({ vaultUrl: loopback.server.url, name: 'bad/name' })).toThrow(/name: expected a secret name/);
    expect(() => azureSecret({ vaultUrl: loopback.server.url, name: 'x', credential: {} as never })).toThrow(/credential: expected an Azure credential/);
  });
});
