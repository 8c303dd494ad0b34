import { describe, expect, it } from 'vitest';
import { Secret, isSwitchyardError } from '@switchyard/core';
import { huggingface } from './huggingface.js';

function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSwitchyardError(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchyardError');
}

describe('huggingface() options', () => {
  it('without a token: an auth error that says how to pass one', () => {
    const error = failure(() => huggingface({} as never));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('hfToken()');
    expect(error.message).toContain('never reads the environment');
  });

  it('rejects plain http to a non-loopback host, naming the option', () => {
    const error = failure(() => huggingface({ token: 'hf_x', routerUrl: 'http://router.example.com' }));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('routerUrl');
    expect(error.message).toContain('https');
  });

  it('rejects unknown options (a misspelt key is a mistake, not a no-op) and bad provider names', () => {
    expect(failure(() => huggingface({ token: 'hf_x', apiKey: 'hf_y' } as never)).message).toContain('apiKey');
    expect(failure(() => huggingface({ token: 'hf_x', provider: 'Together AI' })).message).toContain('provider');
    expect(failure(() => huggingface({ token: 'hf_x', pollIntervalMs: 1 })).message).toContain('pollIntervalMs');
  });

  it('never echoes the token in a validation error', () => {
    const token = 'hf_doNotEchoThisToken0123456789abc';
    const error = failure(() => huggingface({ token, endpointUrl: 'not a url' }));
    expect(error.message).toContain('endpointUrl');
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('accepts a Secret or a credential source, and builds a cloud provider with routes, or a dedicated one without', () => {
    const cloud = huggingface({ token: new Secret('hf_secret'), billTo: 'my-org', provider: ':cheapest' });
    expect(cloud).toMatchObject({ id: 'hf', kind: 'cloud', specificationVersion: 'switchyard.provider.v1' });
    expect(typeof cloud.routes).toBe('function');
    const source = Object.assign(async () => ({ secret: new Secret('hf_from_source'), source: 'test' }), { describe: 'test source' });
    const dedicated = huggingface({ token: source, id: 'my-endpoint', endpointUrl: 'https://xyz.endpoints.huggingface.cloud/' });
    expect(dedicated).toMatchObject({ id: 'my-endpoint', kind: 'dedicated' });
    expect(dedicated.routes).toBeUndefined();
    expect(dedicated.textToVideo).toBeUndefined();
  });
});
