import type { ResolvedTimeouts } from '../spec/call-context.js';
import { clientSchemas } from '../spec/load-schemas.js';
import type { Task } from '../spec/tasks.js';

/**
 * What a client call does: one of the contract's tasks, or one of the two provider housekeeping
 * calls, which get short deadlines of their own.
 */
export type Operation = Task | 'list-models' | 'health';

/** Deadlines to override, in milliseconds; unset fields keep the layer below. */
export type TimeoutOverrides = Partial<ResolvedTimeouts>;

/** Client-level timeout configuration: flat overrides for every operation, then per operation, then per provider. */
export interface TimeoutOptions extends TimeoutOverrides {
  byTask?: Partial<Record<Operation, TimeoutOverrides>>;
  /** Keyed by provider id; each may again have `byTask`. */
  byProvider?: Record<string, TimeoutOverrides & { byTask?: Partial<Record<Operation, TimeoutOverrides>> }>;
}

const SECOND = 1000;

/**
 * Defaults per operation. Text waits up to 30 s for the first token (a cold model load fits), then
 * 30 s between events; images get 60 s and videos 300 s in total (queued providers poll). Without an
 * explicit `headersMs`, the headers deadline equals the first-token deadline: many servers send
 * their headers only with the first token (Ollama while a model loads), so a shorter headers
 * deadline would fire first and report the wrong phase.
 */
export const DEFAULT_TIMEOUTS: Readonly<Record<Operation, Readonly<Omit<ResolvedTimeouts, 'headersMs'>>>> = Object.freeze({
  chat: { connectMs: 10 * SECOND, firstTokenMs: 30 * SECOND, idleMs: 30 * SECOND, totalMs: 600 * SECOND },
  complete: { connectMs: 10 * SECOND, firstTokenMs: 30 * SECOND, idleMs: 30 * SECOND, totalMs: 600 * SECOND },
  embed: { connectMs: 10 * SECOND, firstTokenMs: 30 * SECOND, idleMs: 30 * SECOND, totalMs: 60 * SECOND },
  'text-to-image': { connectMs: 10 * SECOND, firstTokenMs: 60 * SECOND, idleMs: 30 * SECOND, totalMs: 60 * SECOND },
  'text-to-video': { connectMs: 10 * SECOND, firstTokenMs: 300 * SECOND, idleMs: 60 * SECOND, totalMs: 300 * SECOND },
  'list-models': { connectMs: 10 * SECOND, firstTokenMs: 30 * SECOND, idleMs: 30 * SECOND, totalMs: 30 * SECOND },
  health: { connectMs: 5 * SECOND, firstTokenMs: 10 * SECOND, idleMs: 10 * SECOND, totalMs: 10 * SECOND },
});

/** Every operation, as `timeouts.byTask` keys. */
export const OPERATIONS = ['chat', 'complete', 'embed', 'text-to-image', 'text-to-video', 'list-models', 'health'] as const;

/** The longest deadline the schemas accept: one day. */
export const MAX_DEADLINE_MS = 86_400_000;

/** Validates per-request timeout overrides. */
export const timeoutOverridesSchema = () => clientSchemas().timeoutOverrides;

/** Validates the client's `timeouts` option. */
export const timeoutOptionsSchema = () => clientSchemas().timeoutOptions;

/**
 * The deadlines of one attempt: the operation's defaults, then the client's flat and per-operation
 * overrides, then the provider's, then the call's (later wins).
 */
export function resolveTimeouts(
  operation: Operation,
  providerId: string,
  client: TimeoutOptions | undefined,
  call: TimeoutOverrides | undefined,
): ResolvedTimeouts {
  const byProvider = client?.byProvider?.[providerId];
  const merged: Partial<ResolvedTimeouts> = { ...DEFAULT_TIMEOUTS[operation] };
  for (const layer of [client, client?.byTask?.[operation], byProvider, byProvider?.byTask?.[operation], call]) {
    if (!layer) continue;
    if (layer.connectMs !== undefined) merged.connectMs = layer.connectMs;
    if (layer.headersMs !== undefined) merged.headersMs = layer.headersMs;
    if (layer.firstTokenMs !== undefined) merged.firstTokenMs = layer.firstTokenMs;
    if (layer.idleMs !== undefined) merged.idleMs = layer.idleMs;
    if (layer.totalMs !== undefined) merged.totalMs = layer.totalMs;
  }
  const firstTokenMs = merged.firstTokenMs as number;
  return {
    connectMs: merged.connectMs as number,
    headersMs: merged.headersMs ?? firstTokenMs,
    firstTokenMs,
    idleMs: merged.idleMs as number,
    totalMs: merged.totalMs as number,
  };
}
