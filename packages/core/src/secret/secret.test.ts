import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, isSecretLike, toSecret } from './secret.js';

const VALUE = 'hf_abcdefghijklmnopqrstuvwxyzWXYZ';

describe('Secret redaction', () => {
  it('shows only the kind and the last 4 characters in every printed form', () => {
    const secret = new Secret(VALUE);
    const forms = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 5, showHidden: true }),
      inspect(secret, { customInspect: false, showHidden: true }),
      format('%s %o %O %j', secret, secret, secret, secret),
      JSON.stringify(structuredClone(secret)),
      JSON.stringify({ ...secret }),
    ];
    for (const form of forms) expect(form).not.toContain('abcdefghijklmnop');
    expect(String(secret)).toBe('Secret(hf_…WXYZ)');
    expect(secret.reveal()).toBe(VALUE);
  });

  it('includes the label as the kind', () => {
    expect(String(new Secret('vault-token-0123456789abcdef', 'vault token'))).toBe('Secret(vault token …cdef)');
  });

  it('never shows a known prefix when it would be most of a short value', () => {
    // `sk-` + 4 characters: showing the prefix would reveal 3 of 7 characters.
    expect(String(new Secret('sk-abcd'))).toBe('Secret(…)');
    expect(String(new Secret('hf_'))).toBe('Secret(…)');
  });

  it('hides the tail of short values', () => {
    expect(String(new Secret('short-value'))).toBe('Secret(…)');
  });

  it('is recognised by its marker and passed through toSecret', () => {
    const secret = new Secret(VALUE);
    expect(isSecretLike(secret)).toBe(true);
    expect(isSecretLike({ reveal: () => VALUE })).toBe(false);
    expect(toSecret(secret)).toBe(secret);
    expect(toSecret(VALUE).reveal()).toBe(VALUE);
  });
});
