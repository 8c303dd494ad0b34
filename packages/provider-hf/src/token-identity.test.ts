import { describe, expect, it } from 'vitest';
import { Secret, SwitchyardError } from '@switchyard/core';
import { tokenIdentity } from './token-identity.js';

describe('tokenIdentity', () => {
  const token = 'hf_identityToken0123456789abcdefghij';

  it('is the same for the same token however it is held, different for another, and never contains it', async () => {
    const identity = await tokenIdentity(token);
    expect(await tokenIdentity(new Secret(token))).toBe(identity);
    expect(await tokenIdentity(async () => ({ secret: new Secret(token), source: 'test' }))).toBe(identity);
    expect(await tokenIdentity('hf_anotherToken0123456789abcdefghij')).not.toBe(identity);
    expect(identity).toMatch(/^[0-9a-f]{32}$/);
    expect(identity).not.toContain(token.slice(3, 12));
  });

  it('passes on a source\'s own error (which says where it looked), and wraps anything else as auth', async () => {
    const missing = new SwitchyardError('auth', 'No Hugging Face token: looked at HF_TOKEN, HUGGING_FACE_HUB_TOKEN, ~/.cache/huggingface/token.');
    await expect(tokenIdentity(async () => Promise.reject(missing))).rejects.toBe(missing);
    const broken = Object.assign(async () => Promise.reject(new Error('vault sealed')), { describe: 'vault secret/hf' });
    await expect(tokenIdentity(broken)).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('(vault secret/hf): vault sealed') });
  });
});
