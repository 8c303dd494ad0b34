import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT_TOKENS, estimateUsage, estimatedTokens } from './estimate-usage.js';

describe('estimateUsage', () => {
  it('counts chat text at 4 characters a token, per-message overhead, images and maxTokens', () => {
    const usage = estimateUsage('chat', {
      model: 'm',
      maxTokens: 256,
      messages: [
        { role: 'system', content: 'x'.repeat(40) },
        { role: 'user', content: [{ type: 'text', text: 'y'.repeat(21) }, { type: 'image', url: 'https://example.com/cat.png' }] },
        { role: 'assistant', content: 'z'.repeat(8), toolCalls: [{ id: '1', name: 'get', arguments: '{"a":1}' }] },
        { role: 'tool', toolCallId: '1', content: 'ok' },
      ],
    });
    // 40 + 21 + (8 + 3 + 7) + 2 = 81 characters → 21 tokens; 4 messages × 4; one image × 765.
    expect(usage).toEqual({ inputTokens: 21 + 16 + 765, outputTokens: 256 });
    expect(estimatedTokens(usage)).toBe(21 + 16 + 765 + 256);
  });

  it('counts tool definitions as input', () => {
    const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
    const withTools = estimateUsage('chat', { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools });
    const without = estimateUsage('chat', { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect((withTools.inputTokens ?? 0) - (without.inputTokens ?? 0)).toBeGreaterThanOrEqual(Math.floor(JSON.stringify(tools).length / 4));
    expect(without).toEqual({ inputTokens: 1 + 4, outputTokens: DEFAULT_OUTPUT_TOKENS });
  });

  it('reads prompts, embedding inputs, and nothing for media', () => {
    expect(estimateUsage('complete', { model: 'm', prompt: 'a'.repeat(10), suffix: 'b'.repeat(2), maxTokens: 5 })).toEqual({ inputTokens: 3, outputTokens: 5 });
    expect(estimateUsage('embed', { model: 'm', input: ['abcd', 'abcdefgh'] })).toEqual({ inputTokens: 3, outputTokens: 0 });
    expect(estimateUsage('text-to-image', { model: 'm', prompt: 'a cat' })).toEqual({});
    expect(estimatedTokens({})).toBe(0);
    expect(estimateUsage('complete', { prompt: 'abcd' })).toEqual({ inputTokens: 1, outputTokens: 512 });
  });
});
