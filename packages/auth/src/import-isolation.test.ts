import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config.js';

// Tests the built package (same tsup configuration as `npm run build`) in a fresh Node process:
// `import '@switchyard/auth'` must not load any cloud SDK, and the SDK must load only when a
// manager's source is first called. Built into node_modules/.cache so the package's own
// dependencies resolve from there.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageRoot, 'node_modules', '.cache', `import-isolation-${process.pid}`);
const run = promisify(execFile);
const SDK_SPECIFIER = String.raw`^@(aws-sdk|azure)\/`;

async function node(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd: outDir, timeout: 30_000 });
  return stdout.trim();
}

beforeAll(async () => {
  await build({ ...(tsupConfig as Options), outDir, dts: false, sourcemap: false, silent: true, clean: true });
  // A resolve hook that makes any cloud SDK import fail, so loading one cannot go unnoticed.
  await writeFile(
    join(outDir, 'block-sdk-hooks.mjs'),
    `export async function resolve(specifier, context, next) {
  if (new RegExp(${JSON.stringify(SDK_SPECIFIER)}).test(specifier)) throw new Error('blocked cloud SDK: ' + specifier);
  return next(specifier, context);
}\n`,
  );
  await writeFile(join(outDir, 'block-sdk.mjs'), `import { register } from 'node:module';\nregister('./block-sdk-hooks.mjs', import.meta.url);\n`);
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('importing @switchyard/auth', () => {
  it('loads no cloud SDK (ESM), while a manager loads its SDK only when first called', async () => {
    const script = `
      const auth = await import(${JSON.stringify(pathToFileURL(join(outDir, 'index.js')).href)});
      const vault = await import(${JSON.stringify(pathToFileURL(join(outDir, 'vault', 'index.js')).href)});
      const aws = await import(${JSON.stringify(pathToFileURL(join(outDir, 'aws', 'index.js')).href)});
      const azure = await import(${JSON.stringify(pathToFileURL(join(outDir, 'azure', 'index.js')).href)});
      const names = [typeof auth.hfToken, typeof auth.inspectHfToken, typeof vault.vaultSecret, typeof aws.awsSecret, typeof azure.azureSecret];
      const source = aws.awsSecret({ secretId: 'x', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' });
      const failure = await source().then(() => 'resolved', (error) => error.message);
      console.log(JSON.stringify({ names, failure }));
    `;
    const output = JSON.parse(await node(['--import', './block-sdk.mjs', '--input-type=module', '-e', script])) as { names: string[]; failure: string };
    expect(output.names).toEqual(['function', 'function', 'function', 'function', 'function']);
    // The hook is live: the first call of an AWS source is what tries to load the SDK.
    expect(output.failure).toContain('blocked cloud SDK: @aws-sdk/client-secrets-manager');
  });

  it('loads no cloud SDK (CommonJS)', async () => {
    const script = `
      const auth = require(${JSON.stringify(join(outDir, 'index.cjs'))});
      require(${JSON.stringify(join(outDir, 'aws', 'index.cjs'))});
      require(${JSON.stringify(join(outDir, 'azure', 'index.cjs'))});
      const loaded = Object.keys(require.cache).filter((path) => /[\\\\/]@(aws-sdk|azure)[\\\\/]/.test(path));
      console.log(JSON.stringify({ hfToken: typeof auth.hfToken, loaded }));
    `;
    expect(JSON.parse(await node(['-e', script]))).toEqual({ hfToken: 'function', loaded: [] });
  });
});
