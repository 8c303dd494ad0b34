import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from './schemas.js';
import { validateInput } from './validate-input.js';
import { isSwitchyardError } from '../errors/switchyard-error.js';

describe('validateInput', () => {
  it('returns the parsed value for a valid chat request', () => {
    const request = validateInput(chatRequestSchema, { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, 'chat request');
    expect(request.messages[0]).toEqual({ role: 'user', content: 'hi' });
  });

  it('names every bad field and what it should be', () => {
    let caught: unknown;
    try {
      validateInput(chatRequestSchema, { model: '', messages: [{ role: 'bot', content: 'x' }], temperature: 9 }, 'chat request');
    } catch (error) {
      caught = error;
    }
    expect(isSwitchyardError(caught)).toBe(true);
    const error = caught as Error & { kind: string };
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Invalid chat request');
    expect(error.message).toContain('model: model must not be empty');
    expect(error.message).toContain('messages[0]');
    expect(error.message).toContain('temperature: temperature must be <= 5');
  });
});
