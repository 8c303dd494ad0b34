import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError, type ChatStreamEvent } from '@switchyard/core';
import { apiDocValues } from '../test-support/api-doc-examples.js';
import { fixturePath, readNdjsonFixture } from '@switchyard/testkit';
import { linesOf } from '../test-support/fixture-files.js';
import { decodeOllamaStream, type OllamaStreamContext } from './decode-ollama-stream.js';

const chatContext: OllamaStreamContext = { endpoint: '/api/chat', provider: 'ollama', model: 'phi3' };
const generateContext: OllamaStreamContext = { endpoint: '/api/generate', provider: 'ollama', model: 'phi3' };

async function collect(lines: readonly unknown[], context: OllamaStreamContext): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of decodeOllamaStream(linesOf(lines), context)) events.push(event);
  return events;
}

async function failure(lines: readonly unknown[], context: OllamaStreamContext): Promise<{ events: ChatStreamEvent[]; error: unknown }> {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of decodeOllamaStream(linesOf(lines), context)) events.push(event);
  } catch (error) {
    return { events, error };
  }
  throw new Error('the stream did not fail');
}

const textOf = (events: readonly ChatStreamEvent[]) => events.map((event) => (event.type === 'text' ? event.text : '')).join('');

describe('decodeOllamaStream on semantic-kernel recordings', () => {
  it('streams /api/chat text, then usage and finish with the cold-start load time', async () => {
    const events = await collect(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt'), chatContext);
    expect(textOf(events)).toBe('This is test completion response');
    expect(events.filter((event) => event.type === 'text')).toHaveLength(5);
    const usage = events.find((event) => event.type === 'usage');
    expect(usage).toEqual({ type: 'usage', usage: { inputTokens: 10, outputTokens: 239, totalTokens: 249, computeSeconds: 58.123571935 } });
    const finish = events.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', model: 'phi3' });
    // 55.6 s of a 58.1 s call went to loading the model: a cold start, visible in the metadata.
    expect(finish?.type === 'finish' && finish.metadata?.loadDurationMs).toBeCloseTo(55_561.676662, 6);
  });

  it('streams /api/generate text and keeps the context array', async () => {
    const events = await collect(readNdjsonFixture('semantic-kernel/ollama/text_generation_test_response_stream.txt'), generateContext);
    expect(textOf(events)).toBe('This is test completion response');
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { inputTokens: 10, outputTokens: 304 } });
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && (finish.metadata?.context as number[]).length).toBeGreaterThan(100);
  });
});

describe('decodeOllamaStream on the api.md examples', () => {
  it('reads the streamed tool call: a delta as it arrives, the finished call at the end', async () => {
    const lines = apiDocValues('Generate a chat completion', 'Chat request (Streaming with tools)', 'Response');
    expect(lines).toHaveLength(2);
    const events = await collect(lines, chatContext);
    expect(events.map((event) => event.type)).toEqual(['tool-call-delta', 'tool-call', 'usage', 'finish']);
    const delta = events[0];
    const call = events[1];
    expect(delta).toMatchObject({ type: 'tool-call-delta', index: 0, name: 'get_weather', argumentsDelta: '{"city":"Tokyo"}' });
    expect(call).toMatchObject({ type: 'tool-call', toolCall: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } });
    expect(delta?.type === 'tool-call-delta' && call?.type === 'tool-call' && delta.id === call.toolCall.id).toBe(true);
    expect(events[3]).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'stop' });
  });

  it('reads the history example, whose final line has no message', async () => {
    const lines = apiDocValues('Generate a chat completion', 'Chat request (With History)', 'Response');
    const events = await collect(lines, chatContext);
    expect(textOf(events)).toBe('The');
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('reads the streamed generate example', async () => {
    const lines = apiDocValues('Generate a completion', 'Generate request (Streaming)', 'Response');
    const events = await collect(lines, generateContext);
    expect(textOf(events)).toBe('The');
    expect(events.find((event) => event.type === 'usage')).toMatchObject({ usage: { inputTokens: 26, outputTokens: 259 } });
  });
});

describe('decodeOllamaStream failures', () => {
  it('turns the errors.mdx mid-stream {"error"} line into a typed server error after the text so far', async () => {
    const markdown = readFileSync(fixturePath('ollama/docs/api/errors.mdx'), 'utf8');
    const block = markdown.slice(markdown.lastIndexOf('```json') + 7, markdown.lastIndexOf('```'));
    const lines = block.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
    const { events, error } = await failure(lines, generateContext);
    expect(textOf(events)).toBe(' Yes.Ican');
    expect(isSwitchyardError(error) && error.kind).toBe('server');
    expect((error as Error).message).toContain('an error was encountered while running the model');
  });

  it('reports a stream that ends before "done": true as stream-interrupted', async () => {
    const lines = readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt').slice(0, 3);
    const { events, error } = await failure(lines, chatContext);
    expect(textOf(events)).toBe('This is test ');
    expect(isSwitchyardError(error) && error.kind).toBe('stream-interrupted');
  });

  it('rejects lines of the wrong shape as invalid-response', async () => {
    for (const bad of [[42], [{ message: { content: 7 } }], [{ message: { content: '', tool_calls: [{ nope: 1 }] } }], [{ done: true, eval_count: 'x' }]]) {
      const { error } = await failure(bad, chatContext);
      expect(isSwitchyardError(error) && error.kind).toBe('invalid-response');
    }
  });

  it('reads reasoning from thinking', async () => {
    const events = await collect(
      [{ message: { role: 'assistant', content: '', thinking: 'hmm' } }, { message: { content: 'ok' } }, { done: true, done_reason: 'length' }],
      chatContext,
    );
    expect(events.slice(0, 2)).toEqual([{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'ok' }]);
    expect(events.at(-1)).toMatchObject({ finishReason: 'length' });
  });

  it('maps a model-not-found error line to model-not-found with the pull command', async () => {
    const { error } = await failure([{ error: 'model "phi3" not found, try pulling it first' }], chatContext);
    expect(isSwitchyardError(error) && error.kind).toBe('model-not-found');
    expect((error as Error).message).toContain('ollama pull phi3');
  });
});
