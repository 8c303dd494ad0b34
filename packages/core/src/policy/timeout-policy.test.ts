import { describe, expect, it } from 'vitest';
import { validateInput } from '../spec/validate-input.js';
import { DEFAULT_TIMEOUTS, resolveTimeouts, timeoutOptionsSchema } from './timeout-policy.js';

describe('resolveTimeouts', () => {
  it('gives each task its defaults: text first token 30 s, image total 60 s, video total 300 s', () => {
    expect(resolveTimeouts('chat', 'p', undefined, undefined)).toMatchObject({ firstTokenMs: 30_000, headersMs: 30_000 });
    expect(resolveTimeouts('text-to-image', 'p', undefined, undefined)).toMatchObject({ totalMs: 60_000 });
    expect(resolveTimeouts('text-to-video', 'p', undefined, undefined)).toMatchObject({ totalMs: 300_000 });
    expect(DEFAULT_TIMEOUTS.health.totalMs).toBeLessThan(DEFAULT_TIMEOUTS.chat.totalMs);
  });

  it('layers client, client per task, provider, provider per task and call overrides in that order', () => {
    const client = {
      firstTokenMs: 1000,
      idleMs: 1000,
      connectMs: 1000,
      byTask: { chat: { firstTokenMs: 2000, idleMs: 2000 } },
      byProvider: { slow: { firstTokenMs: 3000, byTask: { chat: { firstTokenMs: 4000 } } } },
    };
    expect(resolveTimeouts('chat', 'fast', client, undefined)).toMatchObject({ firstTokenMs: 2000, idleMs: 2000, connectMs: 1000 });
    expect(resolveTimeouts('embed', 'slow', client, undefined)).toMatchObject({ firstTokenMs: 3000, idleMs: 1000 });
    expect(resolveTimeouts('chat', 'slow', client, undefined)).toMatchObject({ firstTokenMs: 4000 });
    expect(resolveTimeouts('chat', 'slow', client, { firstTokenMs: 5000 })).toMatchObject({ firstTokenMs: 5000 });
  });

  it('lets the headers deadline follow the first-token deadline unless set', () => {
    expect(resolveTimeouts('chat', 'p', { firstTokenMs: 90_000 }, undefined).headersMs).toBe(90_000);
    expect(resolveTimeouts('chat', 'p', { firstTokenMs: 90_000, headersMs: 5000 }, undefined).headersMs).toBe(5000);
  });

  it('rejects invalid configuration with a message that says what to fix', () => {
    expect(() => validateInput(timeoutOptionsSchema, { firstTokenMs: -1 }, 'createClient() options')).toThrow(/firstTokenMs: timeouts.firstTokenMs must be > 0/);
    expect(() => validateInput(timeoutOptionsSchema, { firstTokenMS: 10 }, 'createClient() options')).toThrow(/firstTokenMS/);
    expect(() => validateInput(timeoutOptionsSchema, { byTask: { chatt: {} } }, 'createClient() options')).toThrow(/byTask/);
  });
});
