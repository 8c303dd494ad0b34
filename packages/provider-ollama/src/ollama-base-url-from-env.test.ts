import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '@switchyard/core';
import { ollamaBaseUrlFromEnv } from './ollama-base-url-from-env.js';

describe('ollamaBaseUrlFromEnv', () => {
  it.each([
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['gpu-box:8080', 'http://gpu-box:8080'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11435', 'http://127.0.0.1:11435'],
    [':9999', 'http://127.0.0.1:9999'],
    ['"0.0.0.0"', 'http://127.0.0.1:11434'],
    ['http://10.0.0.5:11434', 'http://10.0.0.5:11434'],
    ['http://ollama.internal', 'http://ollama.internal:80'],
    ['https://ollama.example.com', 'https://ollama.example.com:443'],
    ['https://example.com/ollama/', 'https://example.com:443/ollama'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::]:11434', 'http://127.0.0.1:11434'],
  ])('reads OLLAMA_HOST=%s as %s', (value, expected) => {
    expect(ollamaBaseUrlFromEnv(value === undefined ? {} : { OLLAMA_HOST: value })).toBe(expected);
  });

  it('refuses values it cannot use, without echoing credentials', () => {
    for (const value of ['ftp://host', 'host:99999', 'http://user:hunter2@host:1']) {
      let error: unknown;
      try {
        ollamaBaseUrlFromEnv({ OLLAMA_HOST: value });
      } catch (caught) {
        error = caught;
      }
      expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
      expect((error as Error).message).toContain('OLLAMA_HOST');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
