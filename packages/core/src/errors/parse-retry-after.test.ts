import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfter } from './parse-retry-after.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads retry-after as delta-seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '7' }, NOW)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': '0' }, NOW)).toBe(0);
    expect(parseRetryAfter({ 'retry-after': ' 1.5 ' }, NOW)).toBe(1500);
  });

  it('reads retry-after as an HTTP date, measured from now and never negative', () => {
    expect(parseRetryAfter({ 'retry-after': 'Sat, 01 Mar 2025 12:00:30 GMT' }, NOW)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Sat, 01 Mar 2025 11:59:00 GMT' }, NOW)).toBe(0);
  });

  it('prefers retry-after-ms, the precise header OpenAI and Azure send next to retry-after', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '1' }, NOW)).toBe(250);
    expect(parseRetryAfter({ 'retry-after-ms': '12.6' }, NOW)).toBe(13);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(parseRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': '2' }, NOW)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after-ms': '-5', 'retry-after': '2' }, NOW)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after-ms': '', 'retry-after': '3' }, NOW)).toBe(3000);
  });

  it('returns undefined for absent or unreadable values', () => {
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'later please' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-3' }, NOW)).toBeUndefined();
  });

  it('uses the first of repeated headers', () => {
    expect(parseRetryAfter({ 'retry-after': ['4', '9'] }, NOW)).toBe(4000);
    expect(headerValue({ a: ['x', 'y'] }, 'a')).toBe('x');
    expect(headerValue({}, 'a')).toBeUndefined();
  });
});
