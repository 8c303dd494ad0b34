import type { CallEventBody } from '../client/client-events.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { AttemptHandle } from './attempt-handle.js';
import type { CandidateState } from './route-call.js';

// Loaded by route-call.ts on the first hedged call only. It takes the router's state, its steps and
// its errors as arguments rather than importing them: a module both import would leave the entry for
// a shared chunk that the entry loads anyway, and each chunk is gzipped on its own (measured
// 2026-11-29: importing SwitchyardError here cost the entry 140 of the 280 bytes this saves).

/** What {@link raceWithHedges} needs from the router. */
export interface HedgeRouter<T> {
  /** Start another candidate when the running ones have no first token after this long. */
  hedgeDelayMs: number;
  /** Every candidate of the call, in order. */
  states: readonly CandidateState[];
  emit(event: CallEventBody): void;
  /** Admits and starts a hedge on `state`'s candidate; undefined when it was not admitted. */
  admitAndStart(state: CandidateState): AttemptHandle<T> | undefined | Promise<AttemptHandle<T> | undefined>;
  /** Records a failed attempt; throws when the call must end now. */
  onFailure(state: CandidateState, handle: AttemptHandle<T>, error: SwitchyardError): void;
  asError(error: unknown): SwitchyardError;
  /** The error an attempt that lost the race to `winner` is abandoned with. */
  lostRace(loser: AttemptHandle<T>, winner: AttemptHandle<T>): SwitchyardError;
}

type Settled<T> = { handle: AttemptHandle<T>; ok: true; value: T } | { handle: AttemptHandle<T>; ok: false; error: SwitchyardError };

/**
 * Waits for the primary attempt, and for a hedge on the next ready candidate when the primary has no
 * first token after `hedgeDelayMs`: the first to win is kept and the others abandoned. Resolves with
 * the winner, or undefined when every attempt failed and the router may go on.
 */
export async function raceWithHedges<T>(primary: AttemptHandle<T>, primaryState: CandidateState, router: HedgeRouter<T>): Promise<{ value: T; handle: AttemptHandle<T> } | undefined> {
  const running = new Map<AttemptHandle<T>, { state: CandidateState; settled: Promise<Settled<T>> }>();
  const watch = (handle: AttemptHandle<T>, state: CandidateState) =>
    running.set(handle, {
      state,
      settled: handle.won.then(
        (value) => ({ handle, ok: true as const, value }),
        (error: unknown) => ({ handle, ok: false as const, error: router.asError(error) }),
      ),
    });
  watch(primary, primaryState);

  let hedgeTimer: ReturnType<typeof setTimeout> | undefined;
  let hedgeDue: Promise<'hedge'> | undefined;
  if (hedgeTarget(router.states, running) !== undefined) {
    hedgeDue = new Promise((resolve) => (hedgeTimer = setTimeout(resolve, router.hedgeDelayMs, 'hedge' as const)));
  }
  try {
    while (running.size > 0) {
      const contenders: Array<Promise<Settled<T> | 'hedge'>> = [...running.values()].map((entry) => entry.settled);
      if (hedgeDue) contenders.push(hedgeDue);
      const next = await Promise.race(contenders);
      if (next === 'hedge') {
        hedgeDue = undefined;
        const target = hedgeTarget(router.states, running);
        const hedge = target && (await router.admitAndStart(target));
        if (target && hedge) {
          router.emit({ type: 'hedge-start', provider: target.candidate.key, model: target.candidate.model, attempt: hedge.attempt, afterMs: router.hedgeDelayMs });
          watch(hedge, target);
        }
        continue;
      }
      const { state } = running.get(next.handle) as { state: CandidateState };
      running.delete(next.handle);
      if (next.ok) {
        abandonOthers(running.keys(), next.handle, router);
        return { value: next.value, handle: next.handle };
      }
      try {
        router.onFailure(state, next.handle, next.error);
      } catch (final) {
        for (const other of running.keys()) other.abandon(router.asError(final));
        throw final;
      }
    }
    return undefined;
  } finally {
    if (hedgeTimer !== undefined) clearTimeout(hedgeTimer);
  }
}

function hedgeTarget(states: readonly CandidateState[], running: Map<unknown, { state: CandidateState }>): CandidateState | undefined {
  const busy = new Set([...running.values()].map((entry) => entry.state));
  const now = Date.now();
  return states.find((state) => !state.out && !busy.has(state) && state.readyAt <= now);
}

function abandonOthers<T>(losers: Iterable<AttemptHandle<T>>, winner: AttemptHandle<T>, router: HedgeRouter<T>): void {
  for (const loser of losers) {
    loser.abandon(router.lostRace(loser, winner));
    router.emit({
      type: 'hedge-win', provider: winner.candidate.key, model: winner.candidate.model, attempt: winner.attempt,
      loser: { provider: loser.candidate.key, model: loser.candidate.model, attempt: loser.attempt },
    });
  }
}
