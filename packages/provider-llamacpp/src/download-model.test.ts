import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClientEvent } from '@switchyard/core';
import { fault, reply, sharedPath, startTestServer } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { llamaCpp } from './llama-cpp.js';

// The Hub stand-in serves the real model file at the path huggingface.co uses for it.
const MODEL_PATH = '/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf';
const modelBytes = readFileSync(sharedPath('models', 'stories260K.gguf'));

describe('downloading an hf: model from the Hub', () => {
  it('downloads once with progress events, then generates from the file', async () => {
    const hub = await startTestServer();
    hub.route('GET', MODEL_PATH, reply.bytes(modelBytes, { contentType: 'application/octet-stream' }));
    const modelsDir = mkdtempSync(join(tmpdir(), 'switchyard-download-'));
    const provider = llamaCpp({ id: 'embedded', models: { stories: 'hf:ggml-org/models/tinyllamas/stories260K.gguf' }, modelsDir, hubUrl: hub.url });
    const events: ClientEvent[] = [];
    const client = createClient({ providers: [provider], onEvent: (event) => events.push(event) });
    try {
      const response = await client.complete({ model: 'stories', prompt: 'Once upon a time', maxTokens: 6, temperature: 0 });
      expect(response.text.startsWith(', there was a')).toBe(true);
      expect(readFileSync(join(modelsDir, 'stories260K.gguf')).equals(modelBytes)).toBe(true);
      const progress = events.filter((event) => event.type === 'progress');
      expect(progress.some((event) => event.stage === 'downloading' && event.total === modelBytes.length)).toBe(true);
      expect(progress.some((event) => event.stage === 'downloaded')).toBe(true);
      await client.complete({ model: 'stories', prompt: 'Once', maxTokens: 2 });
      expect(hub.requests.filter((request) => request.path === MODEL_PATH)).toHaveLength(1);
    } finally {
      await client.close();
      await provider.dispose();
      await hub.close();
    }
  });

  it('leaves no partial file behind when the download is cut', async () => {
    const hub = await startTestServer();
    hub.route('GET', MODEL_PATH, fault.resetMidStream(reply.sseRaw([modelBytes.subarray(0, 4096), modelBytes.subarray(4096)], { contentType: 'application/octet-stream' }), { afterChunks: 1 }));
    const modelsDir = mkdtempSync(join(tmpdir(), 'switchyard-download-'));
    const provider = llamaCpp({ id: 'embedded', models: { stories: 'hf:ggml-org/models/tinyllamas/stories260K.gguf' }, modelsDir, hubUrl: hub.url });
    const client = createClient({ providers: [provider], retry: { maxRetries: 0 } });
    try {
      await expect(client.complete({ model: 'stories', prompt: 'Once', maxTokens: 2 })).rejects.toMatchObject({ name: 'SwitchyardError' });
      expect(existsSync(join(modelsDir, 'stories260K.gguf'))).toBe(false);
      expect(readdirSync(modelsDir)).toEqual([]);
    } finally {
      await client.close();
      await provider.dispose();
      await hub.close();
    }
  });
});
