import { createTransport, isSwitchyardError } from '@switchyard/core';
import { reply, startTestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { OPENAI_COMPATIBLE_API_KEY_ENV, OPENAI_COMPATIBLE_PRESETS, deepseek, fireworks, groq, llamaCpp, lmStudio, openai, tgi, together, vllm } from './presets.js';
import { testCallContext } from './test-support/call-context.js';

describe('presets', () => {
  it('local presets need no key and point at the usual ports', () => {
    expect([vllm(), tgi(), llamaCpp(), lmStudio()].map((provider) => [provider.id, provider.kind])).toEqual([
      ['vllm', 'local'],
      ['tgi', 'local'],
      ['llama-cpp', 'local'],
      ['lm-studio', 'local'],
    ]);
    expect(OPENAI_COMPATIBLE_PRESETS.vllm.baseURL).toBe('http://localhost:8000/v1');
    expect(OPENAI_COMPATIBLE_PRESETS.lmStudio.baseURL).toBe('http://localhost:1234/v1');
  });

  it('hosted presets demand a key and say how to pass it', () => {
    for (const [factory, variable] of [[openai, 'OPENAI_API_KEY'], [together, 'TOGETHER_API_KEY'], [groq, 'GROQ_API_KEY'], [fireworks, 'FIREWORKS_API_KEY'], [deepseek, 'DEEPSEEK_API_KEY']] as const) {
      let caught: unknown;
      try {
        factory({ apiKey: undefined });
      } catch (error) {
        caught = error;
      }
      expect(isSwitchyardError(caught) && caught.kind).toBe('invalid-request');
      expect((caught as Error).message).toContain(`process.env.${variable}`);
      expect(factory({ apiKey: 'k' })).toMatchObject({ kind: 'cloud' });
    }
    expect(groq({ apiKey: 'k' }).id).toBe('groq');
  });

  it('exports the conventional environment variable names as data', () => {
    expect(OPENAI_COMPATIBLE_API_KEY_ENV).toEqual({
      vllm: 'VLLM_API_KEY',
      llamaCpp: 'LLAMA_API_KEY',
      openai: 'OPENAI_API_KEY',
      together: 'TOGETHER_API_KEY',
      groq: 'GROQ_API_KEY',
      fireworks: 'FIREWORKS_API_KEY',
      deepseek: 'DEEPSEEK_API_KEY',
    });
  });

  it('validates overrides under the preset name', () => {
    expect(() => vllm({ baseURL: 'nope' })).toThrow(/Invalid vllm\(\) options: baseURL/);
    expect(() => groq(7 as never)).toThrow(/Invalid groq\(\) options/);
  });

  it('the openai preset sends max_completion_tokens (reasoning models reject max_tokens)', async () => {
    const server = await startTestServer();
    const http = createTransport();
    try {
      server.route('POST', '/v1/chat/completions', reply.json({ model: 'o4-mini', choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }] }));
      const provider = openai({ apiKey: 'sk-test', baseURL: `${server.url}/v1` });
      await provider.chat({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }], maxTokens: 50 }, testCallContext(http, { task: 'chat', model: 'o4-mini' }));
      expect(server.requests[0]!.json).toMatchObject({ max_completion_tokens: 50 });
      expect(server.requests[0]!.json).not.toHaveProperty('max_tokens');
    } finally {
      await http.close();
      await server.close();
    }
  });
});
