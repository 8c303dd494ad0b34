import { bindTransport, type CallContext, type HttpTransport, type ProviderProgressEvent, type Task } from '@switchyard/core';

/** A hand-built attempt context for calling a provider directly, as the client would. */
export interface TestCallContext {
  context: CallContext;
  /** Every progress event the provider emitted. */
  progress: ProviderProgressEvent[];
}

/** An attempt context over `http`, bound to the model and a 10 s total deadline. */
export function testCallContext(http: HttpTransport, model: string, options: { task?: Task; signal?: AbortSignal; totalMs?: number } = {}): TestCallContext {
  const totalMs = options.totalMs ?? 10_000;
  const signal = options.signal ?? AbortSignal.timeout(totalMs);
  const timeouts = { connectMs: 2_000, headersMs: totalMs, firstTokenMs: totalMs, idleMs: totalMs, totalMs };
  const progress: ProviderProgressEvent[] = [];
  const context: CallContext = {
    http: bindTransport(http, { signal, timeouts: { connectMs: 2_000, headersMs: totalMs, idleMs: totalMs, totalMs }, provider: 'ollama', model }),
    signal,
    timeouts,
    deadline: Date.now() + totalMs,
    attempt: 1,
    task: options.task ?? 'chat',
    model,
    idempotent: false,
    emit: (event) => progress.push(event),
  };
  return { context, progress };
}
