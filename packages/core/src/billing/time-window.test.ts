import { describe, expect, it } from 'vitest';
import { describeWindow, timeWindowSchema, windowBounds, windowKey } from './time-window.js';

const at = (iso: string) => Date.parse(iso);

describe('windowBounds', () => {
  it('follows the UTC calendar for hour, day and month', () => {
    const now = at('2025-02-14T13:45:10.500Z');
    expect(windowBounds('hour', now)).toEqual({ start: at('2025-02-14T13:00:00Z'), end: at('2025-02-14T14:00:00Z') });
    expect(windowBounds('day', now)).toEqual({ start: at('2025-02-14T00:00:00Z'), end: at('2025-02-15T00:00:00Z') });
    expect(windowBounds('month', now)).toEqual({ start: at('2025-02-01T00:00:00Z'), end: at('2025-03-01T00:00:00Z') });
  });

  it('rolls the month over the year end and handles leap February', () => {
    expect(windowBounds('month', at('2025-12-31T23:59:59.999Z'))).toEqual({ start: at('2025-12-01T00:00:00Z'), end: at('2026-01-01T00:00:00Z') });
    expect(windowBounds('month', at('2024-02-29T12:00:00Z')).end).toBe(at('2024-03-01T00:00:00Z'));
  });

  it('puts the boundary instant in the next window', () => {
    expect(windowBounds('day', at('2025-02-15T00:00:00Z')).start).toBe(at('2025-02-15T00:00:00Z'));
  });

  it('slices { ms } windows from the epoch and never resets total', () => {
    expect(windowBounds({ ms: 600_000 }, 1_234_567)).toEqual({ start: 1_200_000, end: 1_800_000 });
    expect(windowBounds('total', 42)).toEqual({ start: 0, end: Number.POSITIVE_INFINITY });
  });
});

describe('describeWindow and windowKey', () => {
  it('reads well in messages', () => {
    expect(describeWindow('day')).toBe('per day (UTC)');
    expect(describeWindow({ ms: 600_000 })).toBe('per 10 min');
    expect(describeWindow({ ms: 7_200_000 })).toBe('per 2 h');
    expect(describeWindow('total')).toBe('in total');
    expect(windowKey({ ms: 5_000 })).toBe('5000ms');
    expect(windowKey('month')).toBe('month');
  });
});

describe('timeWindowSchema', () => {
  it('says which windows exist', () => {
    expect(timeWindowSchema.safeParse('week').error?.issues[0]?.message).toBe('window must be "hour", "day", "month", "total" or { ms: <milliseconds> }');
    expect(timeWindowSchema.safeParse({ ms: 10 }).success).toBe(false);
    expect(timeWindowSchema.safeParse({ ms: 60_000 }).success).toBe(true);
  });
});
