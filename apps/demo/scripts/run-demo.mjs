// `pnpm run demo` (root) lands here after turbo built the CLI: it runs
// `switchyard chat "Once upon a time"` (or the arguments given) with the embedded model taken from
// ../shared/models beside the repository when that folder exists (offline CI and fresh clones of
// this project), so the demo never needs the network; elsewhere the model downloads once from the Hub.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appDir, '..', '..');
const env = { ...process.env };
const sharedDir = env.SWITCHYARD_SHARED_DIR?.trim() || join(repoRoot, '..', 'shared');
if (!env.SWITCHYARD_MODELS_DIR?.trim() && existsSync(join(sharedDir, 'models', 'stories260K.gguf'))) {
  env.SWITCHYARD_MODELS_DIR = join(sharedDir, 'models');
}
const args = process.argv.length > 2 ? process.argv.slice(2) : ['chat', '--max-tokens', '120', 'Once upon a time'];
const child = spawn(process.execPath, [join(appDir, 'dist', 'cli.js'), ...args], { stdio: 'inherit', env });
// Ctrl-C reaches the child through the terminal's process group; the wrapper just waits for it.
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + 2 : 1);
});
