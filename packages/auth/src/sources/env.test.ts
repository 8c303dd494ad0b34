import { afterEach, describe, expect, it } from 'vitest';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { env } from './env.js';

const NAME = 'SWITCHYARD_AUTH_TEST_TOKEN';

afterEach(() => {
  delete process.env[NAME];
});

describe('env()', () => {
  it('reads and trims the variable at each call, and says where it came from', async () => {
    const source = env(NAME, { label: 'test key' });
    process.env[NAME] = '  first-value-0123456789  \n';
    const first = await source();
    expect(first.secret.reveal()).toBe('first-value-0123456789');
    expect(first.source).toBe(`env ${NAME}`);
    expect(String(first.secret)).toBe('Secret(test key …6789)');
    process.env[NAME] = 'second-value';
    expect((await source()).secret.reveal()).toBe('second-value');
    expect(source.describe).toBe(`env ${NAME}`);
  });

  it('treats unset and blank as absent, with a message naming the variable', async () => {
    const source = env(NAME);
    const unset = await source().catch((error: unknown) => error);
    expect(isCredentialAbsent(unset)).toBe(true);
    expect((unset as Error).message).toBe(`No credential in env ${NAME}: not set. Set ${NAME} to the credential.`);
    process.env[NAME] = ' \t\n';
    const blank = await source().catch((error: unknown) => error);
    expect(isCredentialAbsent(blank)).toBe(true);
    expect((blank as Error).message).toContain('empty');
  });

  it('rejects an invalid name with an invalid-request error', () => {
    expect(() => env('')).toThrow(/Invalid env\(\) arguments: name: give the variable name/);
    expect(() => env('A=B')).toThrow(/cannot contain "="/);
    expect(() => env(NAME, { lable: 'typo' } as never)).toThrow(/Invalid env\(\) arguments/);
  });
});
