import { SwitchyardError } from '../errors/switchyard-error.js';
import type { TaskMethod } from '../routing/candidates.js';
import { routeCall } from '../routing/route-call.js';
import type { CallContext } from '../spec/call-context.js';
import type { Provider } from '../spec/provider.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { AttemptAbort } from './attempt-abort.js';
import type { AttemptHooks, AttemptRun, AttemptTicket } from './attempt-run.js';
import type { AttemptScope } from './attempt-scope.js';
import { AttemptStream } from './attempt-stream.js';
import type { StreamCommitTarget } from './attempt-stream.js';
import { planCall } from './call-plan.js';
import type { CallPlan } from './call-plan.js';
import type { CallRun } from './call-run.js';
import { newCallRun, routeSetup, withModel } from './call-setup.js';
import type { RoutedRequest } from './call-setup.js';
import { ChatStream } from './chat-stream.js';
import type { StreamSource } from './chat-stream.js';
import type { CallOptions } from './client-options.js';
import type { ClientRuntime } from './client-runtime.js';
import type { Candidate } from '../routing/candidates.js';
import type { Cost } from '../billing/cost.js';
import { StreamAccumulator } from './stream-accumulator.js';
import type { Trace } from './trace-types.js';
import { withTrace } from './unary-call.js';

/** Calls a provider's streaming method, given the request with the provider's own model id. */
export type StreamInvoker<Req> = (provider: Provider, request: Req, context: CallContext) => AsyncIterable<ChatStreamEvent>;

/** Builds the final response of a stream from what it carried. */
export type StreamResponder<Res> = (stream: StreamAccumulator, candidate: Candidate, cost: Cost, trace: Trace) => Res;

/**
 * Runs a streaming call. Until the first content event, attempts are routed like any call:
 * retried, failed over, hedged — the caller sees none of it, because events before the commit
 * point are held back and a lost attempt's are dropped. From the first content event on, the
 * attempt is committed: its events go to the caller as they come, and a failure becomes
 * `stream-interrupted` with the text and usage received so far (never retried, which would
 * repeat a prefix). A stream that ends without a `finish` event was cut, and is reported so.
 */
export function runStream<Req extends RoutedRequest, Res extends { text: string }>(
  runtime: ClientRuntime,
  method: TaskMethod,
  request: Req,
  options: CallOptions,
  invoke: StreamInvoker<Req>,
  respond: StreamResponder<Res>,
): ChatStream<Res> {
  return new ChatStream<Res>(new StreamCall({ runtime, method, request, options, invoke, respond }));
}

/** What `runStream` was given. */
interface StreamCallSpec<Req, Res> {
  runtime: ClientRuntime;
  method: TaskMethod;
  request: Req;
  options: CallOptions;
  invoke: StreamInvoker<Req>;
  respond: StreamResponder<Res>;
}

const DONE: IteratorResult<ChatStreamEvent, undefined> = Object.freeze({ done: true, value: undefined });

/**
 * One streaming call, as the source its `ChatStream` reads. The first `next()` plans and routes
 * the call and waits. The attempt that reaches its commit point first claims the call (see
 * {@link AttemptStream}) and answers that `next()` itself, in the promise turn its first content
 * event was decoded in; the router learns of the win a few turns later and abandons the others.
 * From then on each `next()` is one read of the provider's iterator under the attempt's deadlines
 * ({@link AttemptScope.read}), with the bookkeeping (progress marks, the accumulator) done in that
 * read's handler: the events do not go back through the router's promises, nor through a generator.
 */
class StreamCall<Req extends RoutedRequest, Res> implements StreamSource<Res>, StreamCommitTarget {
  readonly response: Promise<Res>;
  readonly #spec: StreamCallSpec<Req, Res>;
  // The call's own abort: no DOM AbortSignal per stream (see AttemptAbort); the scopes and waits read it as one.
  readonly #abort = new AttemptAbort<unknown>();
  readonly #stream = new StreamAccumulator();
  #resolveResponse!: (response: Res) => void;
  #rejectResponse!: (error: unknown) => void;
  #run: CallRun | undefined;
  /** Settles when routing has ended, either way (nothing awaits it but `return()`). */
  #routing: Promise<void> | undefined;
  /** The caller's `next()` while the call is routed. */
  #waiting: { promise: Promise<IteratorResult<ChatStreamEvent, undefined>>; resolve: (result: IteratorResult<ChatStreamEvent, undefined>) => void; reject: (error: unknown) => void } | undefined;
  #winner: AttemptStream | undefined;
  #handed = 0;
  /** The response settled, or is settling: `next()` answers done. */
  #ended = false;

  constructor(spec: StreamCallSpec<Req, Res>) {
    this.#spec = spec;
    this.response = new Promise<Res>((resolve, reject) => {
      this.#resolveResponse = resolve;
      this.#rejectResponse = reject;
    });
  }

  readonly cancel = (reason?: unknown): void => {
    if (!this.#abort.aborted) {
      this.#abort.abort(reason ?? new SwitchyardError('aborted', 'The stream was aborted by its reader (ChatStream.abort()).', { retryable: false }));
    }
  };

  next(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    if (this.#ended) return Promise.resolve(DONE);
    const winner = this.#winner;
    if (winner === undefined) return this.#waitForCommit();
    if (this.#handed < winner.held.length) return Promise.resolve(this.#hand(winner.held[this.#handed++] as ChatStreamEvent));
    // A stream with no content (rare): one promise turn, so that a failure rejects rather than throws.
    if (winner.done) return Promise.resolve().then(() => this.#end(winner));
    return winner.run.scope.read(winner.iterator, this.#onEvent, this.#onReadError);
  }

  async return(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    // `cancel()` came first: a call still routing ends with `aborted` through its own path.
    if (this.#winner === undefined && this.#routing) await this.#routing;
    if (this.#ended) return DONE;
    const stopped = new SwitchyardError('aborted', 'The stream was cancelled: its reader stopped before the end.', { retryable: false });
    const winner = this.#winner;
    if (winner) {
      // The reader stopped early (a `break`): close the socket; the attempt is recorded as aborted, with the usage so far.
      winner.run.scope.abort(stopped);
      winner.close();
      await this.#interrupt(winner, stopped).catch(() => undefined);
    } else {
      this.#fail(stopped);
    }
    return DONE;
  }

  claim(stream: AttemptStream): boolean {
    if (this.#winner !== undefined || this.#ended) return false;
    this.#winner = stream;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    // A plain result, not a promise: resolving with a promise would cost the caller two more turns.
    waiting?.resolve(this.#hand(stream.held[this.#handed++] as ChatStreamEvent));
    return true;
  }

  #waitForCommit(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    // A second `next()` before the first answered waits its turn, as with a generator.
    if (this.#waiting) return this.#waiting.promise.then(() => this.next());
    let resolve!: (result: IteratorResult<ChatStreamEvent, undefined>) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<IteratorResult<ChatStreamEvent, undefined>>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    this.#waiting = { promise, resolve, reject };
    this.#routing ??= this.#start();
    return promise;
  }

  /** Plans and routes the call (on the first `next()`: nothing is sent before the stream is read). */
  #start(): Promise<void> {
    const { runtime, method, request, options, invoke } = this.#spec;
    const callerSignal = options.signal;
    if (callerSignal?.aborted) this.#onCallerAbort();
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    const run = (this.#run = newCallRun(runtime, method, request, options, this.#abort.asSignal()));
    const route = (plan: CallPlan): Promise<void> =>
      routeCall<AttemptStream, AttemptTicket>(
        routeSetup<AttemptStream>(runtime, run, plan, method, (candidate, attempt, hedge, ticket) =>
          run.start(candidate, attempt, hedge, ticket, (context, attemptRun) => new AttemptStream(this, attemptRun, invoke(candidate.provider, withModel(request, candidate.model), context)).committed, STREAM_HOOKS),
        ),
      ).then(undefined, this.#onRouteFailed);
    try {
      const planned = planCall(runtime, run, method, options.provider ?? 'auto');
      return planned instanceof Promise ? planned.then(route, this.#onRouteFailed) : route(planned);
    } catch (error) {
      this.#onRouteFailed(error);
      return Promise.resolve();
    }
  }

  readonly #onCallerAbort = (): void => this.cancel(this.#spec.options.signal?.reason);

  // The route's success needs nothing: the winner claimed the call before its `won` resolved. A
  // failure after the claim (the caller aborted in between) reaches the reader through the attempt.
  readonly #onRouteFailed = (raw: unknown): void => {
    if (this.#winner !== undefined) return;
    const error = this.#fail(raw);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
  };

  #hand(event: ChatStreamEvent): IteratorResult<ChatStreamEvent, undefined> {
    this.#stream.add(event);
    return { done: false, value: event };
  }

  readonly #onEvent = (result: IteratorResult<ChatStreamEvent>): IteratorResult<ChatStreamEvent, undefined> | Promise<IteratorResult<ChatStreamEvent, undefined>> => {
    if (this.#ended) return DONE;
    if (result.done) return this.#end(this.#winner as AttemptStream);
    this.#stream.add(result.value);
    return result;
  };

  readonly #onReadError = (cause: SwitchyardError): Promise<never> => {
    if (this.#ended) return Promise.reject(cause);
    return this.#interrupt(this.#winner as AttemptStream, cause);
  };

  /** The provider's stream ended: bills the attempt and settles the response. */
  #end(winner: AttemptStream): IteratorResult<ChatStreamEvent, undefined> | Promise<IteratorResult<ChatStreamEvent, undefined>> {
    this.#ended = true;
    const { run: attempt } = winner;
    if (this.#stream.finishReason === undefined) {
      const cut = new SwitchyardError('network', `The stream from "${attempt.candidate.key}" ended without a finish event: the connection was probably cut.`, {
        provider: attempt.candidate.key, model: attempt.candidate.model, attempt: attempt.attempt, networkPhase: 'post-send',
      });
      return this.#interrupt(winner, cut);
    }
    const respond = (cost: Cost): IteratorResult<ChatStreamEvent, undefined> => {
      const run = this.#run as CallRun;
      const response = this.#spec.respond(this.#stream, attempt.candidate, cost, run.trace);
      run.end(attempt.candidate.key, undefined);
      this.#settled();
      this.#resolveResponse(response);
      return DONE;
    };
    const fail = (raw: unknown): never => {
      throw this.#fail(raw);
    };
    // Settled in this turn when billing and the breaker answer at once (the default): the caller's
    // next call starts right after, and every promise turn here would delay it (bench: first delta
    // of back-to-back streams).
    try {
      const cost = attempt.finish({ usage: this.#stream.usage, reportedCost: this.#stream.reportedCost });
      return cost instanceof Promise ? cost.then(respond).catch(fail) : respond(cost);
    } catch (raw) {
      return fail(raw);
    }
  }

  /** A committed stream failed: records the attempt, and fails the call with `stream-interrupted` (or `aborted`). */
  async #interrupt(winner: AttemptStream, cause: SwitchyardError): Promise<never> {
    this.#ended = true;
    throw this.#fail(await interrupted(winner.run, this.#stream, cause, (this.#run as CallRun).trace));
  }

  /** Ends the call with an error: the response rejects with it (carrying the trace), which is returned. */
  #fail(raw: unknown): SwitchyardError {
    this.#ended = true;
    const error = withTrace(raw, this.#run?.trace ?? []);
    this.#run?.end(undefined, error);
    this.#settled();
    this.#rejectResponse(error);
    return error;
  }

  #settled(): void {
    this.#spec.options.signal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

// A committed stream is billed when it ends; one that won a moment too late is closed.
const STREAM_HOOKS: AttemptHooks<AttemptStream> = {
  bill: () => undefined,
  dispose: (stream) => stream.close(),
};

/**
 * The error of a committed stream that failed: records the attempt with its own failure, and gives
 * the caller `stream-interrupted` (or `aborted`, when the caller stopped it) with the partial text.
 */
async function interrupted(winner: AttemptRun<AttemptStream>, stream: StreamAccumulator, cause: SwitchyardError, trace: Trace): Promise<SwitchyardError> {
  await winner.finish(stream.usage ? cause.withContext({ partialUsage: stream.usage }) : cause);
  const { key: provider, model } = winner.candidate;
  const fields = {
    provider, model, attempt: winner.attempt, committed: true, retryable: false, cause, attempts: trace,
    partialText: stream.text, ...(stream.usage ? { partialUsage: stream.usage } : {}),
  };
  if (cause.kind === 'aborted') return new SwitchyardError('aborted', `${cause.message} (${stream.text.length} characters had been received).`, fields);
  return new SwitchyardError(
    'stream-interrupted',
    `The stream from "${provider}" (model ${model}) broke after ${stream.text.length} characters of text: ${cause.message} The text received so far is in partialText; it was not retried, which would repeat it.`,
    {
      ...fields,
      ...(cause.status !== undefined ? { status: cause.status } : {}),
      ...(cause.timeoutPhase ? { timeoutPhase: cause.timeoutPhase } : {}),
      ...(cause.networkPhase ? { networkPhase: cause.networkPhase } : {}),
    },
  );
}
