import { isSwitchyardError, type ModelInfo } from '@switchyard/core';
import { formatTable } from '../output/format-table.js';
import { printJson } from '../output/print-json.js';
import type { CommandContext } from './command-context.js';

/** One provider's answer to `models`. */
interface ProviderModels {
  provider: string;
  models: ModelInfo[];
  error?: { kind: string; message: string };
}

/**
 * `switchyard models`: the models of each ready provider (or those named by `--provider`), asked in
 * parallel. A provider that cannot answer is reported in its row; when the only provider asked
 * fails, its error is the command's (and its exit code).
 */
export async function modelsCommand(context: CommandContext): Promise<void> {
  const { out } = context;
  const ids = context.selection.provider === 'auto' ? context.configuration.setups.filter((setup) => setup.status === 'ready').map((setup) => setup.id) : context.selection.provider;
  const timeouts = context.args.timeoutMs === undefined ? {} : { timeouts: { totalMs: context.args.timeoutMs } };
  const narrator = context.narrate(`asking ${ids.join(', ')} for their models…`);
  let results: ProviderModels[];
  try {
    results = await Promise.all(
      ids.map(async (provider): Promise<ProviderModels> => {
        try {
          return { provider, models: await context.client.listModels(provider, { signal: context.signal, ...timeouts }) };
        } catch (error) {
          if (ids.length === 1 || context.signal.aborted) throw error;
          return { provider, models: [], error: { kind: isSwitchyardError(error) ? error.kind : 'unexpected', message: error instanceof Error ? error.message : String(error) } };
        }
      }),
    );
  } finally {
    narrator.end();
  }
  if (context.args.json) {
    printJson(out, { providers: results });
    return;
  }
  const rows: string[][] = [];
  for (const result of results) {
    if (result.error) rows.push([result.provider, out.style.red(`unavailable: ${result.error.kind}`), firstSentence(result.error.message)]);
    else if (result.models.length === 0) rows.push([result.provider, out.style.dim('(no models)'), '']);
    else for (const model of result.models) rows.push([result.provider, model.id, model.contextLength ? `context ${model.contextLength}` : (model.ownedBy ?? '')]);
  }
  for (const line of formatTable(['PROVIDER', 'MODEL', 'DETAILS'], rows, out.style)) out.line(line);
}

function firstSentence(message: string): string {
  const end = message.search(/[.:](\s|$)/);
  return end === -1 ? message : message.slice(0, end);
}
