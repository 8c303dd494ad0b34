import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelLocation } from './model-location.js';
import { resolveModelFile } from './resolve-model-file.js';

describe('parseModelLocation', () => {
  it('reads hf:<owner>/<repo>/<path>', () => {
    expect(parseModelLocation('hf:ggml-org/models/tinyllamas/stories260K.gguf')).toEqual({
      type: 'hub',
      repo: 'ggml-org/models',
      file: 'tinyllamas/stories260K.gguf',
      fileName: 'stories260K.gguf',
    });
  });

  it('tells paths from bare file names', () => {
    expect(parseModelLocation('./models/a.gguf')).toEqual({ type: 'path', path: './models/a.gguf' });
    expect(parseModelLocation('a.gguf')).toEqual({ type: 'file', fileName: 'a.gguf' });
  });

  it('explains a malformed hf: location', () => {
    expect(() => parseModelLocation('hf:ggml-org/stories.gguf')).toThrow(/expected hf:<owner>\/<repo>\/<file.gguf>/);
  });
});

describe('resolveModelFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-models-'));
  const modelsDir = join(root, 'models');
  const cacheDir = join(root, 'hub');
  mkdirSync(modelsDir);
  const snapshot = join(cacheDir, 'models--ggml-org--models', 'snapshots', 'abc123', 'tinyllamas');
  mkdirSync(snapshot, { recursive: true });
  writeFileSync(join(snapshot, 'stories260K.gguf'), 'cached');
  mkdirSync(join(cacheDir, 'models--ggml-org--models', 'refs'), { recursive: true });
  writeFileSync(join(cacheDir, 'models--ggml-org--models', 'refs', 'main'), 'abc123\n');
  const hub = parseModelLocation('hf:ggml-org/models/tinyllamas/stories260K.gguf');

  it('finds a Hub model in the Hugging Face cache snapshot named by refs/main', () => {
    expect(resolveModelFile(hub, { modelsDir, huggingFaceCacheDir: cacheDir })).toEqual({
      path: join(snapshot, 'stories260K.gguf'),
      foundIn: 'huggingface-cache',
    });
  });

  it('prefers the models folder over the cache', () => {
    writeFileSync(join(modelsDir, 'stories260K.gguf'), 'local');
    expect(resolveModelFile(hub, { modelsDir, huggingFaceCacheDir: cacheDir })?.foundIn).toBe('models-dir');
  });

  it('returns undefined for a Hub model found nowhere, so it can be downloaded', () => {
    expect(resolveModelFile(parseModelLocation('hf:a/b/c.gguf'), { modelsDir, huggingFaceCacheDir: cacheDir })).toBeUndefined();
  });

  it('names every place it looked for a missing local file', () => {
    expect(() => resolveModelFile(parseModelLocation('missing.gguf'), { modelsDir })).toThrow(new RegExp(`missing.gguf was not found \\(looked in: ${modelsDir.replace(/[/\\]/g, '.')}`));
  });
});
