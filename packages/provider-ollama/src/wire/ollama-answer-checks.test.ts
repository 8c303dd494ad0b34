import { describe, expect, it } from 'vitest';
import { z, type ZodType } from 'zod';
import { readJsonFixture, readNdjsonFixture } from '@switchyard/testkit';
import { apiDocValues } from '../test-support/api-doc-examples.js';
import {
  looksLikeChatResponse,
  looksLikeEmbedResponse,
  looksLikeFinalLine,
  looksLikeGenerateResponse,
  looksLikeWireToolCalls,
} from './ollama-answer-checks.js';
import {
  ollamaChatResponseSchema,
  ollamaEmbedResponseSchema,
  ollamaFinalLineSchema,
  ollamaGenerateResponseSchema,
  ollamaWireToolCallSchema,
} from './ollama-response-schemas.js';

const chatAnswers = (): unknown[] => [
  ...['chat_completion_test_response.txt', 'chat_completion_function_call_response.txt', 'chat_completion_multiple_function_calls_test_response.txt'].map(
    (name) => readNdjsonFixture(`semantic-kernel/ollama/${name}`)[0],
  ),
  ...readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt'),
  ...apiDocValues('Generate a chat completion', 'Chat request (No streaming)', 'Response'),
  ...apiDocValues('Generate a chat completion', 'Chat request (Streaming with tools)', 'Response'),
  ...apiDocValues('Generate a chat completion', 'Chat request (With History)', 'Response'),
];
const generateAnswers = (): unknown[] => [
  ...readNdjsonFixture('semantic-kernel/ollama/text_generation_test_response_stream.txt'),
  ...apiDocValues('Generate a completion', 'Request (No streaming)', 'Response'),
  ...apiDocValues('Generate a completion', 'Generate request (Streaming)', 'Response'),
];
const embedAnswers = (): unknown[] => [readJsonFixture('semantic-kernel/ollama/embeddings_test_response.json'), ...apiDocValues('Generate Embeddings', 'Response')];

// Values of every JSON type, some right for a field and some wrong: each replaces each field in turn.
const REPLACEMENTS: unknown[] = [null, true, -1, 0, 1.5, '', 'text', [], [1], ['a'], {}, { name: 'f' }, [{}]];

/** Every variant of `value` with one field (at any depth) replaced, removed, or one unknown field added. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      for (const replaced of [...REPLACEMENTS, ...variants(item)]) out.push(value.map((other, at) => (at === index ? replaced : other)));
    });
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const { [key]: _removed, ...rest } = record;
      out.push(rest);
      for (const replaced of [...REPLACEMENTS, ...variants(record[key])]) out.push({ ...record, [key]: replaced });
    }
    out.push({ ...record, added_by_a_newer_server: 1 });
  }
  return out;
}

/** The check and the schema agree on the answer and on every variant of it. */
function expectAgreement(answers: readonly unknown[], check: (value: unknown) => boolean, schema: ZodType): { accepted: number; rejected: number } {
  let accepted = 0;
  let rejected = 0;
  for (const answer of answers) {
    expect(check(answer), JSON.stringify(answer)).toBe(true);
    for (const variant of variants(answer)) {
      const valid = schema.safeParse(variant).success;
      expect(check(variant), `${JSON.stringify(variant)} is ${valid ? 'valid' : 'invalid'} for the schema`).toBe(valid);
      if (valid) accepted++;
      else rejected++;
    }
  }
  return { accepted, rejected };
}

describe('the hand-written answer checks accept exactly what the schemas accept', () => {
  it('chat answers: every recording, api.md example and single-field variant of them', () => {
    const { accepted, rejected } = expectAgreement(chatAnswers(), looksLikeChatResponse, ollamaChatResponseSchema);
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  it('generate answers', () => {
    const { accepted, rejected } = expectAgreement(generateAnswers(), looksLikeGenerateResponse, ollamaGenerateResponseSchema);
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(50);
  });

  it('embed answers, down to each float', () => {
    const { rejected } = expectAgreement(embedAnswers(), looksLikeEmbedResponse, ollamaEmbedResponseSchema);
    expect(rejected).toBeGreaterThan(50);
  });

  it('the final lines of streams', () => {
    const finals = [...chatAnswers(), ...generateAnswers()].filter((line) => (line as { done?: unknown }).done === true) as Record<string, unknown>[];
    expect(finals.length).toBeGreaterThan(5);
    const check = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && looksLikeFinalLine(value as Record<string, unknown>);
    expectAgreement(finals, check, ollamaFinalLineSchema);
  });

  it('tool call lists', () => {
    const lists = chatAnswers()
      .map((answer) => (answer as { message?: { tool_calls?: unknown } }).message?.tool_calls)
      .filter((calls) => Array.isArray(calls) && calls.length > 0);
    expect(lists.length).toBeGreaterThan(2);
    expectAgreement(lists, looksLikeWireToolCalls, z.array(ollamaWireToolCallSchema));
  });
});
