import { createClient, isSwitchyardError, type ClientEvent } from '@switchyard/core';
import { refusedUrl, sharedPath } from '@switchyard/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { llamaCpp } from './llama-cpp.js';

// The real tiny model from ../shared/models (README there: greedy "Once upon a time" continues
// ", there was a little girl named Lily. She loved to play").
const modelsDir = sharedPath('models');
const embedded = llamaCpp({ id: 'embedded', models: { stories: 'hf:ggml-org/models/tinyllamas/stories260K.gguf' }, modelsDir, download: false });
const events: ClientEvent[] = [];
const client = createClient({ providers: [embedded], onEvent: (event) => events.push(event) });

afterAll(async () => {
  await client.close();
  await embedded.dispose();
});

describe('llamaCpp through createClient, with the real stories260K model', () => {
  it('continues a story greedily, with usage and compute time', async () => {
    const response = await client.chat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 12, temperature: 0 });
    expect(response.text.startsWith(', there was a little girl named Lily')).toBe(true);
    expect(response.provider).toBe('embedded');
    expect(response.finishReason).toBe('length');
    expect(response.usage.outputTokens).toBe(12);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.computeSeconds).toBeGreaterThan(0);
    expect(response.cost).toMatchObject({ amount: 0 });
  });

  it('streams the same text as deltas', async () => {
    const stream = client.streamChat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 12, temperature: 0 });
    const deltas: string[] = [];
    for await (const event of stream) if (event.type === 'text') deltas.push(event.text);
    const response = await stream.response;
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(response.text);
    expect(response.text.startsWith(', there was a little girl named Lily')).toBe(true);
  });

  it('completes a prompt and stops at a stop sequence', async () => {
    const response = await client.complete({ model: 'stories', prompt: 'Once upon a time', maxTokens: 40, temperature: 0, stop: ['Lily'] });
    // The stop sequence and everything after it are cut; " Lily" is one token, space included.
    expect(response.text).toBe(', there was a little girl named');
    expect(response.finishReason).toBe('stop');
  });

  it('embeds texts into vectors of the model width', async () => {
    const response = await client.embed({ model: 'stories', input: ['a cat', 'a dog'] });
    expect(response.embeddings).toHaveLength(2);
    // stories260K has n_embd 64 (models README).
    expect(response.embeddings[0]).toHaveLength(64);
    expect(response.embeddings[0]).not.toEqual(response.embeddings[1]);
  });

  it('aborts a generation when the caller aborts', async () => {
    const controller = new AbortController();
    const stream = client.streamChat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 200 }, { signal: controller.signal });
    let caught: unknown;
    try {
      for await (const event of stream) if (event.type === 'text') controller.abort();
    } catch (error) {
      caught = error;
    }
    expect(isSwitchyardError(caught) && caught.kind).toBe('aborted');
  });

  it('says which models it serves when asked for another', async () => {
    await expect(client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }, { provider: 'embedded' })).rejects.toMatchObject({
      kind: expect.stringMatching(/model-not-found|all-providers-failed/),
    });
  });

  it('is the fallback after a refused server, with the attempts traced', async () => {
    const { openAiWireProvider } = await import('./test-support/refused-provider.js');
    const refused = openAiWireProvider('ollama', await refusedUrl());
    const fallback = createClient({ providers: [refused, embedded] });
    try {
      const response = await fallback.chat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 5, temperature: 0 });
      expect(response.provider).toBe('embedded');
      expect(response.trace.map((attempt) => [attempt.provider, attempt.outcome, attempt.errorKind])).toEqual([
        ['ollama', 'error', 'network'],
        ['embedded', 'success', undefined],
      ]);
    } finally {
      await fallback.close();
    }
  });
});

describe('llamaCpp options', () => {
  it('rejects options without models with a message that says what to give', () => {
    expect(() => llamaCpp({ models: {} })).toThrow(/models must name at least one model/);
  });

  it('reports a model missing from disk with downloads off as unhealthy', async () => {
    const missing = llamaCpp({ id: 'missing', models: { m: 'hf:a/b/c.gguf' }, modelsDir, download: false });
    const healthClient = createClient({ providers: [missing] });
    try {
      const report = await healthClient.health('missing');
      expect(report.ok).toBe(false);
      expect(report.detail).toContain('m');
    } finally {
      await healthClient.close();
    }
  });
});
