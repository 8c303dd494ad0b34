import type { HttpTransport } from '../http/types.js';
import type { CallContext, ProviderProgressEvent, ResolvedTimeouts } from '../spec/call-context.js';
import type { ProviderRoute } from '../spec/provider.js';
import type { Task } from '../spec/tasks.js';
import type { AttemptScope } from './attempt-scope.js';

/**
 * The `CallContext` of one attempt. Every field is an own, enumerable property as in a plain
 * object (a provider may spread it), and `signal` is an own getter: the attempt's DOM
 * `AbortSignal` is made only for a provider that reads it (see `AttemptAbort`). The getter is
 * defined from one shared descriptor: an object literal with a getter costs about 1.5 µs to
 * create in Node 20, this about 0.2 µs.
 */
export class AttemptContext implements CallContext {
  static readonly #signalProperty: PropertyDescriptor = {
    get(this: AttemptContext): AbortSignal {
      return this.#scope.signal;
    },
    enumerable: true,
    configurable: true,
  };

  // Declared, not initialised as class fields: the constructor sets each (and the bundle stays smaller).
  declare readonly http: HttpTransport;
  declare readonly signal: AbortSignal;
  declare readonly timeouts: ResolvedTimeouts;
  declare readonly deadline: number;
  declare readonly attempt: number;
  declare readonly task: Task;
  declare readonly model: string;
  declare readonly idempotent: boolean;
  declare readonly route: ProviderRoute | undefined;
  declare readonly emit: (event: ProviderProgressEvent) => void;
  readonly #scope: AttemptScope;

  constructor(
    scope: AttemptScope,
    fields: { http: HttpTransport; task: Task; model: string; idempotent: boolean; route: ProviderRoute | undefined; emit: (event: ProviderProgressEvent) => void },
  ) {
    this.#scope = scope;
    this.http = fields.http;
    Object.defineProperty(this, 'signal', AttemptContext.#signalProperty);
    this.timeouts = scope.timeouts;
    this.deadline = scope.deadline;
    this.attempt = scope.identity.attempt;
    this.task = fields.task;
    this.model = fields.model;
    this.idempotent = fields.idempotent;
    this.route = fields.route;
    this.emit = fields.emit;
  }
}
