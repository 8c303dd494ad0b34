import type { HttpTransport } from '../http/types.js';
import type { ProviderRoute } from './provider.js';
import type { Task } from './tasks.js';

/** Deadlines for one attempt, in milliseconds. */
export interface ResolvedTimeouts {
  connectMs: number;
  headersMs: number;
  /** From the start of the attempt until the first content event (or the answer, unstreamed). */
  firstTokenMs: number;
  /** The longest gap between two stream events; keep-alive comments do not count as progress. */
  idleMs: number;
  /** The whole attempt. */
  totalMs: number;
}

/** Progress a provider reports while it works (model pulls, queued jobs, downloads). */
export interface ProviderProgressEvent {
  type: 'progress';
  /** What is happening: `'pulling'`, `'queued'`, `'in-progress'`, `'downloading'`… */
  stage: string;
  completed?: number;
  total?: number;
  detail?: string;
}

/**
 * Everything a provider may use for one attempt, and nothing global. `http` is already bound to
 * this attempt's signal, timeouts, provider and model: a provider just calls `ctx.http.request`.
 * A provider never retries, sleeps between attempts, fails over or reads environment variables.
 */
export interface CallContext {
  readonly http: HttpTransport;
  /** Aborts when the caller aborts or any deadline of this attempt passes. */
  readonly signal: AbortSignal;
  readonly timeouts: ResolvedTimeouts;
  /** Epoch milliseconds at which this attempt's total deadline passes (for bounded polling). */
  readonly deadline: number;
  /** 1-based attempt number across the call. */
  readonly attempt: number;
  readonly task: Task;
  /** The provider's own model id for this attempt (aliases already resolved). */
  readonly model: string;
  /** Whether sending the request twice is harmless. */
  readonly idempotent: boolean;
  /** For multi-route providers: the route the router chose for this attempt. */
  readonly route?: ProviderRoute;
  /** Reports progress to the caller's `onEvent`. */
  emit(event: ProviderProgressEvent): void;
}
