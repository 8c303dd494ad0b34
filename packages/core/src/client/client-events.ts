import type { BudgetEvent } from '../billing/budget-guard.js';
import type { ErrorKind } from '../errors/error-kind.js';
import type { Operation } from '../policy/timeout-policy.js';
import type { AttemptOutcome } from './trace-types.js';

/** Fields every call event carries. `callId` groups the events of one call (a per-client counter). */
interface CallEventBase {
  callId: number;
  /** Epoch milliseconds. */
  at: number;
}

/** Where an attempt went: the candidate key (`'hf/together'` for a route) and that provider's model id. */
export interface CandidateRef {
  provider: string;
  model: string;
}

/** Why a candidate was left out of a call. */
export type SkipCause = 'breaker' | 'budget' | 'quota' | 'routes';

/**
 * Everything `onEvent` receives: enough to answer "why did auto pick that?". Listeners run
 * synchronously; an exception thrown by one is swallowed so it cannot break the call. No event
 * carries a credential, a prompt or generated text.
 */
export type ClientEvent =
  | (CallEventBase & {
      type: 'call-start';
      operation: Operation;
      /** The model the caller asked for (an alias or a provider model id). */
      model: string;
      selection: 'auto' | 'pinned' | 'ordered';
      strategy: string;
      /** The candidates in the order they will be tried, with the strategy's score when it has one. */
      candidates: Array<CandidateRef & { score?: number }>;
    })
  | (CallEventBase & CandidateRef & { type: 'candidate-skipped'; cause: SkipCause; reason: string })
  | (CallEventBase & CandidateRef & { type: 'attempt-start'; attempt: number; hedge: boolean })
  | (CallEventBase &
      CandidateRef & {
        type: 'attempt-end';
        attempt: number;
        outcome: AttemptOutcome;
        errorKind?: ErrorKind;
        status?: number;
        durationMs: number;
        timeToFirstTokenMs?: number;
      })
  | (CallEventBase &
      CandidateRef & {
        type: 'retry-scheduled';
        /** The attempt that failed. */
        attempt: number;
        errorKind: ErrorKind;
        delayMs: number;
        /** True when the wait is the server's `Retry-After`. */
        fromRetryAfter: boolean;
      })
  | (CallEventBase & { type: 'failover'; from: CandidateRef; to: CandidateRef; errorKind: ErrorKind })
  | (CallEventBase & CandidateRef & { type: 'hedge-start'; attempt: number; afterMs: number })
  | (CallEventBase & CandidateRef & { type: 'hedge-win'; attempt: number; loser: CandidateRef & { attempt: number } })
  | (CallEventBase & CandidateRef & { type: 'quota-wait'; waitMs: number; reason: string })
  | (CallEventBase &
      CandidateRef & {
        type: 'progress';
        attempt: number;
        stage: string;
        completed?: number;
        total?: number;
        detail?: string;
      })
  | (CallEventBase & {
      type: 'call-end';
      outcome: 'success' | 'error';
      provider?: string;
      errorKind?: ErrorKind;
      durationMs: number;
      attempts: number;
    })
  | { type: 'breaker-open'; at: number; provider: string; model: string; until: number; reason: string }
  | { type: 'breaker-close'; at: number; provider: string; model: string }
  /** A budget crossed its warning fraction or was used up (once per window); see `BudgetEvent`. */
  | BudgetEvent;

/** Receives {@link ClientEvent}s. */
export type ClientEventListener = (event: ClientEvent) => void;

/** Removes keys from each member of a union separately. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A call event before the client stamps it with `callId` and `at`. */
export type CallEventBody = DistributiveOmit<Exclude<ClientEvent, { type: 'breaker-open' | 'breaker-close' | 'budget-warning' | 'budget-exhausted' }>, 'callId' | 'at'>;
