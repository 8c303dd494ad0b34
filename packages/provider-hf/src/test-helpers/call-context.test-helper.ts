import { SwitchyardError, bindTransport, createTransport } from '@switchyard/core';
import type { CallContext, HttpTransport, ProviderProgressEvent, ProviderRoute, ResolvedTimeouts, Task } from '@switchyard/core';

/** A call context like the one core's client builds for one attempt, over a real transport. */
export interface TestCallContext extends CallContext {
  /** Progress events the provider emitted. */
  readonly events: ProviderProgressEvent[];
  /** Aborts the attempt. */
  abort(reason?: unknown): void;
}

/** One real undici transport per test file; close it in `afterAll`. */
export function testTransport(): HttpTransport {
  return createTransport({ proxy: false });
}

/** A route as `routes()` makes it, for tests that call one upstream directly. */
export function testRoute(upstream: string, providerModel: string, hubModel: string, task = 'text-to-image'): ProviderRoute {
  return { id: upstream, model: providerModel, metadata: { hubModel, mapping: { provider: upstream, providerId: providerModel, status: 'live', task } } };
}

/**
 * Builds a {@link CallContext} whose `http` is `transport` bound to the attempt's signal and
 * deadlines, as core's client does, and whose signal aborts at the total deadline.
 */
export function testCallContext(
  transport: HttpTransport,
  options: { task: Task; model: string; route?: ProviderRoute; totalMs?: number; signal?: AbortSignal },
): TestCallContext {
  const totalMs = options.totalMs ?? 10_000;
  const timeouts: ResolvedTimeouts = { connectMs: 2_000, headersMs: Math.min(totalMs, 10_000), firstTokenMs: totalMs, idleMs: totalMs, totalMs };
  const controller = new AbortController();
  // As core's client does: the attempt's signal aborts at the total deadline with a typed timeout.
  const deadlineTimer = setTimeout(
    () => controller.abort(new SwitchyardError('timeout', `The attempt took longer than its total timeout of ${totalMs} ms.`, { timeoutPhase: 'total' })),
    totalMs,
  );
  deadlineTimer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(deadlineTimer), { once: true });
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  const events: ProviderProgressEvent[] = [];
  return {
    http: bindTransport(transport, {
      signal,
      timeouts: { connectMs: timeouts.connectMs, headersMs: timeouts.headersMs, idleMs: timeouts.idleMs, totalMs },
      provider: 'hf',
      model: options.model,
    }),
    signal,
    timeouts,
    deadline: Date.now() + totalMs,
    attempt: 1,
    task: options.task,
    model: options.model,
    idempotent: false,
    ...(options.route === undefined ? {} : { route: options.route }),
    emit: (event) => events.push(event),
    events,
    abort: (reason) => controller.abort(reason),
  };
}
