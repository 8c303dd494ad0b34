import type { TimeoutPhase } from '../errors/error-kind.js';
import { describeRequest } from '../errors/describe-request.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { isSwitchyardError, SwitchyardError } from '../errors/switchyard-error.js';

/** What the transport knows about a request when something goes wrong with it. */
export interface FailureContext {
  readonly method: string;
  readonly url: URL;
  /** True once undici handed the request to a connected socket (it may have been processed). */
  readonly sent: boolean;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  /** Credential values to scrub from every message. */
  readonly secrets: readonly string[];
}

const TIMEOUT_DETAIL: Record<Exclude<TimeoutPhase, 'first-token'>, string> = {
  connect: 'no connection within {ms} ms (connect timeout). Check the host and port, and any proxy or firewall in between',
  headers: 'no response headers within {ms} ms (headers timeout)',
  idle: 'the response stalled with no data for {ms} ms (idle timeout)',
  total: 'the request took longer than {ms} ms in all (total timeout)',
};

/** A `timeout` error for one of the transport's deadlines. */
export function timeoutError(phase: keyof typeof TIMEOUT_DETAIL, ms: number, context: FailureContext): SwitchyardError {
  return new SwitchyardError('timeout', `${describeRequest(context.method, context.url)} timed out: ${TIMEOUT_DETAIL[phase].replace('{ms}', String(ms))}.`, {
    timeoutPhase: phase,
    provider: context.provider,
    model: context.model,
  });
}

/**
 * The error for a caller's abort. A `SwitchyardError` given as the abort reason (the client aborts
 * an attempt with its own `first-token` timeout, for example) is passed through unchanged.
 */
export function abortedError(reason: unknown, context: FailureContext): SwitchyardError {
  if (isSwitchyardError(reason)) return reason;
  return new SwitchyardError('aborted', `${describeRequest(context.method, context.url)} was aborted by the caller.`, {
    provider: context.provider,
    model: context.model,
    retryable: false,
    cause: reason,
  });
}

/** Codes of failures that happen before a request can reach the server, whatever `sent` says. */
const PRE_SEND_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused: is the server running and listening on that port?',
  ENOTFOUND: 'the host name could not be resolved (DNS): check the URL',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available from this machine',
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;

/**
 * Maps anything undici or the socket threw into a typed error: undici's own timeouts to their
 * phase, refused / DNS / TLS failures to `network` before sending, a reset or close after the
 * request was written to `network` after sending, a malformed HTTP response to `invalid-response`.
 */
export function errorFromNetworkFailure(error: unknown, context: FailureContext, timeouts: { connectMs: number; headersMs: number; idleMs: number }): SwitchyardError {
  if (isSwitchyardError(error)) return error;
  const code = errorCode(error);
  const request = describeRequest(context.method, context.url);
  const base = { provider: context.provider, model: context.model, cause: error };
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return timeoutError('connect', timeouts.connectMs, context);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return timeoutError('headers', timeouts.headersMs, context);
    case 'UND_ERR_BODY_TIMEOUT':
      return timeoutError('idle', timeouts.idleMs, context);
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return abortedError(error, context);
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return new SwitchyardError('aborted', `${request} was not completed: the transport was closed.`, { ...base, retryable: false });
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_ARG_TYPE':
    case 'ERR_INVALID_CHAR':
    case 'ERR_INVALID_HTTP_TOKEN':
      return new SwitchyardError('invalid-request', scrub(`${request} could not be sent: ${messageOf(error)}.`, context), { ...base, retryable: false });
  }
  if (code?.startsWith('HPE_')) {
    return new SwitchyardError('invalid-response', `${request} failed: the server sent a malformed HTTP response (${code}).`, { ...base, retryable: true });
  }
  const preSend = code !== undefined ? PRE_SEND_CODES[code] : undefined;
  if (preSend) return new SwitchyardError('network', `${request} failed: ${preSend} (${code}).`, { ...base, networkPhase: 'pre-send' });
  if (code !== undefined && TLS_CODE.test(code)) {
    return new SwitchyardError('network', scrub(`${request} failed: the TLS handshake failed (${code}): ${messageOf(error)}.`, context), {
      ...base,
      networkPhase: 'pre-send',
      retryable: false,
    });
  }
  const what = context.sent
    ? 'the connection was closed or reset after the request was sent, so the server may have processed it'
    : 'the connection failed before the request was sent';
  return new SwitchyardError('network', scrub(`${request} failed: ${what} (${code ?? messageOf(error)}).`, context), {
    ...base,
    networkPhase: context.sent ? 'post-send' : 'pre-send',
  });
}

function scrub(message: string, context: FailureContext): string {
  return redactSecrets(message, context.secrets);
}

/** Node puts the code on the error, happy-eyeballs on each of an AggregateError's errors, undici sometimes on the cause. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; errors?: unknown; cause?: unknown; name?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) return errorCode(record.errors[0]);
  if (record.name === 'AbortError') return 'ABORT_ERR';
  return record.cause === undefined ? undefined : errorCode(record.cause);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
