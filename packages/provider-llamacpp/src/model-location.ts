import { SwitchyardError } from '@switchyard/core';

/** Where a configured model lives, parsed from its location string. */
export type ModelLocation =
  | { type: 'path'; path: string }
  | { type: 'file'; fileName: string }
  | { type: 'hub'; repo: string; file: string; fileName: string };

/**
 * Parses `hf:<owner>/<repo>/<path/in/repo.gguf>`, a path (contains a slash), or a bare file name.
 * The `hf:` form is the one node-llama-cpp and llama.cpp's `-hf` flag use for Hub files.
 */
export function parseModelLocation(location: string): ModelLocation {
  if (location.startsWith('hf:')) {
    const parts = location.slice(3).split('/').filter(Boolean);
    if (parts.length < 3 || !parts[parts.length - 1]!.endsWith('.gguf')) {
      throw new SwitchyardError(
        'invalid-request',
        `Invalid model location "${location}": expected hf:<owner>/<repo>/<file.gguf>, e.g. hf:ggml-org/models/tinyllamas/stories260K.gguf.`,
      );
    }
    const file = parts.slice(2).join('/');
    return { type: 'hub', repo: `${parts[0]}/${parts[1]}`, file, fileName: parts[parts.length - 1]! };
  }
  if (location.includes('/') || location.includes('\\')) return { type: 'path', path: location };
  return { type: 'file', fileName: location };
}
