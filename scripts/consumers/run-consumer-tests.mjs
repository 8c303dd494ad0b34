// Consumer tests: the packages as a user gets them from npm. Every publishable package (and the
// provider template) is packed with `pnpm pack` — which rewrites `workspace:` ranges — and the
// tarballs are installed in fresh folders under the OS temp directory, outside this workspace:
//
//   npm-project      npm: core + provider-openai-compat + testkit; an ESM `import` script and a CJS
//                    `require` script each run a chat against a testkit server; tsc type-checks a
//                    consumer with moduleResolution node16 (.mts and .cts) and bundler
//   ollama-only      npm: core + provider-ollama; the installed tree holds no other provider and no
//                    cloud SDK, and both module formats load
//   pnpm-monorepo    pnpm workspace whose package depends on core + two providers (file: tarballs);
//                    built with tsc and run (auto failover from one provider to the other)
//   third-party      npm: the provider template's tarball + core + testkit + vitest; the testkit
//                    conformance suite runs against the installed template
//
// Run after `pnpm build`. Third-party packages come from the npm registry (prefer-offline, the
// user's npm cache and pnpm store). Prints one line per check, then "consumer checks: N passed,
// N failed"; exits non-zero on any failure. SWITCHYARD_KEEP_CONSUMER_DIRS=1 keeps the folders.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedPackageNames, unwantedPackages } from './lib/dependency-tree.mjs';
import { readTarballFile } from './lib/read-tarball.mjs';
import { consumerEnv, runCommand, tail } from './lib/run-command.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const fixtures = join(root, 'scripts', 'consumers', 'fixtures');
const PNPM = ['--yes', 'pnpm@10.34.8'];
const TYPESCRIPT = '5.9.3';
const TYPES_NODE = '20.19.43';
const VITEST = '4.1.12';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const RUN_TIMEOUT_MS = 2 * 60_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const workDir = mkdtempSync(join(tmpdir(), 'switchyard-consumers-'));
const env = consumerEnv(root, { npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' });
const results = [];

/** Runs a command; returns its output, or throws with the output's tail when it fails. */
async function run(command, args, cwd, timeoutMs = RUN_TIMEOUT_MS) {
  const result = await runCommand(command, args, { cwd, env, timeoutMs });
  if (result.code !== 0) throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${result.code}:\n${tail(result.output)}`);
  return result.output;
}

/**
 * One block of the report. Scenarios run two at a time, so each writes its lines here and the block
 * is printed whole when the scenario ends.
 */
function section(title) {
  const lines = [`\n${title}`];
  return {
    /** Records one check: `body` resolves (pass, with an optional detail) or throws (fail, with the reason). */
    async check(name, body) {
      const started = performance.now();
      const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      try {
        const detail = await body();
        results.push({ name, ok: true });
        lines.push(`  ✓ ${name} (${took()})${detail ? ` — ${detail}` : ''}`);
        return true;
      } catch (error) {
        results.push({ name, ok: false });
        lines.push(`  ✗ ${name} (${took()})\n      ${String(error?.message ?? error).trimEnd()}`);
        return false;
      }
    },
    /** A check that cannot run because the step it needs failed: counted as failed, with the reason. */
    blocked(name, reason) {
      results.push({ name, ok: false });
      lines.push(`  ✗ ${name} — not run: ${reason}`);
    },
    print() {
      console.log(lines.join('\n'));
    },
  };
}

function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

// ---- packing ------------------------------------------------------------------------------------

function workspacePackages() {
  const publishable = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')) && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);
  return [...publishable, join(root, 'examples', 'provider-template')];
}

const tarballs = new Map();

/** Packs every package into `<workDir>/tarballs` and checks that no `workspace:` range survived. */
async function packAll(report) {
  return report.check('pnpm pack: every publishable package and the provider template, no workspace: range left', async () => {
    const dirs = workspacePackages();
    const missingBuilds = dirs.filter((dir) => !existsSync(join(dir, 'dist')));
    if (missingBuilds.length) throw new Error(`not built: ${missingBuilds.join(', ')} — run \`npx --yes pnpm@10.34.8 run build\` first`);
    const tarballDir = join(workDir, 'tarballs');
    mkdirSync(tarballDir);
    const filters = dirs.flatMap((dir) => ['--filter', `./${dir.slice(root.length + 1)}`]);
    await run(npx, [...PNPM, '-r', ...filters, 'pack', '--pack-destination', tarballDir], root);
    for (const file of readdirSync(tarballDir)) {
      const manifest = JSON.parse(readTarballFile(join(tarballDir, file), 'package/package.json') ?? '{}');
      tarballs.set(manifest.name, join(tarballDir, file));
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          if (String(range).startsWith('workspace:')) throw new Error(`${manifest.name} ${field}.${name} is still "${range}" in its tarball`);
        }
      }
    }
    const names = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name);
    const missing = names.filter((name) => !tarballs.has(name));
    if (missing.length) throw new Error(`no tarball for ${missing.join(', ')}`);
    return `${tarballs.size} tarballs`;
  });
}

const tarball = (name) => `file:${tarballs.get(name)}`;

/** Writes a fresh npm project and installs it; `ok` is false when the install failed. */
async function npmProject(report, name, label, dependencies, devDependencies = {}) {
  const dir = join(workDir, name);
  writeJson(join(dir, 'package.json'), { name: `consumer-${name}`, version: '1.0.0', private: true, dependencies, devDependencies });
  const ok = await report.check(`${label}: npm install from the tarballs`, async () => {
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir, INSTALL_TIMEOUT_MS);
  });
  return { dir, ok };
}

async function installedNames(dir) {
  // `npm ls` exits non-zero for problems such as missing peers; the JSON still says what is installed.
  const result = await runCommand(npm, ['ls', '--all', '--json'], { cwd: dir, env, timeoutMs: RUN_TIMEOUT_MS });
  return installedPackageNames(JSON.parse(result.output.slice(result.output.indexOf('{'))));
}

// ---- a. an npm project: ESM, CJS, TypeScript node16 and bundler ------------------------------------

async function npmConsumer(report) {
  const { dir, ok } = await npmProject(
    report,
    'npm-project',
    'npm project',
    { '@switchyard/core': tarball('@switchyard/core'), '@switchyard/provider-openai-compat': tarball('@switchyard/provider-openai-compat'), '@switchyard/testkit': tarball('@switchyard/testkit') },
    { typescript: TYPESCRIPT, '@types/node': TYPES_NODE },
  );
  const names = ['ESM import runs a chat', 'CJS require runs a chat', 'tsc, moduleResolution node16 (.mts and .cts)', 'tsc, moduleResolution bundler', 'dependency tree: no other provider, no cloud SDK'].map(
    (name) => `npm project: ${name}`,
  );
  if (!ok) return names.forEach((name) => report.blocked(name, 'the install failed'));
  for (const file of ['chat.mjs', 'chat.cjs', 'tsconfig.node16.json', 'tsconfig.bundler.json', 'consumer.ts']) copyFileSync(join(fixtures, 'npm-project', file), join(dir, file));
  copyFileSync(join(dir, 'consumer.ts'), join(dir, 'consumer.mts'));
  copyFileSync(join(dir, 'consumer.ts'), join(dir, 'consumer.cts'));
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  await report.check(names[0], async () => (await run(process.execPath, ['chat.mjs'], dir)).trim());
  await report.check(names[1], async () => (await run(process.execPath, ['chat.cjs'], dir)).trim());
  await report.check(names[2], () => run(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], dir).then(() => ''));
  await report.check(names[3], () => run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], dir).then(() => ''));
  await report.check(names[4], async () => {
    const installed = await installedNames(dir);
    const unwanted = unwantedPackages(installed, ['@switchyard/provider-openai-compat']);
    if (unwanted.length) throw new Error(`installed: ${unwanted.join(', ')}`);
    return `${installed.length} packages`;
  });
}

// ---- c. one provider pulls in no other provider and no cloud SDK ------------------------------------

async function ollamaOnly(report) {
  const { dir, ok } = await npmProject(report, 'ollama-only', 'ollama only', {
    '@switchyard/core': tarball('@switchyard/core'),
    '@switchyard/provider-ollama': tarball('@switchyard/provider-ollama'),
  });
  const names = ['ollama only: dependency tree: no other provider, no cloud SDK', 'ollama only: ESM import and CJS require load and build a client'];
  if (!ok) return names.forEach((name) => report.blocked(name, 'the install failed'));
  await report.check(names[0], async () => {
    const installed = await installedNames(dir);
    const unwanted = unwantedPackages(installed, ['@switchyard/provider-ollama']);
    if (unwanted.length) throw new Error(`installed: ${unwanted.join(', ')}`);
    if (!installed.includes('@switchyard/provider-ollama') || !installed.includes('@switchyard/core')) throw new Error(`the tree lacks core or provider-ollama: ${installed.join(', ')}`);
    return installed.join(', ');
  });
  await report.check(names[1], async () => {
    const make = "createClient({ providers: [ollama({ baseURL: 'http://127.0.0.1:11434' })] })";
    const esm = `const { createClient } = await import('@switchyard/core'); const { ollama } = await import('@switchyard/provider-ollama'); const client = ${make}; await client.close(); console.log('esm', typeof client.chat);`;
    const cjs = `const { createClient } = require('@switchyard/core'); const { ollama } = require('@switchyard/provider-ollama'); const client = ${make}; client.close().then(() => console.log('cjs', typeof client.chat));`;
    const output = (await run(process.execPath, ['--input-type=module', '-e', esm], dir)) + (await run(process.execPath, ['-e', cjs], dir));
    if (output !== 'esm function\ncjs function\n') throw new Error(`unexpected output: ${output}`);
  });
}

// ---- b. a pnpm monorepo whose workspace package depends on core + two providers ----------------------

async function pnpmMonorepo(report) {
  const dir = join(workDir, 'pnpm-monorepo');
  cpSync(join(fixtures, 'pnpm-monorepo'), dir, { recursive: true });
  writeJson(join(dir, 'package.json'), { name: 'consumer-monorepo', private: true });
  writeJson(join(dir, 'apps', 'app', 'package.json'), {
    name: 'app',
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js' },
    dependencies: {
      '@switchyard/core': tarball('@switchyard/core'),
      '@switchyard/provider-openai-compat': tarball('@switchyard/provider-openai-compat'),
      '@switchyard/provider-ollama': tarball('@switchyard/provider-ollama'),
      '@switchyard/testkit': tarball('@switchyard/testkit'),
    },
    devDependencies: { typescript: TYPESCRIPT, '@types/node': TYPES_NODE },
  });
  const [build, start] = ['pnpm monorepo: apps/app builds with tsc', 'pnpm monorepo: apps/app runs: auto fails over between the two providers'];
  const installed = await report.check('pnpm monorepo: pnpm install (file: tarballs)', () =>
    // CI=true would imply --frozen-lockfile; a fresh project has no lockfile yet.
    run(npx, [...PNPM, 'install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=append-only'], dir, INSTALL_TIMEOUT_MS).then(() => ''),
  );
  if (!installed) return [build, start].forEach((name) => report.blocked(name, 'the install failed'));
  const built = await report.check(build, () => run(npx, [...PNPM, '--filter', 'app', 'run', 'build'], dir).then(() => ''));
  if (!built) return report.blocked(start, 'the build failed');
  await report.check(start, async () => (await run(npx, [...PNPM, '--filter', 'app', '--silent', 'run', 'start'], dir)).trim());
}

// ---- the provider template, from its tarball, passes the conformance suite -------------------------

async function thirdPartyTemplate(report) {
  const { dir, ok } = await npmProject(
    report,
    'third-party',
    'provider template',
    { 'switchyard-provider-acme': tarball('switchyard-provider-acme'), '@switchyard/core': tarball('@switchyard/core'), '@switchyard/testkit': tarball('@switchyard/testkit') },
    { vitest: VITEST },
  );
  const name = 'provider template: the conformance suite passes against the installed tarball';
  if (!ok) return report.blocked(name, 'the install failed');
  copyFileSync(join(fixtures, 'third-party', 'acme-conformance.test.ts'), join(dir, 'acme-conformance.test.ts'));
  await report.check(name, async () => {
    const reportFile = join(dir, 'vitest-report.json');
    const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await runCommand(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${reportFile}`], { cwd: dir, env, timeoutMs: RUN_TIMEOUT_MS });
    const summary = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined;
    if (result.code !== 0 || !summary) throw new Error(`vitest exited with ${result.code}:\n${tail(result.output)}`);
    // 15 scenarios apply to a provider with chat, streamChat and embed (completion and image ones do not).
    if (summary.numFailedTests > 0 || summary.numPassedTests < 15) throw new Error(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed (expected at least 15 passing)`);
    return `${summary.numPassedTests} conformance tests passed`;
  });
}

// ---- main: two lanes at a time (2 cores are the budget), each section printed whole -----------------

async function inSection(title, scenario) {
  const report = section(title);
  try {
    await scenario(report);
  } catch (error) {
    report.blocked(title, `the runner failed: ${error?.stack ?? error}`);
  }
  report.print();
}

console.log(`consumer tests in ${workDir}`);
const packing = section('packing');
const packed = await packAll(packing);
packing.print();
if (packed) {
  await Promise.all([
    inSection('npm project (core + provider-openai-compat + testkit)', npmConsumer),
    (async () => {
      await inSection('npm project with one provider (core + provider-ollama)', ollamaOnly);
      await inSection('pnpm monorepo (apps/app: core + provider-openai-compat + provider-ollama)', pnpmMonorepo);
      await inSection('third-party provider (switchyard-provider-acme from its tarball)', thirdPartyTemplate);
    })(),
  ]);
}
const failed = results.filter((result) => !result.ok).length;
if (failed === 0 && process.env.SWITCHYARD_KEEP_CONSUMER_DIRS !== '1') rmSync(workDir, { recursive: true, force: true });
else console.log(`\nconsumer folders kept in ${workDir}`);
console.log(`consumer checks: ${results.length - failed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
