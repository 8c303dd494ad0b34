import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '@switchyard/core';
import { resolveOllamaConfig } from './ollama-config.js';

function failure(options: unknown): Error {
  try {
    resolveOllamaConfig(options);
  } catch (error) {
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
    return error as Error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveOllamaConfig', () => {
  it('applies the defaults', () => {
    const config = resolveOllamaConfig({ baseURL: 'http://127.0.0.1:11434/' });
    expect(config).toEqual({ id: 'ollama', baseURL: 'http://127.0.0.1:11434', headers: undefined, credential: undefined, keepAlive: undefined, autoPull: false });
  });

  it('turns an authorization header into a credential scoped to the base URL origin', () => {
    const config = resolveOllamaConfig({ baseURL: 'https://ollama.example.com/proxy', headers: { Authorization: 'Bearer t0ken', 'X-Team': 'a' } });
    expect(config.headers).toEqual({ 'x-team': 'a' });
    expect(config.credential).toEqual({ value: 'Bearer t0ken', origins: ['https://ollama.example.com'], header: 'authorization', scheme: undefined });
  });

  it('refuses to send an authorization header over plain http to a host that is not loopback', () => {
    const message = failure({ baseURL: 'http://gpu-box:11434', headers: { authorization: 'Bearer t0ken' } }).message;
    expect(message).toContain('gpu-box');
    expect(message).not.toContain('t0ken');
  });

  it('explains what to fix', () => {
    expect(failure({ baseURL: 'localhost:11434' }).message).toContain('baseURL');
    expect(failure({ baseURL: 'http://127.0.0.1:11434/v1' }).message).toContain('OpenAI-compatible');
    expect(failure({ baseURL: 'http://me:pw@127.0.0.1:11434' }).message).toContain('user name or password');
    expect(failure({ keepAlive: '5 minutes' }).message).toContain('keepAlive');
    expect(failure({ autopull: true }).message).toContain('autopull');
    expect(failure({ id: 'has/slash' }).message).toContain('id');
    expect(failure({ headers: { 'bad header': 'x' } }).message).toContain('header');
  });
});
