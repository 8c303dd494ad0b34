import { isSwitchyardError, type ChatStreamEvent } from '@switchyard/core';
import { readChunksFixture } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { createChatStreamDecoder, type ChatStreamDecoderOptions } from './chat-stream-decoder.js';
import { summarize } from './stream-summary.test-helper.js';

function decodeChunks(chunks: readonly unknown[], options?: ChatStreamDecoderOptions): ChatStreamEvent[] {
  const decoder = createChatStreamDecoder(options);
  const events: ChatStreamEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

function decodeFixture(path: string): ReturnType<typeof summarize> {
  return summarize(decodeChunks(readChunksFixture(`openai-compat-streams/${path}`).map((line) => JSON.parse(line) as unknown)));
}

function thrown(run: () => unknown): Error & { kind?: string; code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected an error');
}

const weatherArguments = { location: 'San Francisco' };

describe('chat stream decoder on every recorded chat stream', () => {
  it('alibaba-reasoning: reasoning_content then content, usage-only last chunk', () => {
    const s = decodeFixture('alibaba/alibaba-reasoning.chunks.txt');
    expect(s.reasoning.startsWith('We are asked: "How many \'r\'s')).toBe(true);
    expect(s.reasoning).toHaveLength(3301);
    expect(s.text.startsWith('The word **"strawberry"** contains **3** instances')).toBe(true);
    expect(s.text.endsWith('**Answer: 3**')).toBe(true);
    expect(s.finish?.finishReason).toBe('stop');
    expect(s.usage).toEqual({ inputTokens: 24, outputTokens: 1355, reasoningTokens: 1084, cachedInputTokens: 0, totalTokens: 1379 });
    expect(s.usageEvents).toBe(1);
    expect(s.order).toEqual(['start', 'reasoning', 'text', 'usage', 'finish']);
  });

  it('alibaba-tool-call: id "" continuations join the first call', () => {
    const s = decodeFixture('alibaba/alibaba-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'call_eee11723464a4b9eb8cee71d', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(JSON.parse(s.toolCalls[0]!.arguments)).toEqual(weatherArguments);
    expect(s.deltas.every((delta) => delta.index === 0)).toBe(true);
    expect(s.finish?.finishReason).toBe('tool-calls');
    expect(s.usage).toMatchObject({ inputTokens: 295, outputTokens: 22, totalTokens: 317 });
  });

  it('deepseek-reasoning: usage in the finishing chunk, prompt_cache_hit_tokens', () => {
    const s = decodeFixture('deepseek/deepseek-reasoning.chunks.txt');
    expect(s.text).toBe('The word "strawberry" contains three "r"s.');
    expect(s.reasoning.startsWith('We need to count the number of')).toBe(true);
    expect(s.finish).toMatchObject({ finishReason: 'stop', rawFinishReason: 'stop', model: 'deepseek-reasoner' });
    expect(s.usage).toEqual({ inputTokens: 18, outputTokens: 219, reasoningTokens: 205, cachedInputTokens: 0, totalTokens: 237 });
  });

  it('deepseek-tool-call: reasoning, then arguments split over many index-only deltas', () => {
    const s = decodeFixture('deepseek/deepseek-tool-call.chunks.txt');
    expect(s.text).toBe('');
    expect(s.reasoning.startsWith('The user is asking for the wea')).toBe(true);
    expect(s.toolCalls).toHaveLength(1);
    expect(s.toolCalls[0]!.name).toBe('weather');
    expect(JSON.parse(s.toolCalls[0]!.arguments)).toEqual(weatherArguments);
    expect(s.deltas.length).toBeGreaterThan(5);
    expect(s.usage).toMatchObject({ inputTokens: 339, outputTokens: 83, reasoningTokens: 39, cachedInputTokens: 320 });
    expect(s.finish?.finishReason).toBe('tool-calls');
  });

  it('groq-reasoning: delta.reasoning, usage in x_groq and usage', () => {
    const s = decodeFixture('groq/groq-reasoning.chunks.txt');
    expect(s.reasoning.startsWith('Okay, let me try to figure out')).toBe(true);
    expect(s.reasoning).toHaveLength(2952);
    expect(s.text.startsWith('The word **"strawberry"** is spelled')).toBe(true);
    expect(s.text.endsWith('$\\boxed{3}$')).toBe(true);
    expect(s.usage).toEqual({ inputTokens: 17, outputTokens: 1107, reasoningTokens: 963, totalTokens: 1124 });
    expect(s.usageEvents).toBe(1);
  });

  it('groq-tool-call: a whole call in one delta', () => {
    const s = decodeFixture('groq/groq-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'tk85n1k4m', name: 'weather', arguments: '{}' }]);
    expect(s.usage).toMatchObject({ inputTokens: 210, outputTokens: 15, totalTokens: 225 });
    expect(s.finish?.finishReason).toBe('tool-calls');
  });

  it('mistral-incremental-tool-call: a continuation with name "" and no id keeps the name', () => {
    const s = decodeFixture('mistral/mistral-incremental-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'chatcmpl-tool-9f149c74c42f265b', name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' }]);
    expect(JSON.parse(s.toolCalls[0]!.arguments)).toEqual({ query: 'current Berlin weather' });
    expect(s.usage).toEqual({ inputTokens: 171, outputTokens: 14, cachedInputTokens: 128, totalTokens: 185 });
  });

  it('mistral-reasoning: thinking content parts are reasoning, text parts are text', () => {
    const s = decodeFixture('mistral/mistral-reasoning.chunks.txt');
    expect(s.reasoning).toBe('The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
    expect(s.text).toBe('2 + 2 = 4');
    expect(s.usage).toEqual({ inputTokens: 10, outputTokens: 46, totalTokens: 56 });
  });

  it('mistral-text: plain text with usage on the finishing chunk', () => {
    const s = decodeFixture('mistral/mistral-text.chunks.txt');
    expect(s.text).toBe('Hello, world! This is a test response.');
    expect(s.reasoning).toBe('');
    expect(s.finish).toMatchObject({ finishReason: 'stop', model: 'mistral-small-latest' });
    expect(s.usage).toEqual({ inputTokens: 13, outputTokens: 8, totalTokens: 21 });
  });

  it('mistral-tool-call: a tool call without index', () => {
    const s = decodeFixture('mistral/mistral-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(s.finish?.finishReason).toBe('tool-calls');
  });

  it('moonshotai-stream: reasoning_content then content, finish and usage in one chunk', () => {
    const s = decodeFixture('moonshotai/moonshotai-stream.chunks.txt');
    expect(s.reasoning).toBe('Thinking aloud. ');
    expect(s.text).toBe('Hello!');
    expect(s.usage).toEqual({ inputTokens: 9, outputTokens: 12, reasoningTokens: 7, totalTokens: 21 });
  });

  it('azure-model-router: the empty first chunk (choices [], model "") is absorbed', () => {
    const s = decodeFixture('openai-chat/azure-model-router.1.chunks.txt');
    expect(s.text).toBe('Capital of Denmark.');
    expect(s.starts).toBe(1);
    expect(s.finish).toMatchObject({ finishReason: 'stop', model: 'gpt-5-nano-2025-08-07' });
    expect(s.usage).toEqual({ inputTokens: 15, outputTokens: 78, reasoningTokens: 64, cachedInputTokens: 0, totalTokens: 93 });
  });

  it('openai-text: 300 chunks of text, usage-only last chunk', () => {
    const s = decodeFixture('openai-chat/openai-text.chunks.txt');
    expect(s.text.startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    expect(s.text.endsWith('ed human experiences and mutual respect.')).toBe(true);
    expect(s.text).toHaveLength(1724);
    expect(s.usage).toEqual({ inputTokens: 16, outputTokens: 300, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 316 });
    expect(s.usageEvents).toBe(1);
  });

  it('xai-text (openai-compatible-chat): reasoning tokens outside completion_tokens are added back, cost reported', () => {
    const s = decodeFixture('openai-compatible-chat/xai-text.chunks.txt');
    expect(s.text).toBe('Grok');
    expect(s.reasoning.startsWith('First, the user said: "Say a s')).toBe(true);
    expect(s.usage).toEqual({ inputTokens: 12, outputTokens: 342, reasoningTokens: 340, cachedInputTokens: 11, totalTokens: 354 });
    expect(s.finish?.reportedCost).toEqual({ amount: 1721250 / 1e10, currency: 'USD' });
  });

  it('xai-tool-call (openai-compatible-chat): a whole call after long reasoning', () => {
    const s = decodeFixture('openai-compatible-chat/xai-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'call_79382389', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(s.reasoning).toHaveLength(1069);
    expect(s.usage).toMatchObject({ inputTokens: 307, outputTokens: 253, reasoningTokens: 227, totalTokens: 560 });
    expect(s.finish?.finishReason).toBe('tool-calls');
  });

  it('perplexity-text: usage on every chunk is emitted once, with the final value; citations kept', () => {
    const s = decodeFixture('perplexity/perplexity-text.chunks.txt');
    expect(s.text).toBe('**EcoVista Day**[1][5]');
    expect(s.usageEvents).toBe(1);
    expect(s.usage).toEqual({ inputTokens: 11, outputTokens: 434, totalTokens: 445 });
    expect(s.finish?.metadata?.citations).toHaveLength(5);
  });

  it('xai-text: short reasoning stream', () => {
    const s = decodeFixture('xai/xai-text.chunks.txt');
    expect(s.text).toBe('Hello');
    expect(s.reasoning).toBe('First, the user said');
    expect(s.usage).toMatchObject({ inputTokens: 12, outputTokens: 291, reasoningTokens: 290, totalTokens: 303 });
  });

  it('xai-tool-call: tool call with reasoning', () => {
    const s = decodeFixture('xai/xai-tool-call.chunks.txt');
    expect(s.toolCalls).toEqual([{ id: 'call_55117580', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(s.reasoning).toBe('First, the user is');
    expect(s.usage).toMatchObject({ inputTokens: 291, outputTokens: 222 });
  });

  it('openai-completion: legacy text chunks, usage-only last chunk', () => {
    const s = decodeFixture('openai-completion/openai-completion-text.chunks.txt');
    expect(s.text).toBe('The holiday is called "Gratitude Day" and it is a day dedicated to');
    expect(s.finish?.finishReason).toBe('length');
    expect(s.usage).toEqual({ inputTokens: 14, outputTokens: 16, totalTokens: 30 });
  });
});

describe('chat stream decoder quirks', () => {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) => ({
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  });

  it('splits an inline <think> block whose tags arrive split across chunks', () => {
    const pieces = ['', '  <th', 'ink>Let me', ' think.</th', 'ink>', '\n\n', 'The answer', ' is 4.'];
    const s = summarize(decodeChunks([...pieces.map((content) => chunk({ content })), chunk({}, 'stop')]));
    expect(s.reasoning).toBe('Let me think.');
    expect(s.text).toBe('The answer is 4.');
  });

  it('leaves a <think> that does not open the answer as text, and can be turned off', () => {
    const later = summarize(decodeChunks([chunk({ content: 'Use the <think> tag.' }), chunk({}, 'stop')]));
    expect(later.text).toBe('Use the <think> tag.');
    const off = summarize(decodeChunks([chunk({ content: '<think>x</think>y' }), chunk({}, 'stop')], { thinkTags: false }));
    expect(off.text).toBe('<think>x</think>y');
  });

  it('keeps an unterminated think block as reasoning', () => {
    const s = summarize(decodeChunks([chunk({ content: '<think>still thinking</thi' }), chunk({}, 'length')]));
    expect(s.reasoning).toBe('still thinking</thi');
    expect(s.text).toBe('');
    expect(s.finish?.finishReason).toBe('length');
  });

  it('assembles old-TGI tool calls: a single object, numeric id, arguments as an object', () => {
    const s = summarize(
      decodeChunks([
        chunk({ tool_calls: { index: 0, id: 7, type: 'function', function: { name: 'get_weather', arguments: { city: 'Paris' } } } }),
        chunk({}, 'stop'),
      ]),
    );
    expect(s.toolCalls).toEqual([{ id: '7', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(s.finish).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'stop' });
  });

  it('keeps parallel calls apart by id even when the server reuses index 0', () => {
    const s = summarize(
      decodeChunks([
        chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'one', arguments: '{"n":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
        chunk({ tool_calls: [{ index: 0, id: 'b', function: { name: 'two', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
    );
    expect(s.toolCalls).toEqual([
      { id: 'a', name: 'one', arguments: '{"n":1}' },
      { id: 'b', name: 'two', arguments: '{}' },
    ]);
    expect(s.deltas.map((delta) => delta.index)).toEqual([0, 0, 1]);
  });

  it('emits tool calls only at the end, after all text', () => {
    const s = summarize(
      decodeChunks([chunk({ content: 'Calling.' }), chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '' } }] }), chunk({}, 'tool_calls')]),
    );
    expect(s.order).toEqual(['start', 'text', 'tool-call-delta', 'tool-call', 'finish']);
    expect(s.toolCalls[0]!.arguments).toBe('{}');
  });

  it('turns an error object inside a 200 stream into a typed error', () => {
    const decoder = createChatStreamDecoder();
    decoder.push(chunk({ content: 'Hel' }));
    const error = thrown(() => decoder.push({ error: { message: "This model's maximum context length is 4096 tokens.", type: 'invalid_request_error', code: null } }));
    expect(isSwitchyardError(error)).toBe(true);
    expect(error.kind).toBe('context-length');
    expect(error.message).toContain('maximum context length is 4096');

    const tgi = thrown(() => createChatStreamDecoder().push({ error: 'Request failed during generation: Server error: CUDA out of memory', error_type: 'generation' }));
    expect(tgi.kind).toBe('server');
    expect(tgi.message).toContain('CUDA out of memory');

    const limited = thrown(() => createChatStreamDecoder().push({ error: { code: 429, message: 'Rate limit exceeded upstream' } }));
    expect(limited.kind).toBe('rate-limit');

    const vllm = thrown(() => createChatStreamDecoder().push({ object: 'error', message: 'The model `x` does not exist.', type: 'NotFoundError', code: 404 }));
    expect(vllm.kind).toBe('model-not-found');
  });

  it('finishes a stream without a finish reason as other, and rejects an empty stream and malformed chunks', () => {
    const s = summarize(decodeChunks([chunk({ content: 'Half an ans' })]));
    expect(s.text).toBe('Half an ans');
    expect(s.finish).toEqual({ type: 'finish', finishReason: 'other', rawFinishReason: undefined, model: 'm' });
    const empty = thrown(() => createChatStreamDecoder().end());
    expect(empty.kind).toBe('invalid-response');
    expect(empty.message).toContain('held no chunk');
    expect(thrown(() => createChatStreamDecoder().push([1, 2])).kind).toBe('invalid-response');
    expect(thrown(() => createChatStreamDecoder().push({ choices: 'nope' })).kind).toBe('invalid-response');
    expect(thrown(() => createChatStreamDecoder().push(chunk({ content: 42 }))).kind).toBe('invalid-response');
  });

  it('throws invalid-response for a tool call that never got a name', () => {
    const decoder = createChatStreamDecoder();
    decoder.push(chunk({ tool_calls: [{ index: 0, id: 'x', function: { arguments: '{}' } }] }));
    decoder.push(chunk({}, 'tool_calls'));
    expect(thrown(() => decoder.end()).kind).toBe('invalid-response');
  });

  it('passes the request id to start and maps refusals to text with metadata', () => {
    const s = summarize(decodeChunks([chunk({ refusal: "I can't." }), chunk({}, 'stop')], { requestId: 'req-1' }));
    expect(s.text).toBe("I can't.");
    expect(s.finish?.metadata).toEqual({ refusal: "I can't." });
    const decoder = createChatStreamDecoder({ requestId: 'req-1' });
    expect(decoder.push(chunk({ content: 'a' }))[0]).toEqual({ type: 'start', model: 'm', requestId: 'req-1' });
  });

  it('ignores choices other than the first', () => {
    const s = summarize(decodeChunks([{ choices: [{ index: 1, delta: { content: 'other' } }, { index: 0, delta: { content: 'mine' }, finish_reason: 'stop' }] }]));
    expect(s.text).toBe('mine');
  });
});
