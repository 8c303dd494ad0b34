import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { validateInput } from '../spec/validate-input.js';
import { checkRequestOptions } from './check-request-options.js';
import { scopeCredential } from './scope-credential.js';
import { requestOptionsSchema } from './transport-schemas.js';

/** The message zod's path gives, to compare the fast check's fallback against. */
function zodMessage(options: unknown): string {
  try {
    validateInput(requestOptionsSchema, options, 'http.request() options');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the schema to reject the options');
}

describe('checkRequestOptions', () => {
  it('accepts what providers send on every call without copying it', () => {
    const options = {
      method: 'POST' as const,
      url: 'http://127.0.0.1:1/v1/chat/completions',
      headers: { accept: 'application/json' },
      json: { model: 'm', messages: [] },
      credential: scopeCredential('sk-test', { origins: ['http://127.0.0.1:1'] }),
      signal: new AbortController().signal,
      timeouts: { headersMs: 1_000, totalMs: Infinity },
      idempotent: false,
      provider: 'openai-compat',
      model: 'm',
      parseErrorBody: () => undefined,
      maxRedirects: 0,
      maxBodyBytes: 1024,
    };
    expect(checkRequestOptions(options)).toBe(options);
  });

  it.each([
    ['no url', { method: 'POST' }],
    ['a url that is not a string', { url: 42 }],
    ['an unknown method', { url: 'http://127.0.0.1/', method: 'TRACE' }],
    ['a header value that is not a string', { url: 'http://127.0.0.1/', headers: { 'x-n': 1 } }],
    ['a body that is neither string nor bytes', { url: 'http://127.0.0.1/', body: { a: 1 } }],
    ['a raw string as credential', { url: 'http://127.0.0.1/', credential: 'sk-raw' }],
    ['a signal that is not a signal', { url: 'http://127.0.0.1/', signal: {} }],
    ['a zero deadline', { url: 'http://127.0.0.1/', timeouts: { headersMs: 0 } }],
    ['a NaN deadline', { url: 'http://127.0.0.1/', timeouts: { totalMs: Number.NaN } }],
    ['too many redirects', { url: 'http://127.0.0.1/', maxRedirects: 21 }],
    ['a fractional body limit', { url: 'http://127.0.0.1/', maxBodyBytes: 1.5 }],
    ['an array', []],
    ['null', null],
  ])('rejects %s with the schema message', (_name, options) => {
    let thrown: unknown;
    try {
      checkRequestOptions(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SwitchyardError);
    expect((thrown as SwitchyardError).kind).toBe('invalid-request');
    expect((thrown as SwitchyardError).message).toBe(zodMessage(options));
  });

  it('leaves shapes it does not know to the schema, which accepts what it accepted before', () => {
    // Unknown timeout names and a Map-like headers object are not on the fast path; zod decides.
    const options = { url: 'http://127.0.0.1/', timeouts: { headersMs: 5, extra: 1 } };
    const checked = checkRequestOptions(options);
    expect(checked).not.toBe(options);
    expect(checked).toEqual({ url: 'http://127.0.0.1/', timeouts: { headersMs: 5 } });
  });
});
