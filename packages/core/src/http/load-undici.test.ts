import { describe, expect, it } from 'vitest';
import { loadUndici } from './load-undici.js';

describe('loadUndici', () => {
  it('loads only the agent and request modules by their paths inside the installed undici, the same classes its index exports', async () => {
    const parts = await loadUndici();
    expect(parts.source).toBe('deep');
    const undici = await import('undici');
    // One module instance: a caller's own `import('undici')` gets the very Agent the transport uses.
    expect(parts.Agent).toBe(undici.Agent);
    expect(parts.request).toBe(undici.Dispatcher.prototype.request);
    expect(loadUndici()).toBe(parts);
  });
});
