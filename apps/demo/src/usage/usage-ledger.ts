import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UsageSnapshot, UsageTotals } from '@switchyard/core';
import { z } from 'zod';

/** One provider and model's counts in a ledger line (core's `UsageTotals`, per model). */
export interface LedgerRow extends UsageTotals {
  provider: string;
  model: string;
}

/** What the ledger holds, summed. */
export interface LedgerSummary {
  path: string;
  /** Runs recorded. */
  runs: number;
  /** ISO time of the first recorded run. */
  since: string | undefined;
  rows: LedgerRow[];
  totals: UsageTotals;
  /** Lines that could not be read (a crash mid-write, a hand edit): left out of the sums. */
  unreadableLines: number;
}

const TOTAL_FIELDS = [
  'requests',
  'succeeded',
  'failed',
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'reasoningTokens',
  'computeSeconds',
  'costUsd',
  'unknownCostRequests',
] as const satisfies ReadonlyArray<keyof UsageTotals>;

const count = z.number().finite().nonnegative();
const rowSchema = z.object({
  provider: z.string().min(1),
  model: z.string(),
  ...Object.fromEntries(TOTAL_FIELDS.map((field) => [field, count.default(0)])),
});
const lineSchema = z.object({ at: z.string(), command: z.string(), usage: z.array(rowSchema) });

/**
 * The CLI's record of usage across runs: each run that sent anything appends one line of
 * newline-delimited JSON — the client meter's per-model counts (every attempt, failed ones
 * included) — to `usage.ndjson` in the state folder (`$XDG_STATE_HOME/switchyard`, default
 * `~/.local/state/switchyard`). Appending one line in one write keeps concurrent runs from
 * overwriting each other; `switchyard usage` sums the lines, `switchyard usage reset` deletes the file.
 */
export class UsageLedger {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'usage.ndjson');
  }

  /** Appends the run's counts; a run that sent nothing adds nothing. */
  async record(command: string, snapshot: UsageSnapshot, at: Date = new Date()): Promise<void> {
    const usage: LedgerRow[] = [];
    for (const [provider, entry] of Object.entries(snapshot.providers)) {
      for (const [model, totals] of Object.entries(entry.models)) usage.push({ provider, model, ...totals });
    }
    if (usage.length === 0) return;
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    // Usage says which models and providers someone uses: readable by its owner only.
    await appendFile(this.path, `${JSON.stringify({ at: at.toISOString(), command, usage })}\n`, { mode: 0o600 });
  }

  /** Sums every readable line, per provider and model. A missing file is an empty ledger. */
  async summary(): Promise<LedgerSummary> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: this.path, runs: 0, since: undefined, rows: [], totals: emptyTotals(), unreadableLines: 0 };
      throw error;
    }
    const rows = new Map<string, LedgerRow>();
    const totals = emptyTotals();
    let runs = 0;
    let since: string | undefined;
    let unreadableLines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = lineSchema.safeParse(safeJson(line));
      if (!parsed.success) {
        unreadableLines += 1;
        continue;
      }
      runs += 1;
      since ??= parsed.data.at;
      for (const row of parsed.data.usage as LedgerRow[]) {
        const key = `${row.provider}\u0000${row.model}`;
        let sum = rows.get(key);
        if (!sum) {
          sum = { provider: row.provider, model: row.model, ...emptyTotals() };
          rows.set(key, sum);
        }
        addTotals(sum, row);
        addTotals(totals, row);
      }
    }
    return { path: this.path, runs, since, rows: [...rows.values()], totals, unreadableLines };
  }

  /** Deletes the ledger. */
  async reset(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

function emptyTotals(): UsageTotals {
  return Object.fromEntries(TOTAL_FIELDS.map((field) => [field, 0])) as unknown as UsageTotals;
}

function addTotals(target: UsageTotals, source: UsageTotals): void {
  for (const field of TOTAL_FIELDS) target[field] += source[field];
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
