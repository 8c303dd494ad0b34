import type { HealthReport } from '@switchyard/core';
import type { ProviderSetup } from '../config/provider-setup.js';
import type { CommandContext } from './command-context.js';

/** A provider's health, or why it was not checked. */
export interface ProviderHealth {
  setup: ProviderSetup;
  /** Absent for a provider that is not ready. */
  report: HealthReport | undefined;
}

/**
 * Checks every ready setup in parallel with the client's `health` (short deadlines of its own;
 * `--timeout` caps them). A check that throws counts as unreachable, with the error as detail.
 */
export async function checkHealth(context: CommandContext, setups: readonly ProviderSetup[]): Promise<ProviderHealth[]> {
  const timeouts = context.args.timeoutMs === undefined ? {} : { timeouts: { totalMs: context.args.timeoutMs } };
  return Promise.all(
    setups.map(async (setup): Promise<ProviderHealth> => {
      if (setup.status !== 'ready') return { setup, report: undefined };
      const started = performance.now();
      try {
        return { setup, report: await context.client.health(setup.id, { signal: context.signal, ...timeouts }) };
      } catch (error) {
        if (context.signal.aborted) throw error;
        return { setup, report: { ok: false, latencyMs: performance.now() - started, detail: error instanceof Error ? error.message : String(error) } };
      }
    }),
  );
}
