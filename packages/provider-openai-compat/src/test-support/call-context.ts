import { bindTransport } from '@switchyard/core';
import type { CallContext, HttpTransport, ProviderProgressEvent, Task } from '@switchyard/core';

/**
 * A {@link CallContext} for calling a provider method directly in tests, the way the client builds
 * one per attempt: the real transport bound to the attempt's signal and the provider id.
 */
export function testCallContext(http: HttpTransport, options: { task: Task; model: string; provider?: string; signal?: AbortSignal }): CallContext & { events: ProviderProgressEvent[] } {
  const signal = options.signal ?? new AbortController().signal;
  const events: ProviderProgressEvent[] = [];
  return {
    http: bindTransport(http, { signal, provider: options.provider ?? 'test', model: options.model }),
    signal,
    timeouts: { connectMs: 5_000, headersMs: 10_000, firstTokenMs: 10_000, idleMs: 10_000, totalMs: 30_000 },
    deadline: Date.now() + 30_000,
    attempt: 1,
    task: options.task,
    model: options.model,
    idempotent: true,
    emit: (event) => events.push(event),
    events,
  };
}
