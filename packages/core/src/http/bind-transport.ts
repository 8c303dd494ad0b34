import { isRecord, validateFast } from '../spec/fast-validate.js';
import { transportSchemas } from '../spec/load-schemas.js';
import { isAbortSignal, isTimeouts } from './check-request-options.js';
import { mergeTimeouts } from './merge-timeouts.js';
import type { HttpRequestOptions, HttpTransport, TransportTimeouts } from './types.js';

/** Defaults {@link bindTransport} applies to every request of the bound transport. */
export interface BoundTransportDefaults {
  /** Combined with each request's own signal: either one aborts the request. */
  signal?: AbortSignal;
  /** Deadlines for every request; a request's own values win. */
  timeouts?: Partial<TransportTimeouts>;
  /** Provider id and model, for error context, unless a request names its own. */
  provider?: string;
  model?: string;
}

const DEFAULT_NAMES: ReadonlySet<string> = new Set(['signal', 'timeouts', 'provider', 'model']);

/**
 * Defaults the schema (schemas/transport-schemas.ts) accepts unchanged (no unknown key for it to
 * strip); the rest go to zod.
 */
function looksLikeDefaults(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const name in value) if (!DEFAULT_NAMES.has(name)) return false;
  const { signal, timeouts, provider, model } = value;
  return (
    (signal === undefined || isAbortSignal(signal)) &&
    (timeouts === undefined || isTimeouts(timeouts)) &&
    (provider === undefined || typeof provider === 'string') &&
    (model === undefined || typeof model === 'string')
  );
}

/**
 * A view of `http` with defaults merged into every request: what `CallContext.http` is, so a
 * provider's requests carry the attempt's signal, deadlines, provider id and model without
 * passing them. `close()` of the view does nothing: the underlying transport belongs to its creator.
 */
export function bindTransport(http: HttpTransport, defaults: BoundTransportDefaults): HttpTransport {
  const bound = validateFast(defaults, looksLikeDefaults, () => transportSchemas().boundDefaults, 'bindTransport() defaults') as BoundTransportDefaults;
  return {
    request(options: HttpRequestOptions) {
      // Object.assign, not spread: see mergeTimeouts on what spread costs in Node 20.
      const merged: HttpRequestOptions = Object.assign({}, options);
      merged.signal = bound.signal && options.signal && options.signal !== bound.signal ? AbortSignal.any([bound.signal, options.signal]) : (options.signal ?? bound.signal);
      merged.timeouts = bound.timeouts ? mergeTimeouts(bound.timeouts, options.timeouts) : options.timeouts;
      merged.provider = options.provider ?? bound.provider;
      merged.model = options.model ?? bound.model;
      return http.request(merged);
    },
    async close() {},
  };
}
