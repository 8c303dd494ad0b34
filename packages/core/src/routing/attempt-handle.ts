import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { Candidate } from './candidates.js';

/** One attempt the router started, as the router sees it. */
export interface AttemptHandle<T> {
  readonly candidate: Candidate;
  /** 1-based across the call. */
  readonly attempt: number;
  readonly hedge: boolean;
  /**
   * Resolves when the attempt has its answer (unstreamed) or its first content event (streamed);
   * rejects with the attempt's error, already traced and metered.
   */
  readonly won: Promise<T>;
  /**
   * Stops an attempt the call no longer needs (it lost a hedge race): aborts it while it runs —
   * its socket is closed — or closes the answer it already had.
   */
  abandon(reason: SwitchyardError): void;
}

/** Whether a candidate may take an attempt now. */
export type Admission<Ticket> =
  | { admitted: true; ticket: Ticket }
  | {
      admitted: false;
      cause: 'breaker' | 'budget' | 'quota' | 'routes';
      reason: string;
      /** The error the call ends with when no other candidate is left. */
      error: SwitchyardError;
      /**
       * For a client-side quota: how long until the candidate has room again. A pinned call waits
       * that long (within its deadline) instead of skipping.
       */
      waitMs?: number;
    };
