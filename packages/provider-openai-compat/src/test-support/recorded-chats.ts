import { readFileSync } from 'node:fs';
import type { FinishReason, Usage } from '@switchyard/core';
import { chunksToSse, readChunksFixture, readSseFixture, reply, sharedPath, splitSseEvents } from '@switchyard/testkit';
import { expect } from 'vitest';

// The recorded chats every replay test serves: what each one must decode to. Expected values were
// read from the fixture files (text, the last usage object, the finish reason), not from the decoder.

/** What a replayed chat must give. */
export interface Expectation {
  text?: string | { startsWith: string };
  reasoning?: string | { startsWith: string } | false;
  toolCalls?: { name: string; arguments: unknown }[];
  finishReason: FinishReason;
  inputTokens?: number;
  outputTokens?: number;
}

/** Streams replayed as recorded: `*.chunks.txt` framed as `data: …` events, raw SSE files as they are. */
export const STREAMS: [file: string, expectation: Expectation][] = [
  ['openai-compat-streams/alibaba/alibaba-reasoning.chunks.txt', { text: { startsWith: 'The word **"strawberry"**' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 24, outputTokens: 1355 }],
  ['openai-compat-streams/alibaba/alibaba-tool-call.chunks.txt', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 295, outputTokens: 22 }],
  ['openai-compat-streams/deepseek/deepseek-reasoning.chunks.txt', { text: 'The word "strawberry" contains three "r"s.', reasoning: { startsWith: 'We need to count' }, finishReason: 'stop', inputTokens: 18, outputTokens: 219 }],
  ['openai-compat-streams/deepseek/deepseek-tool-call.chunks.txt', { text: '', reasoning: { startsWith: 'The user is asking' }, toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 339, outputTokens: 83 }],
  ['openai-compat-streams/groq/groq-reasoning.chunks.txt', { text: { startsWith: 'The word **"strawberry"** is spelled' }, reasoning: { startsWith: 'Okay, let me' }, finishReason: 'stop', inputTokens: 17, outputTokens: 1107 }],
  ['openai-compat-streams/groq/groq-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: {} }], finishReason: 'tool-calls', inputTokens: 210, outputTokens: 15 }],
  ['openai-compat-streams/mistral/mistral-incremental-tool-call.chunks.txt', { toolCalls: [{ name: 'webSearchTool', arguments: { query: 'current Berlin weather' } }], finishReason: 'tool-calls', inputTokens: 171, outputTokens: 14 }],
  ['openai-compat-streams/mistral/mistral-reasoning.chunks.txt', { text: '2 + 2 = 4', reasoning: { startsWith: 'The user is asking for 2+2.' }, finishReason: 'stop', inputTokens: 10, outputTokens: 46 }],
  ['openai-compat-streams/mistral/mistral-text.chunks.txt', { text: 'Hello, world! This is a test response.', reasoning: false, finishReason: 'stop', inputTokens: 13, outputTokens: 8 }],
  ['openai-compat-streams/mistral/mistral-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 124, outputTokens: 22 }],
  ['openai-compat-streams/moonshotai/moonshotai-stream.chunks.txt', { text: 'Hello!', reasoning: 'Thinking aloud. ', finishReason: 'stop', inputTokens: 9, outputTokens: 12 }],
  ['openai-compat-streams/openai-chat/azure-model-router.1.chunks.txt', { text: 'Capital of Denmark.', reasoning: false, finishReason: 'stop', inputTokens: 15, outputTokens: 78 }],
  ['openai-compat-streams/openai-chat/openai-text.chunks.txt', { text: { startsWith: '**Holiday Name:** Harmony Day' }, reasoning: false, finishReason: 'stop', inputTokens: 16, outputTokens: 300 }],
  ['openai-compat-streams/openai-compatible-chat/xai-text.chunks.txt', { text: 'Grok', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 342 }],
  ['openai-compat-streams/openai-compatible-chat/xai-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 307, outputTokens: 253 }],
  ['openai-compat-streams/openai-compatible-chat/anthropic-fallback-tool-call.sse', { text: 'Reading it.', toolCalls: [{ name: 'read_file', arguments: { path: 'a.txt' } }], finishReason: 'tool-calls' }],
  ['openai-compat-streams/perplexity/perplexity-text.chunks.txt', { text: '**EcoVista Day**[1][5]', finishReason: 'stop', inputTokens: 11, outputTokens: 434 }],
  ['openai-compat-streams/xai/xai-text.chunks.txt', { text: 'Hello', reasoning: 'First, the user said', finishReason: 'stop', inputTokens: 12, outputTokens: 291 }],
  ['openai-compat-streams/xai/xai-tool-call.chunks.txt', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 291, outputTokens: 222 }],
  ['semantic-kernel/openai/chat_completion_streaming_test_response.txt', { text: 'Test chat streaming response', finishReason: 'stop', inputTokens: 13, outputTokens: 8 }],
  ['semantic-kernel/openai/chat_completion_streaming_single_function_call_empty_assistance_response.txt', { text: '', toolCalls: [{ name: 'WeatherPlugin-GetWeather', arguments: { addressCode: '440100' } }], finishReason: 'tool-calls' }],
  ['semantic-kernel/openai/chat_completion_streaming_refusal_test_response.txt', { text: "I'm sorry, I cannot assist with that request.", finishReason: 'stop' }],
  ['semantic-kernel/huggingface/chatcompletion_test_stream_response.txt', { text: { startsWith: 'Deep learning is a' }, finishReason: 'length' }],
];

/** Non-streamed answers, served as JSON. */
export const BODIES: [file: string, expectation: Expectation][] = [
  ['openai-compat-streams/alibaba/alibaba-reasoning.json', { text: { startsWith: 'The word **"strawberry"**' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 24, outputTokens: 1668 }],
  ['openai-compat-streams/alibaba/alibaba-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 295, outputTokens: 22 }],
  ['openai-compat-streams/deepseek/deepseek-json.json', { text: { startsWith: '{\n  "location": "San Francisco"' }, reasoning: { startsWith: 'I have the result' }, finishReason: 'stop', inputTokens: 495, outputTokens: 144 }],
  ['openai-compat-streams/deepseek/deepseek-reasoning.json', { text: { startsWith: 'The word "strawberry" contains three' }, reasoning: { startsWith: 'We are asked' }, finishReason: 'stop', inputTokens: 18, outputTokens: 345 }],
  ['openai-compat-streams/deepseek/deepseek-text.json', { text: { startsWith: '## **Holiday Name: Gratitude of Small Things Day' }, reasoning: false, finishReason: 'length', inputTokens: 13, outputTokens: 300 }],
  ['openai-compat-streams/deepseek/deepseek-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 339, outputTokens: 92 }],
  ['openai-compat-streams/groq/groq-reasoning.json', { text: { startsWith: 'The word "strawberry" contains **3**' }, reasoning: { startsWith: 'Okay, so the user' }, finishReason: 'stop', inputTokens: 17, outputTokens: 649 }],
  ['openai-compat-streams/groq/groq-text.json', { text: { startsWith: 'I\'d like to introduce "Luminaria"' }, reasoning: false, finishReason: 'stop', inputTokens: 45, outputTokens: 607 }],
  ['openai-compat-streams/groq/groq-tool-call.json', { toolCalls: [{ name: 'weather', arguments: {} }], finishReason: 'tool-calls', inputTokens: 218, outputTokens: 15 }],
  ['openai-compat-streams/mistral/mistral-reasoning.json', { text: '2 + 2 = 4', reasoning: { startsWith: 'The user is asking for 2+2.' }, finishReason: 'stop', inputTokens: 10, outputTokens: 46 }],
  ['openai-compat-streams/mistral/mistral-text.json', { text: { startsWith: '**Holiday Name: "World Kindness Day of Sharing"**' }, finishReason: 'stop', inputTokens: 13, outputTokens: 434 }],
  ['openai-compat-streams/mistral/mistral-tool-call.json', { toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 124, outputTokens: 22 }],
  ['openai-compat-streams/moonshotai/moonshotai-reasoning.json', { text: 'There are three.', reasoning: 'Let me count the letters carefully.', finishReason: 'stop', inputTokens: 20, outputTokens: 30 }],
  ['openai-compat-streams/moonshotai/moonshotai-text.json', { text: 'Hello, world!', reasoning: false, finishReason: 'stop', inputTokens: 9, outputTokens: 5 }],
  ['openai-compat-streams/moonshotai/moonshotai-tool-call.json', { text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool-calls', inputTokens: 30, outputTokens: 12 }],
  ['openai-compat-streams/openai-chat/openai-text.json', { text: { startsWith: '**Holiday Name:** Galaxy Day' }, reasoning: false, finishReason: 'stop', inputTokens: 16, outputTokens: 363 }],
  ['openai-compat-streams/openai-compatible-chat/xai-text.json', { text: 'Grok', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 322 }],
  ['openai-compat-streams/openai-compatible-chat/xai-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 307, outputTokens: 281 }],
  ['openai-compat-streams/perplexity/perplexity-text.json', { text: { startsWith: '**EcoVista Day** is a new annual holiday' }, finishReason: 'stop', inputTokens: 11, outputTokens: 392 }],
  ['openai-compat-streams/xai/xai-text.json', { text: 'Hello', reasoning: { startsWith: 'First, the user said' }, finishReason: 'stop', inputTokens: 12, outputTokens: 229 }],
  ['openai-compat-streams/xai/xai-tool-call.json', { text: '', toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }], finishReason: 'tool-calls', inputTokens: 291, outputTokens: 215 }],
  ['semantic-kernel/openai/chat_completion_refusal_test_response.json', { text: "I'm sorry, I cannot assist with that request.", finishReason: 'stop', inputTokens: 55, outputTokens: 100 }],
  ['semantic-kernel/huggingface/chatcompletion_test_response.json', { text: 'This is a testing chat completion response', finishReason: 'stop', inputTokens: 27, outputTokens: 88 }],
];

/** The testkit reply that serves a fixture file as its server sent it. */
export function replyFor(file: string) {
  if (file.endsWith('.chunks.txt')) return reply.sseRaw(chunksToSse(readChunksFixture(file)));
  if (file.endsWith('.json')) return reply.json(JSON.parse(readFileSync(sharedPath('fixtures', ...file.split('/')), 'utf8')));
  return reply.sseRaw(splitSseEvents(readSseFixture(file)));
}

/** What a decoded chat looks like, streamed or not. */
export interface DecodedChat {
  text: string;
  reasoning?: string | undefined;
  toolCalls: { name: string; arguments: string }[];
  finishReason?: FinishReason | undefined;
  usage?: Usage | undefined;
}

/** Asserts that a decoded chat gives what the fixture holds. */
export function expectChat(actual: DecodedChat, expected: Expectation): void {
  if (typeof expected.text === 'string') expect(actual.text).toBe(expected.text);
  else if (expected.text) expect(actual.text.startsWith(expected.text.startsWith)).toBe(true);
  if (expected.reasoning === false) expect(actual.reasoning ?? '').toBe('');
  else if (typeof expected.reasoning === 'string') expect(actual.reasoning).toBe(expected.reasoning);
  else if (expected.reasoning) expect(actual.reasoning?.startsWith(expected.reasoning.startsWith)).toBe(true);
  expect(actual.toolCalls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown }))).toEqual(expected.toolCalls ?? []);
  expect(actual.finishReason).toBe(expected.finishReason);
  if (expected.inputTokens !== undefined) expect(actual.usage?.inputTokens).toBe(expected.inputTokens);
  if (expected.outputTokens !== undefined) expect(actual.usage?.outputTokens).toBe(expected.outputTokens);
}
