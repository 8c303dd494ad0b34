import { loadZod, bindTransport, createTransport, type CallContext, type ProviderProgressEvent } from '@switchyard/core';
import type { OllamaConfig } from './ollama-config.js';

/** Options of the provider's own management methods (`pullModel`, `showModel`, `runningModels`, `version`). */
export interface OllamaManagementOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
  /**
   * Deadline for the whole call in milliseconds. Default 30 000; for `pullModel` none, since a
   * download may take long (a stalled one still ends after 60 s without data).
   */
  timeoutMs?: number;
  /** Receives progress events (`pullModel`). */
  onProgress?: (event: ProviderProgressEvent) => void;
}

/** Deadline of a management call that does not set `timeoutMs`. */
export const MANAGEMENT_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 60_000;

/** The zod shape of {@link OllamaManagementOptions}, for each method's strict options schema (called only while one is built). */
export function managementOptionsShape() {
  const z = loadZod();
  return {
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'signal must be an AbortSignal').optional(),
    timeoutMs: z.number().positive('timeoutMs must be > 0 (milliseconds)').optional(),
    onProgress: z.custom<(event: ProviderProgressEvent) => void>((value) => typeof value === 'function', 'onProgress must be a function').optional(),
  };
}

/**
 * Runs one management call outside a client: on a transport of its own (closed afterwards), with
 * a call context that has the caller's signal, the deadline and `onProgress` as its event sink.
 * Management calls are rare, so a fresh connection costs nothing that matters.
 *
 * @param defaultTotalMs the deadline when the caller sets none (`Infinity` for pulls).
 */
export async function runManagementCall<T>(
  config: OllamaConfig,
  model: string,
  options: OllamaManagementOptions,
  defaultTotalMs: number,
  call: (context: CallContext) => Promise<T>,
): Promise<T> {
  const totalMs = options.timeoutMs ?? defaultTotalMs;
  const http = createTransport();
  // The deadline is the transport's own total timeout (a `timeout` error naming its phase), so the
  // signal only carries the caller's cancellation.
  const signal = options.signal ?? new AbortController().signal;
  const timeouts = { connectMs: CONNECT_TIMEOUT_MS, headersMs: totalMs, idleMs: IDLE_TIMEOUT_MS, totalMs };
  const onProgress = options.onProgress;
  const context: CallContext = {
    http: bindTransport(http, { signal, timeouts, provider: config.id, model }),
    signal,
    timeouts: { ...timeouts, firstTokenMs: totalMs },
    deadline: Date.now() + totalMs,
    attempt: 1,
    task: 'chat',
    model,
    idempotent: true,
    emit: (event) => onProgress?.(event),
  };
  try {
    return await call(context);
  } finally {
    await http.close();
  }
}
