import { appendFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Meter } from '@switchyard/core/billing';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../test-support/temp-folders.js';
import { UsageLedger } from './usage-ledger.js';

const tempFolder = useTempFolders('switchyard-ledger-');

function ledger(): UsageLedger {
  return new UsageLedger(join(tempFolder(), 'state', 'switchyard'));
}

describe('UsageLedger', () => {
  it('sums the meter snapshots of several runs per provider and model, in a file only its owner reads', async () => {
    const record = ledger();
    const first = new Meter();
    first.record({ provider: 'ollama', model: 'llama3.2', outcome: 'error', cost: { amount: 0, currency: 'USD', basis: 'not-billed', reason: 'refused' } });
    first.record({ provider: 'hf/together', model: 'm', outcome: 'success', usage: { inputTokens: 10, outputTokens: 20 }, cost: { amount: 0.002, currency: 'USD', basis: 'per-token' } });
    const second = new Meter();
    second.record({ provider: 'hf/together', model: 'm', outcome: 'success', usage: { inputTokens: 5, outputTokens: 7 }, cost: { amount: undefined, currency: 'USD', basis: 'unknown', reason: 'no price' } });
    await record.record('chat', first.snapshot(), new Date('2026-01-02T03:04:05Z'));
    await record.record('chat', second.snapshot());
    await record.record('models', new Meter().snapshot()); // sent nothing: no line
    const summary = await record.summary();
    expect(summary).toMatchObject({ runs: 2, since: '2026-01-02T03:04:05.000Z', unreadableLines: 0 });
    expect(summary.rows).toEqual([
      expect.objectContaining({ provider: 'ollama', model: 'llama3.2', requests: 1, failed: 1, costUsd: 0 }),
      expect.objectContaining({ provider: 'hf/together', model: 'm', requests: 2, succeeded: 2, inputTokens: 15, outputTokens: 27, costUsd: 0.002, unknownCostRequests: 1 }),
    ]);
    expect(summary.totals).toMatchObject({ requests: 3, failed: 1, outputTokens: 27, unknownCostRequests: 1 });
    expect(statSync(record.path).mode & 0o777).toBe(0o600);
  });

  it('leaves out and counts lines it cannot read; a missing file is an empty ledger', async () => {
    const record = ledger();
    expect(await record.summary()).toMatchObject({ runs: 0, rows: [], unreadableLines: 0 });
    const meter = new Meter();
    meter.record({ provider: 'ollama', model: 'x', outcome: 'success', cost: { amount: 0, currency: 'USD', basis: 'per-request' } });
    await record.record('chat', meter.snapshot());
    appendFileSync(record.path, '{"at": "cut off mid-wri\n{"at":"x","command":"chat","usage":[{"provider":"","model":"m"}]}\n');
    const summary = await record.summary();
    expect(summary).toMatchObject({ runs: 1, unreadableLines: 2 });
    await record.reset();
    expect((await record.summary()).runs).toBe(0);
  });
});
