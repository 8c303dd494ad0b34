import { PROVIDER_IDS } from '../config/provider-setup.js';
import { adviceFor, shortHealthDetail } from '../errors/error-advice.js';
import { usageError } from '../errors/usage-error.js';
import { formatMilliseconds } from '../output/call-footer.js';
import { formatTable } from '../output/format-table.js';
import { printJson } from '../output/print-json.js';
import type { CommandContext } from './command-context.js';
import { checkHealth } from './provider-health.js';

/**
 * `switchyard providers`: a table of every provider of the configuration — reachable or not,
 * latency of a health check, kind, where its credential came from (redacted), and where it is —
 * with skipped and unconfigured ones and what would set them up.
 */
export async function providersCommand(context: CommandContext): Promise<void> {
  const { out, args } = context;
  const requested = args.provider;
  if (requested !== 'auto') {
    const unknown = requested.find((id) => !(PROVIDER_IDS as readonly string[]).includes(id));
    if (unknown) throw usageError(`Unknown provider "${unknown}" in --provider: the providers are ${PROVIDER_IDS.join(', ')} (or auto).`);
  }
  const setups = context.configuration.setups.filter((setup) => requested === 'auto' || requested.includes(setup.id));
  const narrator = context.narrate('checking providers…');
  let health;
  try {
    health = await checkHealth(context, setups);
  } finally {
    narrator.end();
  }
  if (args.json) {
    printJson(out, {
      providers: health.map(({ setup, report }) => ({
        provider: setup.id,
        name: setup.name,
        kind: setup.kind,
        status: setup.status === 'ready' ? (report?.ok ? (setup.id === 'embedded' ? 'ready' : 'reachable') : setup.id === 'embedded' ? 'not-ready' : 'unreachable') : setup.status,
        latencyMs: report ? Math.round(report.latencyMs) : undefined,
        version: report?.version,
        detail: report?.detail ?? setup.skipped,
        advice: setup.advice,
        credential: setup.credential,
        location: setup.location,
      })),
    });
    return;
  }
  const { style } = out;
  const rows = health.map(({ setup, report }) => {
    let status: string;
    if (setup.status === 'not-configured') status = style.dim('not configured');
    else if (setup.status === 'skipped') status = style.yellow(`skipped: ${setup.skipped}`);
    // The embedded model has no server to reach: its check is whether the model file can be had.
    else if (setup.id === 'embedded') status = report?.ok ? style.green('✓ ready') : style.red('✗ not ready');
    else status = report?.ok ? style.green('✓ reachable') : style.red('✗ unreachable');
    let detail = setup.advice ?? '';
    if (setup.status === 'ready' && report?.ok) detail = report.version ? `version ${report.version}` : (report.detail ?? '');
    else if (setup.status === 'ready') {
      // A health check reports failures as data; its detail is the error message.
      const advice = /refused|could not reach|ECONN/i.test(report?.detail ?? '') ? adviceFor({ kind: 'network', provider: setup.id, model: undefined }) : undefined;
      detail = `${shortHealthDetail(report?.detail ?? '')}${advice ? ` — ${advice}` : ''}`;
    }
    return [setup.id, setup.kind, status, report ? formatMilliseconds(report.latencyMs) : '-', setup.credential, setup.location, detail];
  });
  for (const line of formatTable(['PROVIDER', 'KIND', 'STATUS', 'LATENCY', 'CREDENTIAL', 'WHERE', 'DETAIL'], rows, style)) out.line(line);
}
