import { SwitchyardError } from '../errors/switchyard-error.js';
import type { TaskMethod } from '../routing/candidates.js';
import { routeCall } from '../routing/route-call.js';
import type { CallContext } from '../spec/call-context.js';
import type { Provider } from '../spec/provider.js';
import type { ChatStreamEvent } from '../spec/stream-events.js';
import { isContentEvent } from '../spec/stream-events.js';
import { AttemptAbort } from './attempt-abort.js';
import type { AttemptHooks, AttemptRun, AttemptTicket } from './attempt-run.js';
import type { AttemptScope } from './attempt-scope.js';
import { planCall } from './call-plan.js';
import { newCallRun, routeSetup, withModel } from './call-setup.js';
import type { RoutedRequest } from './call-setup.js';
import { ChatStream } from './chat-stream.js';
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

/** An attempt that reached its commit point: the events held back until then, and the rest of the stream. */
interface CommittedStream {
  iterator: AsyncIterator<ChatStreamEvent>;
  /** `start`, `usage`… then the first content event (or everything, when the stream ended first). */
  held: ChatStreamEvent[];
  done: boolean;
}

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
  // The call's own abort: no DOM AbortSignal per stream (see AttemptAbort); the scopes and waits read it as one.
  const abort = new AttemptAbort<unknown>();
  const cancel = (reason?: unknown) => {
    if (!abort.aborted) {
      abort.abort(reason ?? new SwitchyardError('aborted', 'The stream was aborted by its reader (ChatStream.abort()).', { retryable: false }));
    }
  };
  const call: StreamCall<Req, Res> = { runtime, method, request, options, invoke, respond, signal: abort.asSignal(), cancel };
  return new ChatStream<Res>(streamEvents(call), cancel);
}

/** One streaming call: what `runStream` was given, plus the call's own signal and how to cancel it. */
interface StreamCall<Req, Res> {
  runtime: ClientRuntime;
  method: TaskMethod;
  request: Req;
  options: CallOptions;
  invoke: StreamInvoker<Req>;
  respond: StreamResponder<Res>;
  signal: AbortSignal;
  cancel: (reason?: unknown) => void;
}

async function* streamEvents<Req extends RoutedRequest, Res>(call: StreamCall<Req, Res>): AsyncGenerator<ChatStreamEvent, Res, undefined> {
  const { runtime, method, request, options, invoke, respond, signal, cancel } = call;
  const callerSignal = options.signal;
  const onCallerAbort = () => cancel(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const run = newCallRun(runtime, method, request, options, signal);
  const stream = new StreamAccumulator();
  let winner: AttemptRun<CommittedStream> | undefined;
  let committed: CommittedStream | undefined;
  let settled = false;
  try {
    const planned = planCall(runtime, run, method, options.provider ?? 'auto');
    const plan = planned instanceof Promise ? await planned : planned;
    const routed = await routeCall<CommittedStream, AttemptTicket>(
      routeSetup<CommittedStream>(runtime, run, plan, method, (candidate, attempt, hedge, ticket) =>
        run.start(candidate, attempt, hedge, ticket, (context, scope) => commitStream(invoke(candidate.provider, withModel(request, candidate.model), context), scope), STREAM_HOOKS),
      ),
    );
    winner = routed.handle as AttemptRun<CommittedStream>;
    committed = routed.value;
    for (const event of committed.held) {
      stream.add(event);
      yield event;
    }
    while (!committed.done) {
      let result: IteratorResult<ChatStreamEvent>;
      try {
        result = await committed.iterator.next();
      } catch (error) {
        throw await interrupted(winner, stream, winner.scope.errorFrom(error), run.trace);
      }
      if (result.done) break;
      stream.add(result.value);
      yield result.value;
    }
    if (stream.finishReason === undefined) {
      const cut = new SwitchyardError('network', `The stream from "${winner.candidate.key}" ended without a finish event: the connection was probably cut.`, {
        provider: winner.candidate.key, model: winner.candidate.model, attempt: winner.attempt, networkPhase: 'post-send',
      });
      throw await interrupted(winner, stream, cut, run.trace);
    }
    const cost = await winner.finish({ usage: stream.usage, reportedCost: stream.reportedCost });
    settled = true;
    run.end(winner.candidate.key, undefined);
    return respond(stream, winner.candidate, cost, run.trace);
  } catch (raw) {
    const error = withTrace(raw, run.trace);
    settled = true;
    run.end(undefined, error);
    throw error;
  } finally {
    callerSignal?.removeEventListener('abort', onCallerAbort);
    if (!settled && winner) {
      // The reader stopped early (a `break`): close the socket and record the attempt as aborted.
      const stopped = new SwitchyardError('aborted', 'The stream was cancelled: its reader stopped before the end.', {
        provider: winner.candidate.key, model: winner.candidate.model, attempt: winner.attempt, retryable: false,
        committed: true, partialText: stream.text, ...(stream.usage ? { partialUsage: stream.usage } : {}),
      });
      winner.scope.abort(stopped);
      void committed?.iterator.return?.();
      await winner.finish(stopped);
      run.end(winner.candidate.key, stopped);
    }
  }
}

// A committed stream is billed when it ends; one that won a moment too late is closed.
const STREAM_HOOKS: AttemptHooks<CommittedStream> = {
  bill: () => undefined,
  dispose: (value) => void value.iterator.return?.(),
};

/** Reads an attempt's events until the first content event (the commit point), holding back what came before. */
async function commitStream(events: AsyncIterable<ChatStreamEvent>, scope: AttemptScope): Promise<CommittedStream> {
  const iterator = scope.watch(events);
  const held: ChatStreamEvent[] = [];
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.done) {
        if (!held.some((event) => event.type === 'finish')) {
          const { provider, model, attempt } = scope.identity;
          throw new SwitchyardError('invalid-response', `The stream from "${provider}" (model ${model}) ended without any content or finish event.`, {
            provider, model, attempt, retryable: false,
          });
        }
        return { iterator, held, done: true };
      }
      held.push(result.value);
      if (isContentEvent(result.value)) return { iterator, held, done: false };
    }
  } catch (error) {
    void iterator.return?.();
    throw error;
  }
}

/**
 * The error of a committed stream that failed: records the attempt with its own failure, and gives
 * the caller `stream-interrupted` (or `aborted`, when the caller stopped it) with the partial text.
 */
async function interrupted(winner: AttemptRun<CommittedStream>, stream: StreamAccumulator, cause: SwitchyardError, trace: Trace): Promise<SwitchyardError> {
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
