import type { ErrorKind, NetworkPhase, TimeoutPhase } from './error-kind.js';
import { RETRYABLE_KINDS } from './error-kind.js';
import type { AttemptTrace } from '../client/trace-types.js';

/**
 * Marker shared by every copy of `@switchyard/core` loaded in a process (ESM and CJS builds, or two
 * versions in one dependency tree), so {@link isSwitchyardError} never depends on `instanceof`.
 */
const SWITCHYARD_ERROR = Symbol.for('switchyard.error');

/** Everything a {@link SwitchyardError} can carry besides its kind and message. */
export interface SwitchyardErrorOptions {
  /** Provider id that produced the failure, e.g. `'ollama'`. */
  provider?: string;
  /** The provider's own model id the call used. */
  model?: string;
  /** HTTP status, when the failure came from a response. */
  status?: number;
  /** The server's request id (`x-request-id` and friends), for support tickets. */
  requestId?: string;
  /** Whether another attempt may succeed. Defaults from the kind. */
  retryable?: boolean;
  /** How long the server asked us to wait before retrying. */
  retryAfterMs?: number;
  /** 1-based attempt number this error ended. */
  attempt?: number;
  /** True when content had already reached the caller (a stream past its commit point). */
  committed?: boolean;
  /** For `timeout` errors. */
  timeoutPhase?: TimeoutPhase;
  /** For `network` errors. */
  networkPhase?: NetworkPhase;
  /** Provider-specific error code from the body (`context_length_exceeded`, …). */
  code?: string;
  /** For `stream-interrupted`: the text the caller already received. */
  partialText?: string;
  /** For `stream-interrupted`: usage known at the interruption. */
  partialUsage?: import('../spec/usage.js').Usage;
  /** For `all-providers-failed` (and any routed failure): every attempt made. */
  attempts?: readonly AttemptTrace[];
  /** The underlying error. Never exposed by `toJSON` beyond its name and (redacted) message. */
  cause?: unknown;
}

/**
 * The one error type Switchyard throws. Switch on {@link SwitchyardError.kind}; every field is safe
 * to log: messages, `toJSON()` and `util.inspect` never contain a credential.
 */
export class SwitchyardError extends Error {
  readonly kind: ErrorKind;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempt: number | undefined;
  readonly committed: boolean;
  readonly timeoutPhase: TimeoutPhase | undefined;
  readonly networkPhase: NetworkPhase | undefined;
  readonly code: string | undefined;
  readonly partialText: string | undefined;
  readonly partialUsage: SwitchyardErrorOptions['partialUsage'];
  readonly attempts: readonly AttemptTrace[] | undefined;
  declare readonly [SWITCHYARD_ERROR]: true;

  constructor(kind: ErrorKind, message: string, options: SwitchyardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchyardError';
    this.kind = kind;
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? RETRYABLE_KINDS.has(kind);
    this.retryAfterMs = options.retryAfterMs;
    this.attempt = options.attempt;
    this.committed = options.committed ?? false;
    this.timeoutPhase = options.timeoutPhase;
    this.networkPhase = options.networkPhase;
    this.code = options.code;
    this.partialText = options.partialText;
    this.partialUsage = options.partialUsage;
    this.attempts = options.attempts;
    Object.defineProperty(this, SWITCHYARD_ERROR, { value: true });
  }

  /**
   * A copy with more context (provider, model, attempt…) filled in where it was missing. Its stack
   * is this error's, read when someone asks: copying `this.stack` up front would format the trace
   * (the costly part of an error) for every routed failure, most of which nobody prints.
   */
  withContext(context: SwitchyardErrorOptions): SwitchyardError {
    const options: SwitchyardErrorOptions = Object.assign({}, context, definedFields(this));
    options.cause = this.cause;
    // No frames captured for the copy: its stack is the original's.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let copy: SwitchyardError;
    try {
      copy = new SwitchyardError(this.kind, this.message, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
    const original = this;
    // Not enumerable (the default here), like the stack V8 gives every error.
    Object.defineProperty(copy, 'stack', {
      get: () => original.stack,
      set(value: unknown) {
        Object.defineProperty(this, 'stack', { value, writable: true, configurable: true });
      },
      configurable: true,
    });
    return copy;
  }

  /**
   * `util.inspect` / `console.log` show the same credential-free fields as `toJSON`, plus the stack;
   * the raw `cause` (which may be a library error holding request details) is summarised, not dumped.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(fields, null, 2)}`;
  }

  /** A plain, credential-free object for logs and JSON APIs. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause;
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      ...definedFields(this),
      ...(cause instanceof Error ? { cause: { name: cause.name, message: isSwitchyardError(cause) ? cause.message : '(see logs)' } } : {}),
    };
  }
}

function definedFields(error: SwitchyardError): SwitchyardErrorOptions {
  const fields: Record<string, unknown> = {};
  for (const key of [
    'provider', 'model', 'status', 'requestId', 'retryable', 'retryAfterMs', 'attempt', 'committed',
    'timeoutPhase', 'networkPhase', 'code', 'partialText', 'partialUsage', 'attempts',
  ] as const) {
    const value = error[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields as SwitchyardErrorOptions;
}

/** True for any Switchyard error, from any copy of the package. */
export function isSwitchyardError(value: unknown): value is SwitchyardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SWITCHYARD_ERROR] === true;
}
