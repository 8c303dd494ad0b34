import { readFileSync } from 'node:fs';
import { isSwitchyardError } from '@switchyard/core';
import { sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { decodeChatCompletion } from './chat-completion.js';
import { decodeCompletion } from './completion.js';

function fixture(...segments: string[]): unknown {
  return JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8')) as unknown;
}
const stream = (path: string) => fixture('openai-compat-streams', ...path.split('/'));

function thrown(run: () => unknown): Error & { kind?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected an error');
}

describe('decodeChatCompletion on every recorded chat completion', () => {
  it('alibaba-reasoning: reasoning_content', () => {
    const result = decodeChatCompletion(stream('alibaba/alibaba-reasoning.json'));
    expect(result.text.startsWith('The word **"strawberry"** contains **3**')).toBe(true);
    expect(result.reasoning?.startsWith('We are asked: "How many')).toBe(true);
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('qwen3-max');
    expect(result.usage).toEqual({ inputTokens: 24, outputTokens: 1668, reasoningTokens: 1353, cachedInputTokens: 0, totalTokens: 1692 });
  });

  it('alibaba-tool-call', () => {
    const result = decodeChatCompletion(stream('alibaba/alibaba-tool-call.json'));
    expect(result.toolCalls).toEqual([{ id: 'call_962bfd2ab8f54b89a1161356', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
  });

  it('deepseek-json, -reasoning, -text, -tool-call', () => {
    const json = decodeChatCompletion(stream('deepseek/deepseek-json.json'));
    expect(JSON.parse(json.text)).toEqual({ location: 'San Francisco', condition: 'cloudy', temperature: 7 });
    expect(json.usage).toEqual({ inputTokens: 495, outputTokens: 144, reasoningTokens: 118, cachedInputTokens: 320, totalTokens: 639 });

    const reasoning = decodeChatCompletion(stream('deepseek/deepseek-reasoning.json'));
    expect(reasoning.reasoning?.endsWith('So answer is 3.')).toBe(true);
    expect(reasoning.text).toContain('three instances');

    const text = decodeChatCompletion(stream('deepseek/deepseek-text.json'));
    expect(text.finishReason).toBe('length');
    expect(text.reasoning).toBeUndefined();
    expect(text.usage).toEqual({ inputTokens: 13, outputTokens: 300, cachedInputTokens: 0, totalTokens: 313 });

    const tool = decodeChatCompletion(stream('deepseek/deepseek-tool-call.json'));
    expect(tool.toolCalls).toEqual([{ id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(tool.reasoning).toContain('weather tool');
  });

  it('groq-reasoning (message.reasoning), groq-text, groq-tool-call', () => {
    const reasoning = decodeChatCompletion(stream('groq/groq-reasoning.json'));
    expect(reasoning.reasoning?.startsWith('Okay, so the user is asking')).toBe(true);
    expect(reasoning.text.startsWith('The word "strawberry" contains **3**')).toBe(true);
    expect(reasoning.usage).toMatchObject({ inputTokens: 17, outputTokens: 649, reasoningTokens: 570 });
    const text = decodeChatCompletion(stream('groq/groq-text.json'));
    expect(text.text.startsWith('I\'d like to introduce "Luminaria"')).toBe(true);
    expect(text.usage).toEqual({ inputTokens: 45, outputTokens: 607, totalTokens: 652 });
    const tool = decodeChatCompletion(stream('groq/groq-tool-call.json'));
    expect(tool.toolCalls).toEqual([{ id: 'ax9fskhev', name: 'weather', arguments: '{}' }]);
  });

  it('mistral-reasoning (content parts), mistral-text, mistral-tool-call (no type field)', () => {
    const reasoning = decodeChatCompletion(stream('mistral/mistral-reasoning.json'));
    expect(reasoning.reasoning).toBe('The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
    expect(reasoning.text).toBe('2 + 2 = 4');
    const text = decodeChatCompletion(stream('mistral/mistral-text.json'));
    expect(text.text.startsWith('**Holiday Name: "World Kindness Day of Sharing"**')).toBe(true);
    expect(text.toolCalls).toEqual([]);
    const tool = decodeChatCompletion(stream('mistral/mistral-tool-call.json'));
    expect(tool.toolCalls).toEqual([{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
  });

  it('moonshotai-reasoning (top-level cached_tokens), -text, -tool-call (content null)', () => {
    const reasoning = decodeChatCompletion(stream('moonshotai/moonshotai-reasoning.json'));
    expect(reasoning).toMatchObject({ text: 'There are three.', reasoning: 'Let me count the letters carefully.' });
    expect(reasoning.usage).toEqual({ inputTokens: 20, outputTokens: 30, reasoningTokens: 22, cachedInputTokens: 10, totalTokens: 50 });
    expect(decodeChatCompletion(stream('moonshotai/moonshotai-text.json')).text).toBe('Hello, world!');
    const tool = decodeChatCompletion(stream('moonshotai/moonshotai-tool-call.json'));
    expect(tool.toolCalls).toEqual([{ id: 'call_abc123', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(tool.text).toBe('');
  });

  it('openai-text', () => {
    const result = decodeChatCompletion(stream('openai-chat/openai-text.json'), { requestId: 'req_1' });
    expect(result.text.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(result.requestId).toBe('req_1');
    expect(result.usage).toEqual({ inputTokens: 16, outputTokens: 363, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 379 });
  });

  it('xai (both folders): reasoning tokens added back to output, cost_in_usd_ticks reported', () => {
    const text = decodeChatCompletion(stream('openai-compatible-chat/xai-text.json'));
    expect(text.text).toBe('Grok');
    expect(text.usage).toMatchObject({ inputTokens: 12, outputTokens: 322, reasoningTokens: 320, totalTokens: 334 });
    expect(text.reportedCost).toEqual({ amount: 1641500 / 1e10, currency: 'USD' });
    const tool = decodeChatCompletion(stream('openai-compatible-chat/xai-tool-call.json'));
    expect(tool.toolCalls).toEqual([{ id: 'call_46427107', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(decodeChatCompletion(stream('xai/xai-text.json')).text).toBe('Hello');
    const xaiTool = decodeChatCompletion(stream('xai/xai-tool-call.json'));
    expect(xaiTool.toolCalls[0]?.name).toBe('weather');
    expect(xaiTool.usage).toMatchObject({ outputTokens: 215, reasoningTokens: 189, cachedInputTokens: 244 });
  });

  it('perplexity-text: citations in metadata', () => {
    const result = decodeChatCompletion(stream('perplexity/perplexity-text.json'));
    expect(result.text.startsWith('**EcoVista Day** is a new annual holiday')).toBe(true);
    expect(result.metadata?.citations).toHaveLength(6);
    expect(result.usage).toEqual({ inputTokens: 11, outputTokens: 392, totalTokens: 403 });
  });

  it('semantic-kernel OpenAI refusal: the refusal is the text, and in metadata', () => {
    const result = decodeChatCompletion(fixture('semantic-kernel', 'openai', 'chat_completion_refusal_test_response.json'));
    expect(result.text).toBe("I'm sorry, I cannot assist with that request.");
    expect(result.metadata?.refusal).toBe(result.text);
    expect(result.usage).toEqual({ inputTokens: 55, outputTokens: 100, totalTokens: 155 });
  });

  it('semantic-kernel TGI chat completion: eos_token is stop', () => {
    const result = decodeChatCompletion(fixture('semantic-kernel', 'huggingface', 'chatcompletion_test_response.json'));
    expect(result).toMatchObject({ text: 'This is a testing chat completion response', finishReason: 'stop', rawFinishReason: 'eos_token', model: 'teknium/OpenHermes-2.5-Mistral-7B' });
    expect(result.usage).toEqual({ inputTokens: 27, outputTokens: 88, totalTokens: 115 });
  });

  it('openai-completion-text (legacy /completions)', () => {
    const result = decodeCompletion(stream('openai-completion/openai-completion-text.json'));
    expect(result).toMatchObject({ text: 'The new holiday is called "Gratitude Day" and it celebrates the importance of', finishReason: 'length', model: 'gpt-3.5-turbo-instruct:20230824-v2' });
    expect(result.usage).toEqual({ inputTokens: 14, outputTokens: 16, totalTokens: 30 });
  });
});

describe('decodeChatCompletion quirks', () => {
  const body = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ model: 'm', choices: [{ index: 0, message, finish_reason: 'stop' }], ...extra });

  it('splits an inline <think> block, unless turned off or the server gave reasoning', () => {
    expect(decodeChatCompletion(body({ content: '<think>\nhmm\n</think>\n\nFour.' }))).toMatchObject({ reasoning: '\nhmm\n', text: 'Four.' });
    expect(decodeChatCompletion(body({ content: '<think>a</think>b' }), { thinkTags: false }).text).toBe('<think>a</think>b');
    expect(decodeChatCompletion(body({ content: '<think>a</think>b', reasoning_content: 'r' })).text).toBe('<think>a</think>b');
  });

  it('reads old TGI tool calls: numeric id, object arguments, stop finish reason', () => {
    const result = decodeChatCompletion(body({ content: null, tool_calls: [{ id: 0, type: 'function', function: { name: 'get_weather', arguments: { location: 'Paris' }, description: null } }] }));
    expect(result.toolCalls).toEqual([{ id: '0', name: 'get_weather', arguments: '{"location":"Paris"}' }]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('uses the fallback model when the body has none, and never returns undefined usage', () => {
    const result = decodeChatCompletion({ model: '', choices: [{ message: { content: 'x' }, finish_reason: null }] }, { model: 'fallback' });
    expect(result).toMatchObject({ model: 'fallback', usage: {}, finishReason: 'other' });
  });

  it('rejects bodies that are not chat completions, naming what is wrong', () => {
    const missing = thrown(() => decodeChatCompletion({ object: 'chat.completion', choices: [] }));
    expect(missing.kind).toBe('invalid-response');
    expect(missing.message).toContain('choices');
    expect(thrown(() => decodeChatCompletion('<html>')).kind).toBe('invalid-response');
    expect(thrown(() => decodeChatCompletion(body({ content: 5 }))).kind).toBe('invalid-response');
  });

  it('turns an error object sent with 200 into its typed error', () => {
    const error = thrown(() => decodeChatCompletion({ error: { message: 'The response was filtered', code: 'content_filter' } }));
    expect(isSwitchyardError(error)).toBe(true);
    expect(error.kind).toBe('content-filter');
    expect(error.message).toContain('in a 200 response');
  });
});
