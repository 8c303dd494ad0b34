import { describeRequest } from '../errors/describe-request.js';
import { headerValue, type ResponseHeaders } from '../errors/parse-retry-after.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Exchange } from './exchange.js';
import type { FailureContext } from './transport-errors.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that authenticate the caller; like fetch, a redirect to another origin does not carry them. */
const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The exchange a redirect asks for, or undefined when the response is not a redirect. 303 (and
 * 301/302 after a POST, as browsers do) becomes a GET without a body; 307/308 keep method and
 * body. When the origin changes, authentication headers are dropped (the caller drops its scoped
 * credential too).
 */
export function nextRedirect(status: number, headers: ResponseHeaders, current: Exchange, context: FailureContext): Exchange | undefined {
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = headerValue(headers, 'location');
  if (!location) return undefined;
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SwitchyardError('invalid-response', `${describeRequest(current.method, current.url)} was redirected (${status}) to an invalid or non-HTTP location.`, {
      status,
      provider: context.provider,
      model: context.model,
      retryable: false,
    });
  }
  const toGet = (status === 303 && current.method !== 'HEAD') || ((status === 301 || status === 302) && current.method === 'POST');
  let nextHeaders = current.headers;
  if (toGet || url.origin !== current.url.origin) {
    nextHeaders = { ...current.headers };
    if (toGet) {
      delete nextHeaders['content-type'];
      delete nextHeaders['content-length'];
    }
    if (url.origin !== current.url.origin) for (const name of SENSITIVE_HEADERS) delete nextHeaders[name];
  }
  return { url, method: toGet ? 'GET' : current.method, headers: nextHeaders, body: toGet ? undefined : current.body };
}
