import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorFromStatus, kindFromStatus } from './error-from-status.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';
import { requestIdFromHeaders } from './request-id.js';

const url = 'https://api.example.com/v1/chat/completions?api_key=sk-in-query-123456';

describe('kindFromStatus', () => {
  it.each([
    [400, 'invalid-request'],
    [401, 'auth'],
    [402, 'quota'],
    [403, 'permission'],
    [404, 'not-found'],
    [408, 'timeout'],
    [409, 'invalid-request'],
    [413, 'invalid-request'],
    [418, 'invalid-request'],
    [422, 'invalid-request'],
    [429, 'rate-limit'],
    [500, 'server'],
    [501, 'unsupported'],
    [502, 'server'],
    [503, 'overloaded'],
    [504, 'timeout'],
    [529, 'overloaded'],
    [599, 'server'],
    [304, 'invalid-response'],
  ] as const)('%i → %s', (status, kind) => {
    expect(kindFromStatus(status)).toBe(kind);
  });
});

describe('errorFromStatus', () => {
  it('writes a message for a person: method, origin and path (no query), status, server message', () => {
    const error = errorFromStatus({ method: 'POST', url, status: 503, statusText: 'Service Unavailable', headers: {}, body: { message: 'engine   overloaded\n try later' } });
    expect(error.message).toBe('POST https://api.example.com/v1/chat/completions failed with 503 Service Unavailable: engine overloaded try later');
    expect(error.kind).toBe('overloaded');
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
  });

  it('uses the standard reason phrase when the server sent none (HTTP/2, some proxies)', () => {
    expect(errorFromStatus({ method: 'GET', url, status: 404, statusText: '', headers: {} }).message).toBe(
      'GET https://api.example.com/v1/chat/completions failed with 404 Not Found',
    );
  });

  it('reads retry-after into retryAfterMs and the request id from the known headers', () => {
    const error = errorFromStatus({ method: 'POST', url, status: 429, headers: { 'retry-after': '3', 'x-request-id': 'req_42' } });
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(3000);
    expect(error.requestId).toBe('req_42');
  });

  it('lets x-should-retry override whether the kind is retryable', () => {
    expect(errorFromStatus({ method: 'POST', url, status: 500, headers: { 'x-should-retry': 'false' } }).retryable).toBe(false);
    expect(errorFromStatus({ method: 'POST', url, status: 409, headers: { 'x-should-retry': 'true' } }).retryable).toBe(true);
    expect(errorFromStatus({ method: 'POST', url, status: 409, headers: { 'x-should-retry': 'maybe' } }).retryable).toBe(false);
  });

  it('turns a 429 into quota when the body says the account is out of credit', () => {
    const openAi = errorFromStatus({ method: 'POST', url, status: 429, headers: {}, body: { message: 'You exceeded your current quota, please check your plan and billing details.', code: 'insufficient_quota' } });
    expect(openAi.kind).toBe('quota');
    expect(openAi.retryable).toBe(false);
    const hf = errorFromStatus({ method: 'POST', url, status: 429, headers: {}, body: { message: 'You have exceeded your monthly included credits for Inference Providers.' } });
    expect(hf.kind).toBe('quota');
    expect(errorFromStatus({ method: 'POST', url, status: 429, headers: {}, body: { message: 'Rate limit reached for requests' } }).kind).toBe('rate-limit');
  });

  it('lets the body name a more precise kind and carries its code', () => {
    const error = errorFromStatus({ method: 'POST', url, status: 400, headers: {}, body: { message: 'too long', code: 'context_length_exceeded', kind: 'context-length' } });
    expect(error.kind).toBe('context-length');
    expect(error.code).toBe('context_length_exceeded');
  });

  it('scrubs credential values a server echoed, and keeps long bodies short', () => {
    const secret = 'sk-live-abcdefghijklmnopqrstuvwxyz';
    const error = errorFromStatus({
      method: 'POST',
      url,
      status: 401,
      headers: {},
      body: { message: `Incorrect API key provided: ${secret}. ${'x'.repeat(2000)}`, code: secret },
      secrets: [secret],
    });
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(secret);
    expect(error.message).toContain('[REDACTED]');
    expect(error.message.length).toBeLessThan(700);
  });
});

describe('requestIdFromHeaders', () => {
  it('takes the most specific header present', () => {
    expect(requestIdFromHeaders({ 'cf-ray': 'ray', 'x-request-id': 'req' })).toBe('req');
    expect(requestIdFromHeaders({ 'request-id': 'anthropic' })).toBe('anthropic');
    expect(requestIdFromHeaders({ 'x-amzn-requestid': 'aws' })).toBe('aws');
    // The Hub's CloudFront id, as recorded in hf-hub-cassettes.
    expect(requestIdFromHeaders({ 'x-amz-cf-id': 'cf-id' })).toBe('cf-id');
    expect(requestIdFromHeaders({})).toBeUndefined();
  });
});

describe('input validation of the classification helpers', () => {
  it('throws invalid-request errors that say what to fix', () => {
    expect(() => kindFromStatus(42)).toThrow(/kindFromStatus\(\) status: \(root\): expected an HTTP status \(100–599\)/);
    expect(() => errorFromStatus({ method: 'GET', url, status: 500, headers: 'x-request-id: 1' as never })).toThrow(/errorFromStatus\(\) input: headers: expected response headers/);
    expect(() => requestIdFromHeaders(undefined as never)).toThrow(/requestIdFromHeaders\(\) headers: \(root\): expected response headers/);
    expect(() => parseRetryAfter({ 'retry-after': 5 as never })).toThrow(/parseRetryAfter\(\) input: headers\.retry-after: header values must be strings/);
    expect(() => redactSecrets('text', 'sk-not-an-array' as never)).toThrow(/redactSecrets\(\) input: secrets: expected the secret values as an array of strings/);
    expect(() => redactSecrets('text', 'sk-not-an-array' as never)).not.toThrow(/sk-not-an-array/);
  });
});
