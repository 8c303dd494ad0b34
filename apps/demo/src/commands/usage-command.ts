import { usageError } from '../errors/usage-error.js';
import { formatUsd } from '../output/call-footer.js';
import { formatTable } from '../output/format-table.js';
import type { Output } from '../output/output-stream.js';
import { printJson } from '../output/print-json.js';
import type { UsageLedger } from '../usage/usage-ledger.js';

/**
 * `switchyard usage`: requests, tokens and cost per provider and model over every recorded run
 * (the ledger file in the state folder); `switchyard usage reset` deletes the record.
 */
export async function usageCommand(ledger: UsageLedger, positionals: readonly string[], json: boolean, out: Output): Promise<void> {
  const [action, ...rest] = positionals;
  if (rest.length > 0 || (action !== undefined && action !== 'reset')) throw usageError('`switchyard usage` takes nothing, or `reset` to clear the record.');
  if (action === 'reset') {
    await ledger.reset();
    if (json) printJson(out, { reset: true, path: ledger.path });
    else out.line(`Usage record cleared (${ledger.path}).`);
    return;
  }
  const summary = await ledger.summary();
  if (json) {
    printJson(out, summary);
    return;
  }
  const { style } = out;
  if (summary.runs === 0) {
    out.line(`No usage recorded yet (${summary.path}). Every chat, complete, embed, image and video run adds to it.`);
    return;
  }
  const rows = summary.rows.map((row) => [
    row.provider,
    row.model,
    String(row.requests),
    String(row.failed),
    String(row.inputTokens),
    String(row.outputTokens),
    `${formatUsd(row.costUsd)}${row.unknownCostRequests > 0 ? style.yellow(` +${row.unknownCostRequests} unknown`) : ''}`,
  ]);
  const totals = summary.totals;
  rows.push([style.bold('total'), '', String(totals.requests), String(totals.failed), String(totals.inputTokens), String(totals.outputTokens), style.bold(formatUsd(totals.costUsd))]);
  for (const line of formatTable(['PROVIDER', 'MODEL', 'REQUESTS', 'FAILED', 'TOKENS IN', 'TOKENS OUT', 'COST'], rows, style)) out.line(line);
  out.line(style.dim(`${summary.runs} runs since ${summary.since} · ${summary.path}`));
  if (totals.unknownCostRequests > 0) out.line(style.dim(`${totals.unknownCostRequests} requests had no known price: the cost is a lower bound.`));
  if (summary.unreadableLines > 0) out.line(style.yellow(`${summary.unreadableLines} unreadable lines in the record were left out.`));
}
