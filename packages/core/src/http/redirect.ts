import type { Exchange } from './exchange.js';

// Loaded by the transport on the first redirect it follows (a redirect status with a Location):
// most processes never follow one (issue 9: core under 25 kB). It imports nothing at run time, so
// nothing it uses leaves the entry for a shared chunk; the transport checks the status and throws
// the error for a location it cannot follow.

/** Headers that authenticate the caller; like fetch, a redirect to another origin does not carry them. */
const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The exchange the redirect `status` (301, 302, 303, 307 or 308) to `location` asks for, or undefined
 * when `location` is not an http(s) URL. 303 (and 301/302 after a POST, as browsers do) becomes a
 * GET without a body; 307/308 keep method and body. When the origin changes, authentication headers
 * are dropped (the caller drops its scoped credential too).
 */
export function nextRedirect(status: number, location: string, current: Exchange): Exchange | undefined {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
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
