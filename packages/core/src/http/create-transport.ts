import type { Dispatcher } from 'undici';
import { describeRequest } from '../errors/describe-request.js';
import { errorFromStatus } from '../errors/error-from-status.js';
import { headerValue } from '../errors/parse-retry-after.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { checkRequestOptions, isTimeouts } from './check-request-options.js';
import { isRecord, validateFast } from '../spec/fast-validate.js';
import { sendExchange, trackingDispatcher, type Exchange } from './exchange.js';
import { TransportResponse } from './http-response.js';
import { loadEnvHttpProxyAgent, loadUndici, type Undici } from './load-undici.js';
import { mergeTimeouts } from './merge-timeouts.js';
import { readErrorBody } from './read-error-body.js';
import { RequestLifecycle } from './request-lifecycle.js';
import { attachCredential, attachCredentialNow, canRefresh, type AttachedCredential } from './scope-credential.js';
import { transportOptionsSchema } from './transport-schemas.js';
import type { HttpRequestOptions, HttpResponse, HttpTransport, ScopedCredential, TransportTimeouts } from './types.js';

/** Options of {@link createTransport}. */
export interface CreateTransportOptions {
  /**
   * An undici dispatcher to send through (a `MockAgent`, a `ProxyAgent`, an `Agent` with custom
   * TLS). The caller owns it: `close()` leaves it open. Default: a keep-alive `Agent` owned by
   * this transport.
   */
  dispatcher?: Dispatcher;
  /** Default deadlines; each request may override them. See {@link DEFAULT_TRANSPORT_TIMEOUTS}. */
  timeouts?: Partial<TransportTimeouts>;
  /**
   * `'env'`: route through `HTTP_PROXY` / `HTTPS_PROXY`, except hosts in `NO_PROXY` (undici's
   * `EnvHttpProxyAgent`). `false`: connect directly. Default: `'env'` when one of those proxy
   * variables is set when the transport is created.
   */
  proxy?: 'env' | false;
  /** `user-agent` sent unless a request sets its own. Default `switchyard`. */
  userAgent?: string;
}

/** Deadlines used when neither the transport nor the request sets one. */
export const DEFAULT_TRANSPORT_TIMEOUTS: Readonly<TransportTimeouts> = Object.freeze({
  connectMs: 10_000,
  headersMs: 60_000,
  idleMs: 60_000,
  totalMs: 600_000,
});

const OPTION_NAMES: ReadonlySet<string> = new Set(['dispatcher', 'timeouts', 'proxy', 'userAgent']);

/** Options `transportOptionsSchema` accepts unchanged (no unknown key to strip); the rest go to zod. */
function looksLikeTransportOptions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const name in value) if (!OPTION_NAMES.has(name)) return false;
  const { dispatcher, timeouts, proxy, userAgent } = value;
  return (
    (dispatcher === undefined || (typeof dispatcher === 'object' && dispatcher !== null && typeof (dispatcher as Dispatcher).dispatch === 'function')) &&
    (timeouts === undefined || isTimeouts(timeouts)) &&
    (proxy === undefined || proxy === 'env' || proxy === false) &&
    (userAgent === undefined || (typeof userAgent === 'string' && userAgent.length > 0))
  );
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Following a redirect is its own chunk, imported by the first redirect (see redirect.ts).
let redirectModule: Promise<typeof import('./redirect.js')> | undefined;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The one HTTP path every provider uses, on undici: a keep-alive connection pool, connect /
 * headers / idle / total deadlines that each report their own `timeoutPhase`, the caller's
 * `AbortSignal`, credentials attached only to their scoped origins, redirects followed by hand
 * (credentials dropped when the origin changes), a 401 answered by refreshing a credential source
 * once, and every failure, including any non-2xx status, as a typed `SwitchyardError`.
 *
 * @example
 * const http = createTransport({ timeouts: { headersMs: 30_000 } });
 * const credential = scopeCredential(process.env.OPENAI_API_KEY!, { origins: ['https://api.openai.com'] });
 * const response = await http.request({ method: 'POST', url: 'https://api.openai.com/v1/chat/completions', json: body, credential });
 * for await (const message of response.sse()) console.log(message.data);
 */
export function createTransport(options: CreateTransportOptions = {}): HttpTransport {
  const settings = validateFast(options, looksLikeTransportOptions, transportOptionsSchema, 'createTransport() options') as CreateTransportOptions;
  const timeouts = mergeTimeouts(DEFAULT_TRANSPORT_TIMEOUTS, settings.timeouts);
  const userAgent = settings.userAgent ?? 'switchyard';
  const proxyEnvironment = readProxyEnvironment();
  const useProxy = settings.proxy ?? (proxyEnvironment.httpProxy || proxyEnvironment.httpsProxy ? 'env' : false);
  const injected = settings.dispatcher;
  let owned: Dispatcher | undefined;
  let tracking: Dispatcher | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  const dispatcherFor = async (undici: Undici): Promise<Dispatcher> => {
    if (tracking) return tracking;
    if (!injected) {
      const agentOptions = { connect: { timeout: timeouts.connectMs === Infinity ? 0 : timeouts.connectMs } };
      if (useProxy === 'env') {
        const EnvHttpProxyAgent = await loadEnvHttpProxyAgent();
        // Another request may have created it while this one waited for the module.
        if (tracking) return tracking;
        owned = new EnvHttpProxyAgent({ ...agentOptions, ...proxyEnvironment });
      } else {
        owned = new undici.Agent(agentOptions);
      }
    }
    tracking = trackingDispatcher(injected ?? owned!);
    return tracking;
  };

  const request = async (requestOptions: HttpRequestOptions): Promise<HttpResponse> => {
    const input = checkRequestOptions(requestOptions);
    if (closed) throw new SwitchyardError('invalid-request', 'This transport was closed: create a new one to send more requests.', { retryable: false });
    const url = parseRequestUrl(input.url);
    const method = input.method ?? (input.json !== undefined || input.body !== undefined ? 'POST' : 'GET');
    const lifecycle = new RequestLifecycle({
      method,
      url,
      timeouts: mergeTimeouts(timeouts, input.timeouts),
      signal: input.signal,
      provider: input.provider,
      model: input.model,
      // Through a proxy the agent's connect timeout covers the proxy, not the tunnel to the server.
      dispatcherConnectMs: injected || useProxy === 'env' ? undefined : timeouts.connectMs,
    });
    try {
      // Awaited only while undici is still loading: an `await` of the loaded parts would be one more
      // microtask hop before every request is created (bench `first-delta`).
      const loading = loadUndici();
      const undici = loading instanceof Promise ? await loading : loading;
      const exchange: Exchange = { url, method, headers: requestHeaders(input.headers, userAgent), body: serializeBody(input.json, input.body) };
      if (input.json !== undefined && exchange.headers['content-type'] === undefined) exchange.headers['content-type'] = 'application/json';
      let credential: ScopedCredential | undefined = input.credential;
      let refreshed = false;
      let redirects = 0;
      for (;;) {
        let headers = exchange.headers;
        if (credential) {
          const attached = attachCredentialNow(credential, exchange.url) ?? (await lifecycle.race(attachCredential(credential, exchange.url)));
          headers = withCredential(exchange.headers, attached, lifecycle);
        }
        const response = await sendExchange(undici, tracking ?? (await dispatcherFor(undici)), { url: exchange.url, method: exchange.method, headers, body: exchange.body }, lifecycle);
        const { statusCode } = response;
        if (statusCode >= 200 && statusCode < 300) {
          return new TransportResponse(statusCode, response.headers, response.body, lifecycle, input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        }
        const location = REDIRECT_STATUSES.has(statusCode) ? headerValue(response.headers, 'location') : undefined;
        if (location) {
          const { nextRedirect } = await (redirectModule ??= import('./redirect.js'));
          const redirect = nextRedirect(statusCode, location, exchange);
          if (!redirect) {
            throw new SwitchyardError('invalid-response', `${describeRequest(exchange.method, exchange.url)} was redirected (${statusCode}) to an invalid or non-HTTP location.`, {
              status: statusCode,
              provider: input.provider,
              model: input.model,
              retryable: false,
            });
          }
          redirects += 1;
          if (redirects > (input.maxRedirects ?? DEFAULT_MAX_REDIRECTS)) {
            throw new SwitchyardError('invalid-response', `${method} ${url.origin}${url.pathname} was redirected more than ${input.maxRedirects ?? DEFAULT_MAX_REDIRECTS} times; stopped at ${redirect.url.origin}${redirect.url.pathname}.`, {
              status: statusCode,
              provider: input.provider,
              model: input.model,
              retryable: false,
            });
          }
          await response.body.dump().catch(() => undefined);
          if (redirect.url.origin !== exchange.url.origin) credential = undefined;
          exchange.url = redirect.url;
          exchange.method = redirect.method;
          exchange.headers = redirect.headers;
          exchange.body = redirect.body;
          continue;
        }
        if (statusCode === 401 && credential && !refreshed && canRefresh(credential)) {
          // The source may hold an expired token: ask it for a fresh one, once.
          refreshed = true;
          await response.body.dump().catch(() => undefined);
          credential.value.invalidate();
          continue;
        }
        const body = await readErrorBody(response.body, statusCode, response.headers, input.parseErrorBody);
        throw errorFromStatus({
          method: exchange.method,
          url: exchange.url,
          status: statusCode,
          statusText: response.statusText,
          headers: response.headers,
          body,
          provider: input.provider,
          model: input.model,
          secrets: lifecycle.secrets,
        });
      }
    } catch (error) {
      lifecycle.finish();
      throw lifecycle.toError(error);
    }
  };

  return {
    request,
    close() {
      closed = true;
      closing ??= owned ? owned.close() : Promise.resolve();
      return closing;
    },
  };
}

function withCredential(headers: Record<string, string>, attached: AttachedCredential, lifecycle: RequestLifecycle): Record<string, string> {
  if (!lifecycle.secrets.includes(attached.secret)) lifecycle.secrets.push(attached.secret);
  const withValue: Record<string, string> = {};
  for (const name in headers) withValue[name] = headers[name]!;
  withValue[attached.header] = attached.headerValue;
  return withValue;
}

function requestHeaders(headers: Record<string, string> | undefined, userAgent: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const name in headers) out[name.toLowerCase()] = headers[name]!;
  out['user-agent'] ??= userAgent;
  return out;
}

function serializeBody(json: unknown, body: string | Uint8Array | undefined): string | Uint8Array | undefined {
  if (json === undefined) return body;
  try {
    return JSON.stringify(json);
  } catch (error) {
    throw new SwitchyardError('invalid-request', `The request's json value cannot be serialised: ${(error as Error).message}.`, { retryable: false, cause: error });
  }
}

// A provider sends every request of a task to the same few URLs: each is parsed once. `new URL` was
// 16 µs of the 150 µs before undici creates a streamed request in the bench's rounds, where the
// process has sat idle while other clients ran (2026-11-29, undici diagnostics marks). The URL
// objects never leave the transport (responses and errors expose strings), so sharing them is safe.
// A URL with an `@` in it (a user name or password, perhaps) is not kept, so that such a secret is
// not held past its request.
const parsedUrls = new Map<string, URL>();
const MAX_PARSED_URLS = 256;

function parseRequestUrl(value: string): URL {
  let url = parsedUrls.get(value);
  if (url === undefined) {
    url = parseNewUrl(value);
    if (parsedUrls.size >= MAX_PARSED_URLS) parsedUrls.clear();
    if (!value.includes('@')) parsedUrls.set(value, url);
  }
  return url;
}

function parseNewUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SwitchyardError('invalid-request', 'Invalid request url: expected an absolute http:// or https:// URL.', { retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SwitchyardError('invalid-request', `Invalid request url: ${url.protocol} is not supported, use http:// or https://.`, { retryable: false });
  }
  return url;
}

/**
 * The proxy variables as they are when the transport is created (the agent itself is built on the
 * first request), lower-case names first as curl and undici read them.
 */
function readProxyEnvironment(): { httpProxy?: string; httpsProxy?: string; noProxy?: string } {
  const env = process.env;
  const pick = (lower: string, upper: string) => env[lower] || env[upper] || undefined;
  const found: { httpProxy?: string; httpsProxy?: string; noProxy?: string } = {};
  const httpProxy = pick('http_proxy', 'HTTP_PROXY');
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY');
  const noProxy = pick('no_proxy', 'NO_PROXY');
  if (httpProxy) found.httpProxy = httpProxy;
  if (httpsProxy) found.httpsProxy = httpsProxy;
  if (noProxy) found.noProxy = noProxy;
  return found;
}
