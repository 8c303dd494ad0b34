// @ts-check
// `pnpm --filter @switchyard/bench profile <client> <workload> [calls]`: runs one client's workload
// under `node --cpu-prof` against the bench server and prints where its CPU went: self time by
// package (node internals, undici, zod, @switchyard/*…) and the functions with the most self and
// total time. The .cpuprofile is kept (its path is printed) for Chrome DevTools or speedscope.
// `profile-client.mjs <file.cpuprofile>` analyses a profile captured some other way.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from './format-report.mjs';
import { startBenchServer } from './start-bench-server.mjs';

/**
 * @typedef {{ functionName: string, url: string, lineNumber: number, columnNumber: number }} CallFrame
 * @typedef {{ id: number, callFrame: CallFrame, hitCount?: number, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], startTime: number, endTime: number, samples: number[] }} CpuProfile
 */

const SAMPLING_INTERVAL_MICROS = 100;
const [clientArgument, workload = 'chat', callsArgument = workload === 'stream' ? '500' : '20000'] = process.argv.slice(2);
if (!clientArgument) throw new Error('usage: profile-client.mjs <client> [chat | chat-concurrent | stream | embed] [calls], or profile-client.mjs <file.cpuprofile>');
const clientName = clientArgument;

/**
 * Which package a frame belongs to, from its script URL.
 * @param {string} url
 */
function packageOf(url) {
  if (url === '') return '(native, GC, idle)';
  if (url.startsWith('node:')) return 'node internals';
  const scoped = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (scoped?.[1]) return scoped[1];
  const workspace = url.match(/\/packages\/([^/]+)\//);
  if (workspace?.[1]) return `workspace ${workspace[1]}`;
  // A bundle with a source map outside the workspace: a build of the packages made elsewhere.
  return sourceMapOf(url) ? `workspace ${url.replace(/^file:\/\//, '')}` : url;
}

/**
 * Whether a frame runs Switchyard's own code: a workspace package other than this benchmark, or
 * another bundle with a source map.
 * @param {string} url
 */
function isSwitchyardCode(url) {
  return /\/packages\/(?!bench\/)[^/]+\//.test(url) || (!url.includes('/node_modules/') && sourceMapOf(url) !== null);
}

/** @type {Map<string, SourceMap | null>} */
const sourceMaps = new Map();

/**
 * The source map beside a bundled script (the workspace packages' dist/index.js.map), so that a
 * frame in a bundle is reported at its source file and line.
 * @param {string} url
 */
function sourceMapOf(url) {
  if (!url.startsWith('file://')) return null;
  let map = sourceMaps.get(url);
  if (map === undefined) {
    const mapFile = `${fileURLToPath(url)}.map`;
    map = existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null;
    sourceMaps.set(url, map);
  }
  return map;
}

/**
 * `function file:line`, with the file relative to node_modules or to the workspace's packages/,
 * and mapped back to its source when the script is a bundle with a source map.
 * @param {CallFrame} frame
 */
function frameName(frame) {
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) {
    const source = entry.originalSource.replace(/^.*\/packages\//, 'packages/').replace(/^(\.\.\/)+/, '');
    return `${frame.functionName || '(anonymous)'} ${source}:${entry.originalLine + 1}`;
  }
  const file = frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/packages\//, 'packages/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/**
 * The source file of a frame in a workspace bundle (`core/src/client/call-run.ts`), else its package.
 * @param {CallFrame} frame
 */
function fileOf(frame) {
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) return entry.originalSource.replace(/^.*\/packages\//, '').replace(/^(\.\.\/)+/, '');
  return packageOf(frame.url);
}

/** @param {CpuProfile} profile */
function analyse(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const totalSamples = profile.samples.length;
  /** @type {Map<string, number>} */
  const selfByPackage = new Map();
  /** @type {Map<string, number>} */
  const selfByFile = new Map();
  /** @type {Map<string, number>} */
  const selfByFunction = new Map();
  /** @type {Map<string, number>} */
  const totalByFunction = new Map();
  /** @type {Map<string, number>} */
  const byNearestWorkspaceFrame = new Map();
  for (const sampledId of profile.samples) {
    const sampled = /** @type {ProfileNode} */ (byId.get(sampledId));
    const name = sampled.callFrame.functionName;
    const bucket = name === '(idle)' || name === '(program)' || name === '(garbage collector)' ? name : packageOf(sampled.callFrame.url);
    selfByPackage.set(bucket, (selfByPackage.get(bucket) ?? 0) + 1);
    if (bucket.startsWith('workspace ')) selfByFile.set(fileOf(sampled.callFrame), (selfByFile.get(fileOf(sampled.callFrame)) ?? 0) + 1);
    selfByFunction.set(frameName(sampled.callFrame), (selfByFunction.get(frameName(sampled.callFrame)) ?? 0) + 1);
    // Each function once per sample, however often it recurses in the stack.
    const seen = new Set();
    let nearestWorkspace = '';
    for (let id = /** @type {number | undefined} */ (sampledId); id !== undefined; id = parentOf.get(id)) {
      const frame = /** @type {ProfileNode} */ (byId.get(id)).callFrame;
      const key = frameName(frame);
      if (!nearestWorkspace && isSwitchyardCode(frame.url)) nearestWorkspace = key;
      if (!seen.has(key)) {
        seen.add(key);
        totalByFunction.set(key, (totalByFunction.get(key) ?? 0) + 1);
      }
    }
    if (bucket !== '(idle)') {
      const owner = nearestWorkspace || '(no workspace frame on the stack: I/O callbacks, GC, the benchmark itself)';
      byNearestWorkspaceFrame.set(owner, (byNearestWorkspaceFrame.get(owner) ?? 0) + 1);
    }
  }
  const busy = totalSamples - (selfByPackage.get('(idle)') ?? 0);
  return { busy, selfByPackage, selfByFile, selfByFunction, totalByFunction, byNearestWorkspaceFrame };
}

/**
 * The `limit` largest counts as table rows with their share of the busy (non-idle) samples.
 * @param {Map<string, number>} counts
 * @param {number} busy
 * @param {number} limit
 */
function top(counts, busy, limit) {
  return [...counts]
    .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => [key, `${((count / busy) * 100).toFixed(1)} %`]);
}

/**
 * Prints the tables of one profile.
 * @param {string} file
 * @param {string} title
 */
async function report(file, title) {
  const profile = /** @type {CpuProfile} */ (JSON.parse(await readFile(file, 'utf8')));
  const { busy, selfByPackage, selfByFile, selfByFunction, totalByFunction, byNearestWorkspaceFrame } = analyse(profile);
  console.log(`${title}: ${busy} busy samples; profile: ${file}\n`);
  console.log(`Self time by package (share of busy samples)\n\n${formatTable(['package', 'self'], top(selfByPackage, busy, 15))}\n`);
  console.log(`Self time by workspace source file\n\n${formatTable(['file', 'self'], top(selfByFile, busy, 25))}\n`);
  console.log(
    `Samples charged to the innermost workspace (Switchyard) function on their stack: its own work plus the\n` +
      `zod, undici and node work it called synchronously\n\n${formatTable(['function', 'share'], top(byNearestWorkspaceFrame, busy, 30))}\n`,
  );
  console.log(`Functions by self time\n\n${formatTable(['function', 'self'], top(selfByFunction, busy, 30))}\n`);
  console.log(`Functions by total time (self + callees)\n\n${formatTable(['function', 'total'], top(totalByFunction, busy, 40))}`);
}

async function main() {
  if (clientName.endsWith('.cpuprofile')) return report(clientName, clientName);
  const server = await startBenchServer();
  const directory = await mkdtemp(join(tmpdir(), 'switchyard-profile-'));
  try {
    const child = spawn(
      process.execPath,
      [`--cpu-prof`, `--cpu-prof-dir=${directory}`, `--cpu-prof-interval=${SAMPLING_INTERVAL_MICROS}`, fileURLToPath(new URL('./profile-target.mjs', import.meta.url)), clientName, server.origin, workload, callsArgument],
      { stdio: 'inherit' },
    );
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`profile-target.mjs exited with code ${code}`);
  } finally {
    await server.stop();
  }
  const [file] = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${directory}`);
  await report(join(directory, file), `${clientName} ${workload} × ${callsArgument}, sampled every ${SAMPLING_INTERVAL_MICROS} µs`);
}

main().catch((error) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
