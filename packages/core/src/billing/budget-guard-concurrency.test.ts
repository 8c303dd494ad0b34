import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetGuard } from './budget-guard.js';

// The guarantee: with a budget of N, concurrent callers never commit more than N plus the cost
// of the calls already in flight when the limit was reached. The scheduler below interleaves
// reserve / respond / settle of many calls in every order fast-check can find.

interface PlannedCall {
  estimateCents: number;
  /** The real cost relative to the estimate: exact, an underestimate, unknown, or never sent. */
  actual: { kind: 'exact' } | { kind: 'more'; extraCents: number } | { kind: 'unknown' } | { kind: 'not-sent' };
}

const plannedCall: fc.Arbitrary<PlannedCall> = fc.record({
  estimateCents: fc.integer({ min: 0, max: 40 }),
  actual: fc.oneof(
    fc.constant({ kind: 'exact' as const }),
    fc.record({ kind: fc.constant('more' as const), extraCents: fc.integer({ min: 1, max: 60 }) }),
    fc.constant({ kind: 'unknown' as const }),
    fc.constant({ kind: 'not-sent' as const }),
  ),
});

function actualUsd(call: PlannedCall): number | undefined {
  switch (call.actual.kind) {
    case 'exact':
      return call.estimateCents / 100;
    case 'more':
      return (call.estimateCents + call.actual.extraCents) / 100;
    case 'unknown':
      return undefined;
    case 'not-sent':
      return 0;
  }
}

async function runConcurrently(scheduler: fc.Scheduler, limitUsd: number, calls: PlannedCall[]) {
  const guard = new BudgetGuard({ budgets: [{ limitUsd, window: 'total' }, { limitUsd: limitUsd * 2, window: 'day', provider: 'p' }] });
  const inFlight = new Set<number>();
  let inFlightAtLastAdmission: number[] = [];
  let spentUsd = 0;
  let admitted = 0;
  const run = async (call: PlannedCall, index: number) => {
    await scheduler.schedule(Promise.resolve(), `start ${index}`);
    let reservation;
    try {
      reservation = await guard.reserve('p', call.estimateCents / 100);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'budget-exceeded' });
      return;
    }
    admitted += 1;
    inFlight.add(index);
    inFlightAtLastAdmission = [...inFlight];
    await scheduler.schedule(Promise.resolve(), `respond ${index}`);
    inFlight.delete(index);
    if (call.actual.kind === 'not-sent') return guard.release(reservation);
    // An unknown cost settles at the estimate, so that is what the budget counts as spent.
    spentUsd += actualUsd(call) ?? call.estimateCents / 100;
    return guard.settle(reservation, actualUsd(call));
  };
  await scheduler.waitFor(Promise.all(calls.map(run)));
  const overrunOf = (index: number) => {
    const call = calls[index] as PlannedCall;
    return call.actual.kind === 'more' ? call.actual.extraCents / 100 : 0;
  };
  const costOf = (index: number) => actualUsd(calls[index] as PlannedCall) ?? (calls[index] as PlannedCall).estimateCents / 100;
  return { guard, spentUsd, admitted, inFlightAtLastAdmission, overrunOf, costOf };
}

describe('BudgetGuard under concurrency', () => {
  it('never commits more than N plus what the calls in flight at the last admission cost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 200 }), fc.array(plannedCall, { minLength: 1, maxLength: 40 }), async (scheduler, limitCents, calls) => {
        const limitUsd = limitCents / 100;
        const result = await runConcurrently(scheduler, limitUsd, calls);
        const tolerance = 1e-9;
        // The bound: N plus the cost of the calls in flight when the budget closed.
        const inFlightCost = result.inFlightAtLastAdmission.reduce((sum, index) => sum + result.costOf(index), 0);
        expect(result.spentUsd).toBeLessThanOrEqual(limitUsd + inFlightCost + tolerance);
        // The tighter bound reservations give: only what those calls cost beyond their estimates.
        const overrun = result.inFlightAtLastAdmission.reduce((sum, index) => sum + result.overrunOf(index), 0);
        expect(result.spentUsd).toBeLessThanOrEqual(limitUsd + overrun + tolerance);
        // Every reservation was settled or released, and the guard spent what the callers did.
        const [clientBudget] = await result.guard.status();
        expect(clientBudget?.inFlightUsd).toBe(0);
        expect(clientBudget?.spentUsd).toBeCloseTo(result.spentUsd, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('with exact estimates, 1,000 concurrent callers spend at most N and every admitted call fits', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 1, window: 'total' } });
    let spentUsd = 0;
    let refused = 0;
    const call = async (index: number) => {
      const costUsd = ((index * 7) % 5) / 1000 + 0.001;
      let reservation;
      try {
        reservation = await guard.reserve('p', costUsd);
      } catch {
        refused += 1;
        return;
      }
      // A real event-loop hop of varying length between sending and the answer.
      await new Promise((resolve) => setTimeout(resolve, index % 4));
      spentUsd += costUsd;
      await guard.settle(reservation, costUsd);
    };
    await Promise.all(Array.from({ length: 1_000 }, (_, index) => call(index)));
    expect(spentUsd).toBeLessThanOrEqual(1 + 1e-9);
    // 1,000 calls averaging $0.003 want $3: the guard admitted up to the limit and refused the rest.
    expect(spentUsd).toBeGreaterThan(0.99);
    expect(refused).toBeGreaterThan(600);
    expect((await guard.status())[0]).toMatchObject({ inFlightUsd: 0 });
  });
});
