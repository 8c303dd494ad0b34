import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { BudgetGuard } from './budget-guard.js';
import type { BudgetEvent, BudgetReservation } from './budget-guard.js';

const DAY = 86_400_000;

function clock(start = Date.parse('2025-03-10T12:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('BudgetGuard: reserve and settle', () => {
  it('admits calls while spent + reserved + estimate fits, then throws budget-exceeded', async () => {
    const time = clock();
    const guard = new BudgetGuard({ budgets: { limitUsd: 1, window: 'day' }, now: time.now });
    const first = await guard.reserve('openai', 0.6);
    const second = await guard.reserve('openai', 0.3);
    const error = await rejection(guard.reserve('openai', 0.2));
    expect(isSwitchyardError(error) && error.kind).toBe('budget-exceeded');
    expect(isSwitchyardError(error) && error.retryable).toBe(false);
    expect(error.message).toBe(
      'Budget exceeded: the client budget of $1.00 per day (UTC) has $0.00 spent and $0.9000 reserved by calls in flight, ' +
        'and this call is estimated at $0.2000. It resets at 2025-03-11T00:00:00.000Z. ' +
        'To allow more, raise limitUsd (now 1) of the budget with no provider and window: "day" in the client\'s budget option.',
    );
    await guard.settle(first, 0.5);
    await guard.settle(second, 0.3);
    expect(await guard.reserve('openai', 0.2)).toMatchObject({ providerId: 'openai', estimatedCostUsd: 0.2 });
    expect((await guard.status())[0]).toMatchObject({ spentUsd: 0.8, inFlightUsd: 0.2 });
  });

  it('refuses every call once spending reached the limit, even calls estimated at zero', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 0.5, window: 'total' } });
    await guard.settle(await guard.reserve('p', 0), 0.5);
    const error = await rejection(guard.reserve('p', 0));
    expect(error.message).toMatch(/^Budget exceeded: the client budget of \$0\.5000 in total has \$0\.5000 spent and \$0\.00 reserved by calls in flight\. To allow more/);
  });

  it('spends nothing for a released reservation, and the estimate for an unknown cost', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 10, window: 'total' } });
    await guard.release(await guard.reserve('p', 4));
    await guard.settle(await guard.reserve('p', 3), undefined);
    expect(await guard.status()).toEqual([expect.objectContaining({ spentUsd: 3, inFlightUsd: 0, unknownCostCalls: 1 })]);
  });

  it('ignores a second settle of the same reservation and rejects anything that is not a reservation', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 10, window: 'total' } });
    const reservation = await guard.reserve('p', 1);
    await guard.settle(reservation, 2);
    await guard.settle(reservation, 2);
    await guard.release(reservation);
    expect((await guard.status())[0]).toMatchObject({ spentUsd: 2, inFlightUsd: 0 });
    const forged = { providerId: 'p', estimatedCostUsd: 1 } as BudgetReservation;
    expect(await rejection(guard.settle(forged, 1))).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('the reservation that reserve() returned') });
  });

  it('check() answers without reserving', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 1, window: 'hour' } });
    expect(await guard.check('p', 0.9)).toBeUndefined();
    expect(await guard.check('p', 0.9)).toBeUndefined();
    await guard.reserve('p', 0.9);
    expect(await guard.check('p', 0.2)).toMatchObject({ budget: 'client budget of $1.00 per hour (UTC)', message: expect.stringMatching(/^Budget exceeded/) });
  });
});

describe('BudgetGuard: scopes and windows', () => {
  it('applies a provider budget to that provider and its routes only, and the client budget to all', async () => {
    const guard = new BudgetGuard({
      budgets: [
        { limitUsd: 1, window: 'day', provider: 'hf' },
        { limitUsd: 5, window: 'month' },
      ],
    });
    await guard.settle(await guard.reserve('hf/together', 0), 1);
    const error = await rejection(guard.reserve('hf', 0.01));
    expect(error.message).toContain('the budget for provider "hf" of $1.00 per day (UTC) has $1.00 spent');
    expect(error.message).toContain('raise limitUsd (now 1) of the budget with provider: "hf" and window: "day"');
    expect(isSwitchyardError(error) && error.provider).toBe('hf');
    expect(await rejection(guard.reserve('hf/novita', 0))).toMatchObject({ kind: 'budget-exceeded' });
    await guard.settle(await guard.reserve('hfx', 0), 3.5);
    await guard.settle(await guard.reserve('ollama', 0), 0.5);
    expect(await rejection(guard.reserve('ollama', 0.01))).toMatchObject({ message: expect.stringContaining('the client budget of $5.00 per month (UTC) has $5.00 spent') });
  });

  it('names a named budget in its messages', async () => {
    const guard = new BudgetGuard({ budgets: { name: 'team-a', limitUsd: 2, window: { ms: 600_000 } } });
    const error = await rejection(guard.reserve('p', 3));
    expect(error.message).toContain('the client budget "team-a" of $2.00 per 10 min has');
    expect(error.message).toContain('raise limitUsd (now 2) of budget "team-a"');
  });

  it('resets spending when the window rolls over and keeps reservations in flight', async () => {
    const time = clock(Date.parse('2025-03-10T23:00:00Z'));
    const guard = new BudgetGuard({ budgets: { limitUsd: 1, window: 'day' }, now: time.now });
    await guard.settle(await guard.reserve('p', 0), 0.7);
    const crossing = await guard.reserve('p', 0.3);
    await expect(guard.reserve('p', 0.1)).rejects.toMatchObject({ kind: 'budget-exceeded' });
    time.advance(DAY / 24);
    const [status] = await guard.status();
    expect(status).toMatchObject({ spentUsd: 0, inFlightUsd: 0.3, windowStart: Date.parse('2025-03-11T00:00:00Z'), resetsAt: Date.parse('2025-03-12T00:00:00Z') });
    await guard.settle(crossing, 0.25);
    expect((await guard.status())[0]).toMatchObject({ spentUsd: 0.25, inFlightUsd: 0 });
  });
});

describe('BudgetGuard: warnings', () => {
  it('warns once per window at the threshold and once when exhausted', async () => {
    const time = clock();
    const events: BudgetEvent[] = [];
    const guard = new BudgetGuard({ budgets: { limitUsd: 10, window: 'hour', provider: 'groq' }, now: time.now, onEvent: (event) => events.push(event) });
    const spend = async (usd: number) => guard.settle(await guard.reserve('groq', 0), usd);
    await spend(7.9);
    expect(events).toEqual([]);
    await spend(0.2);
    await spend(0.5);
    expect(events).toEqual([
      {
        type: 'budget-warning',
        at: time.now(),
        budget: 'budget for provider "groq" of $10.00 per hour (UTC)',
        provider: 'groq',
        window: 'hour',
        limitUsd: 10,
        spentUsd: expect.closeTo(8.1, 12),
        fraction: expect.closeTo(0.81, 12),
        resetsAt: Date.parse('2025-03-10T13:00:00Z'),
      },
    ]);
    await spend(1.4);
    expect(events.map((event) => event.type)).toEqual(['budget-warning', 'budget-exhausted']);
    time.advance(3_600_000);
    await spend(9);
    expect(events.map((event) => [event.type, event.spentUsd])).toEqual([
      ['budget-warning', expect.closeTo(8.1, 12)],
      ['budget-exhausted', expect.closeTo(10, 12)],
      ['budget-warning', 9],
    ]);
  });

  it('honours a custom threshold and survives a listener that throws', async () => {
    const guard = new BudgetGuard({
      budgets: { limitUsd: 1, window: 'total', warnAt: 0.5 },
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    await expect(guard.settle(await guard.reserve('p', 0), 0.6)).resolves.toBeUndefined();
  });
});

describe('BudgetGuard: input validation', () => {
  it('says what is wrong with a budget option', () => {
    expect(() => new BudgetGuard({ budgets: { limitUsd: 0, window: 'day' } })).toThrow('Invalid budget option: limitUsd: limitUsd must be > 0.');
    expect(() => new BudgetGuard({ budgets: [{ limitUsd: 1, window: 'week' as never }] })).toThrow(/window must be "hour", "day", "month", "total"/);
    expect(() => new BudgetGuard({ budgets: [{ limitUsd: 1, window: 'day' }, { limitUsd: 1, window: 'day' }] })).toThrow(/give one a distinct name/);
  });

  it('rejects negative or non-finite costs', async () => {
    const guard = new BudgetGuard({ budgets: { limitUsd: 1, window: 'day' } });
    await expect(guard.reserve('p', -1)).rejects.toThrow('Invalid budget reservation: estimatedCostUsd: the cost must be >= 0.');
    await expect(guard.settle(await guard.reserve('p', 0), Number.NaN)).rejects.toMatchObject({ kind: 'invalid-request' });
  });
});
