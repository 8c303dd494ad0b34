import { createRequire } from 'node:module';
import type * as UndiciModule from 'undici';
import type { Dispatcher } from 'undici';

/** `Dispatcher.prototype.request` in its callback form, called with the dispatcher as `this`. */
export type RequestWithCallback = (this: Dispatcher, options: Dispatcher.RequestOptions, callback: (error: Error | null, data: Dispatcher.ResponseData) => void) => void;

/** The parts of undici the transport uses. */
export interface Undici {
  /** The keep-alive pool a transport owns when it is given no dispatcher and no proxy. */
  Agent: typeof UndiciModule.Agent;
  /** undici's request API, for any dispatcher (an Agent, a proxy agent, a caller's MockAgent). */
  request: RequestWithCallback;
  /** `'deep'` when only the agent and request modules were loaded, `'index'` for the whole package. */
  source: 'deep' | 'index';
}

// Module paths inside undici 7 (it has no `exports` map, so deep paths resolve).
const AGENT_PATH = 'undici/lib/dispatcher/agent.js';
const REQUEST_PATH = 'undici/lib/api/api-request.js';

let loaded: Undici | undefined;
let loading: Promise<Undici> | undefined;
let whole: Promise<typeof UndiciModule> | undefined;

/**
 * The undici parts a request needs, on first use: not at import, because a CLI that never makes a
 * request (or a test that only builds requests) should not pay for them. Only the Agent and the
 * request API are loaded, by their paths inside undici: undici's index loads every dispatcher,
 * interceptor, the mock agent and the cache stores, 125–180 ms in a fresh Node 20 process against
 * about 45–65 ms for these two modules (`await import('undici')` vs the two `require`s). When the
 * layout differs (another undici version), the whole package is imported instead, as before.
 * Later calls return the cached parts.
 */
export function loadUndici(): Promise<Undici> | Undici {
  if (loaded) return loaded;
  const deep = loadDeep();
  if (deep) return (loaded = deep);
  loading ??= loadWhole().then((module) => (loaded = { Agent: module.Agent, request: module.Dispatcher.prototype.request as unknown as RequestWithCallback, source: 'index' }));
  return loading;
}

/**
 * undici's `EnvHttpProxyAgent`, from the whole package: its proxy agents tunnel with
 * `Dispatcher.prototype.connect`, which only undici's index installs. Loaded only by a transport
 * that proxies.
 */
export async function loadEnvHttpProxyAgent(): Promise<typeof UndiciModule.EnvHttpProxyAgent> {
  return (await loadWhole()).EnvHttpProxyAgent;
}

function loadWhole(): Promise<typeof UndiciModule> {
  whole ??= import('undici');
  return whole;
}

function loadDeep(): Undici | undefined {
  try {
    const requireHere = createRequire(import.meta.url);
    const Agent = requireHere(AGENT_PATH) as unknown;
    const request = requireHere(REQUEST_PATH) as unknown;
    if (typeof Agent !== 'function' || typeof (Agent as { prototype?: { dispatch?: unknown } }).prototype?.dispatch !== 'function' || typeof request !== 'function') return undefined;
    return { Agent: Agent as typeof UndiciModule.Agent, request: request as RequestWithCallback, source: 'deep' };
  } catch {
    return undefined;
  }
}
