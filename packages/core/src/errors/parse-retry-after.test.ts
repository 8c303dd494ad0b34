import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerValue, looksLikeResponseHeaders, parseRetryAfter, responseHeadersSchema } from './parse-retry-after.js';
import { requestIdFromHeaders } from './request-id.js';

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

describe('looksLikeResponseHeaders', () => {
  it('accepts nothing responseHeadersSchema rejects', () => {
    const headerValues = fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined), fc.anything());
    const headers = fc.oneof(
      fc.dictionary(fc.string(), headerValues),
      fc.dictionary(fc.string(), headerValues).map((entries) => Object.assign(Object.create(null) as object, entries)),
      fc.dictionary(fc.string(), fc.string()).map((entries) => ({ ...entries, [Symbol('key')]: 'value' })),
      fc.dictionary(fc.string(), fc.string()).map((entries) => Object.assign(new (class Headers {})(), entries)),
      fc.anything(),
    );
    fc.assert(
      fc.property(headers, (value) => {
        if (looksLikeResponseHeaders(value)) expect(responseHeadersSchema().safeParse(value).success).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts headers in the form undici returns them, so reading a request id skips zod', () => {
    expect(looksLikeResponseHeaders({ 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-request-id': 'req-1' })).toBe(true);
    expect(looksLikeResponseHeaders(Object.assign(Object.create(null) as object, { 'x-request-id': 'req-1' }))).toBe(true);
  });

  it('sends what it does not accept to the schema, whose message is unchanged', () => {
    expect(looksLikeResponseHeaders({ 'x-request-id': 5 })).toBe(false);
    expect(() => requestIdFromHeaders({ 'x-request-id': 5 } as never)).toThrow(
      'Invalid requestIdFromHeaders() headers: x-request-id: header values must be strings or arrays of strings.',
    );
    expect(() => requestIdFromHeaders({ 'set-cookie': ['a', 1] } as never)).toThrow(/requestIdFromHeaders\(\) headers: set-cookie: header values must be strings/);
    expect(() => requestIdFromHeaders(null as never)).toThrow(/requestIdFromHeaders\(\) headers: \(root\): expected response headers/);
    expect(() => requestIdFromHeaders(new Map([['x-request-id', 'a']]) as never)).toThrow(/requestIdFromHeaders\(\) headers: \(root\): expected response headers/);
  });
});
