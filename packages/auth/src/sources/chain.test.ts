import { Secret, SwitchyardError, type CredentialSource } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialAbsentError, isCredentialAbsent } from '../support/credential-absent-error.js';
import { chain } from './chain.js';
import { env } from './env.js';

const FIRST = 'SWITCHYARD_CHAIN_FIRST';
const SECOND = 'SWITCHYARD_CHAIN_SECOND';

afterEach(() => {
  delete process.env[FIRST];
  delete process.env[SECOND];
});

describe('chain()', () => {
  it('returns the first credential found, in order', async () => {
    const source = chain(env(FIRST), env(SECOND));
    process.env[SECOND] = 'second';
    expect(await source()).toMatchObject({ source: `env ${SECOND}` });
    process.env[FIRST] = 'first';
    expect(await source()).toMatchObject({ source: `env ${FIRST}` });
    expect(source.describe).toBe(`env ${FIRST}, then env ${SECOND}`);
  });

  it('lists every place looked at when all are absent, and nests', async () => {
    const inner = chain(env(FIRST), env(SECOND));
    const outer = chain(inner, env('SWITCHYARD_CHAIN_THIRD'));
    const error = await outer().catch((caught: unknown) => caught);
    expect(isCredentialAbsent(error)).toBe(true);
    expect((error as CredentialAbsentError).lookedAt).toEqual([
      `env ${FIRST} (not set)`,
      `env ${SECOND} (not set)`,
      'env SWITCHYARD_CHAIN_THIRD (not set)',
    ]);
    expect((error as Error).message).toBe(
      `No credential found. Looked at, in order: env ${FIRST} (not set); env ${SECOND} (not set); env SWITCHYARD_CHAIN_THIRD (not set).`,
    );
  });

  it('stops at a real failure instead of falling back', async () => {
    const broken: CredentialSource = async () => {
      throw new SwitchyardError('auth', 'vault answered 403');
    };
    process.env[SECOND] = 'would-be-fallback';
    await expect(chain(env(FIRST), broken, env(SECOND))()).rejects.toThrow('vault answered 403');
  });

  it('passes invalidate() on to the sources that have one', async () => {
    let invalidated = 0;
    const refreshable = Object.assign(async () => ({ secret: new Secret('x'), source: 'test' }), {
      invalidate: () => {
        invalidated += 1;
      },
    });
    const source = chain(env(FIRST), refreshable);
    source.invalidate?.();
    expect(invalidated).toBe(1);
    expect(chain(env(FIRST)).invalidate).toBeUndefined();
  });

  it('rejects anything that is not a source', () => {
    expect(() => chain()).toThrow(/give at least one source/);
    expect(() => chain('HF_TOKEN' as never)).toThrow(/\[0\]: expected a credential source/);
  });
});
