// @ts-check
// Diagnostic, opt-in (`--clients switchyard-baseline`): Switchyard as the `switchyard` client runs
// it, but from another checkout, built, whose root SWITCHYARD_BASELINE names (a worktree of the
// commit to compare with). Both builds are then measured in one run, in interleaved rounds, so a
// change is read against its baseline under the same load rather than across runs that swing by
// ±0.05 on a shared machine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBenchClient, switchyardAdapter } from './switchyard.mjs';

/**
 * @param {string} origin
 * @returns {Promise<import('../client-adapter.mjs').ClientAdapter>}
 */
export async function createAdapter(origin) {
  const root = process.env.SWITCHYARD_BASELINE;
  if (!root) throw new Error('switchyard-baseline needs SWITCHYARD_BASELINE=<root of another built checkout of this repository>');
  const entries = [join(root, 'packages/core/dist/index.js'), join(root, 'packages/provider-openai-compat/dist/index.js')];
  const missing = entries.filter((entry) => !existsSync(entry));
  if (missing.length > 0) throw new Error(`switchyard-baseline: ${missing.join(', ')} not found; build that checkout first (pnpm run build)`);
  // Its provider imports `@switchyard/core` from its own node_modules: that checkout's core, not this one's.
  const [core, provider] = await Promise.all(entries.map((entry) => import(pathToFileURL(entry).href)));
  return switchyardAdapter(createBenchClient(origin, core, provider), 'Switchyard baseline');
}
