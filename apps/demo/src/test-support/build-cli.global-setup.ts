import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The end-to-end tests run dist/cli.js. Turbo builds it before `test` (apps/demo/turbo.json); when
 * the tests are run by hand after an edit, this rebuilds a missing or stale CLI first, so a test
 * never passes or fails against old code.
 */
export default function buildCliWhenStale(): void {
  const cli = join(appDir, 'dist', 'cli.js');
  if (existsSync(cli) && newestSourceMs(join(appDir, 'src')) <= statSync(cli).mtimeMs) return;
  const tsupManifest = createRequire(import.meta.url).resolve('tsup/package.json');
  const tsup = join(dirname(tsupManifest), (JSON.parse(readFileSync(tsupManifest, 'utf8')) as { bin: { tsup: string } }).bin.tsup);
  execFileSync(process.execPath, [tsup], { cwd: appDir, stdio: 'inherit' });
}

function newestSourceMs(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (!entry.name.endsWith('.test.ts') && !path.includes('test-support')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
