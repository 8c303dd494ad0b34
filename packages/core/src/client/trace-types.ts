import type { Cost } from '../billing/cost.js';
import type { ErrorKind, NetworkPhase, TimeoutPhase } from '../errors/error-kind.js';
import type { Usage } from '../spec/usage.js';

/** What became of one attempt. */
export type AttemptOutcome = 'success' | 'error' | 'skipped' | 'aborted';

/** One attempt of a call: enough to answer "what happened and why". */
export interface AttemptTrace {
  /** 1-based, across the whole call (retries, failovers and hedges count); 0 for a skipped candidate (nothing was sent). */
  attempt: number;
  provider: string;
  model: string;
  outcome: AttemptOutcome;
  /** Set when the outcome is `error` (or `skipped`, with the reason). */
  errorKind?: ErrorKind;
  /** A short, credential-free reason for errors and skips. */
  reason?: string;
  status?: number;
  /** Epoch milliseconds when the attempt started. */
  startedAt: number;
  durationMs: number;
  /** Time to first content event, for streams (and to first byte of the answer otherwise). */
  timeToFirstTokenMs?: number;
  usage?: Usage;
  /** True when this attempt was a hedge started alongside another. */
  hedge?: boolean;
  /** For `timeout` errors: which deadline fired. */
  timeoutPhase?: TimeoutPhase;
  /** For `network` errors: whether the request had been sent. */
  networkPhase?: NetworkPhase;
  /** The server's request id, when it sent one. */
  requestId?: string;
  /** What this attempt cost, when it was metered (failed attempts too). */
  cost?: Cost;
}

/** Every attempt of a call, in start order. */
export type Trace = AttemptTrace[];
