import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { isSwitchyardError, type ResponseSchema, type SwitchyardError } from '@switchyard/core';
import { reply } from '@switchyard/testkit';
import { useLoopbackSuite } from '../test-support/loopback-suite.js';
import { looksLikeChatResponse, looksLikeEmbedResponse } from './ollama-answer-checks.js';
import { ollamaChatResponseSchema, ollamaEmbedResponseSchema } from './ollama-response-schemas.js';
import { withFastPath } from './with-fast-path.js';

const suite = useLoopbackSuite();

/** Reads one answer of the server through the real transport with `schema`. */
async function readWith(body: unknown, schema: ZodType | ResponseSchema<unknown>): Promise<unknown> {
  suite.server.route('POST', '/api/chat', reply.json(body));
  const response = await suite.http.request({ method: 'POST', url: `${suite.server.url}/api/chat`, json: { model: 'm', messages: [] }, provider: 'ollama', model: 'm' });
  return response.json(schema);
}

async function errorOf(read: Promise<unknown>): Promise<SwitchyardError> {
  try {
    await read;
  } catch (error) {
    if (isSwitchyardError(error)) return error;
    throw error;
  }
  throw new Error('the answer was accepted');
}

const chatSchema = withFastPath(looksLikeChatResponse, ollamaChatResponseSchema);

describe('withFastPath', () => {
  it('gives a well-formed answer the value the schema gives', async () => {
    const answer = { model: 'm', message: { role: 'assistant', content: 'hi', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, done: true, eval_count: 3, extra: 'kept' };
    expect(await readWith(answer, chatSchema)).toEqual(await readWith(answer, ollamaChatResponseSchema));
  });

  it('fails a malformed answer with the kind, fields and message of the schema alone', async () => {
    const malformed = [
      { message: { content: 42 } },
      { message: { content: 'a', tool_calls: [{ function: { name: '' } }] }, eval_count: -1 },
      { done: 'yes', model: 7, total_duration: 'long', message: { images: [1] } },
      [],
    ];
    for (const body of malformed) {
      const fast = await errorOf(readWith(body, chatSchema));
      const plain = await errorOf(readWith(body, ollamaChatResponseSchema));
      expect(fast.kind).toBe('invalid-response');
      expect(fast.message).toBe(plain.message);
      expect({ ...fast, stack: undefined }).toEqual({ ...plain, stack: undefined });
    }
    expect((await errorOf(readWith({ message: { content: 42 } }, chatSchema))).message).toContain('message.content: Invalid input: expected string, received number');
  });

  it('checks every float of an embedding before accepting it', async () => {
    const embedSchema = withFastPath(looksLikeEmbedResponse, ollamaEmbedResponseSchema);
    expect(await readWith({ embeddings: [[0.5, -1]] }, embedSchema)).toEqual({ embeddings: [[0.5, -1]] });
    const error = await errorOf(readWith({ embeddings: [[0.5, '1']] }, embedSchema));
    expect(error.message).toContain('embeddings.0.1: Invalid input: expected number, received string');
  });
});
