import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { isContentEvent } from '../spec/stream-events.js';
import type { AttemptRun } from './attempt-run.js';

/** The call an attempt's stream commits to: the first attempt to claim it becomes the caller's stream. */
export interface StreamCommitTarget {
  /** Whether `stream` is now the call's stream (false when another attempt committed first or the reader left). */
  claim(stream: AttemptStream): boolean;
}

/**
 * One attempt's stream up to its commit point, the first content event (or the end, for a stream
 * with none). Events before it are held back, because the attempt may still fail over. At the
 * commit point the attempt claims the call synchronously, in the same microtask as the event: the
 * caller gets the held events at once, and reads the provider's iterator directly from then on,
 * while `committed` tells the router, a few promise turns later, that the attempt won.
 */
export class AttemptStream {
  readonly run: AttemptRun<AttemptStream>;
  /** `start`, `usage`… then the first content event (or everything, when the stream ended first). */
  readonly held: ChatStreamEvent[] = [];
  /** The provider's own iterator, which the caller reads after the commit point. */
  readonly iterator: AsyncIterator<ChatStreamEvent>;
  /** The provider's stream ended at the commit point (it had no content). */
  done = false;
  /** Resolves at the commit point; rejects with the attempt's failure before it. */
  readonly committed: Promise<AttemptStream>;
  readonly #target: StreamCommitTarget;
  #resolve!: (stream: AttemptStream) => void;
  #reject!: (error: unknown) => void;

  constructor(target: StreamCommitTarget, run: AttemptRun<AttemptStream>, events: AsyncIterable<ChatStreamEvent>) {
    this.#target = target;
    this.run = run;
    this.committed = new Promise<AttemptStream>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A provider that throws here fails the attempt like any other provider failure (AttemptRun words it).
    this.iterator = events[Symbol.asyncIterator]();
    this.#pull();
  }

  /** Closes the provider's stream without waiting: a stalled generator would queue `return()` forever. */
  close(): void {
    try {
      this.iterator.return?.().catch(() => undefined);
    } catch {
      // A provider's synchronous throw from return() changes nothing: the attempt is over.
    }
  }

  #pull(): void {
    // Handlers, not an await: the commit happens in the read's own promise turn.
    void this.run.scope.read(this.iterator, this.#onResult, this.#onError);
  }

  readonly #onResult = (result: IteratorResult<ChatStreamEvent>): void => {
    if (result.done) {
      if (!this.held.some((event) => event.type === 'finish')) {
        const { provider, model, attempt } = this.run.scope.identity;
        this.#onError(
          new SwitchyardError('invalid-response', `The stream from "${provider}" (model ${model}) ended without any content or finish event.`, {
            provider, model, attempt, retryable: false,
          }),
        );
        return;
      }
      this.done = true;
      this.#commit();
      return;
    }
    this.held.push(result.value);
    if (isContentEvent(result.value)) this.#commit();
    else this.#pull();
  };

  readonly #onError = (error: SwitchyardError): void => {
    this.close();
    this.#reject(error);
  };

  #commit(): void {
    if (this.#target.claim(this)) {
      this.#resolve(this);
      return;
    }
    // Another attempt committed first (a hedge). `committed` stays pending: the router abandons
    // this attempt when the winner's `won` reaches it, which settles this one's `won` with the
    // abort. Rejecting here instead could reach the router first and end the call. The socket
    // closes now.
    this.close();
  }
}
