import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '../spec/lazy-schema.js';

/**
 * A period that budgets and quotas count within. Named windows follow the UTC calendar (`'day'` runs
 * from 00:00 UTC, `'month'` from the 1st); `{ ms }` windows are fixed slices of that length counted
 * from the Unix epoch; `'total'` never resets.
 */
export type TimeWindow = 'hour' | 'day' | 'month' | 'total' | { ms: number };

/** Validates a {@link TimeWindow}. */
export const timeWindowSchema: z.ZodType<TimeWindow> = schemaOnFirstUse(
  lazySchema((z) =>
    z.union(
      [
        z.enum(['hour', 'day', 'month', 'total']),
        z.strictObject({ ms: z.number().int('window.ms must be whole milliseconds').min(1_000, 'window.ms must be at least 1000') }),
      ],
      { error: 'window must be "hour", "day", "month", "total" or { ms: <milliseconds> }' },
    ),
  ),
);

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The window containing `now`: its start (inclusive) and end (exclusive, `Infinity` for `'total'`). */
export function windowBounds(window: TimeWindow, now: number): { start: number; end: number } {
  if (typeof window === 'object') return slice(window.ms, now);
  switch (window) {
    case 'hour':
      return slice(HOUR_MS, now);
    case 'day':
      return slice(DAY_MS, now);
    case 'month': {
      const date = new Date(now);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth();
      return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
    }
    case 'total':
      return { start: 0, end: Number.POSITIVE_INFINITY };
  }
}

/** A short phrase for messages: `"per day (UTC)"`, `"per 10 min"`, `"in total"`. */
export function describeWindow(window: TimeWindow): string {
  if (typeof window === 'object') return `per ${formatDuration(window.ms)}`;
  return window === 'total' ? 'in total' : `per ${window} (UTC)`;
}

/** A stable key for a window, for store keys and config matching: `'day'`, `'600000ms'`. */
export function windowKey(window: TimeWindow): string {
  return typeof window === 'object' ? `${window.ms}ms` : window;
}

function slice(lengthMs: number, now: number): { start: number; end: number } {
  const start = Math.floor(now / lengthMs) * lengthMs;
  return { start, end: start + lengthMs };
}

function formatDuration(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
