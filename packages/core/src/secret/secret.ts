/**
 * Marker shared by every copy of core, so a `Secret` from `@switchyard/auth` (or any object that
 * carries it) is recognised by value, not by class identity.
 */
export const SECRET_MARKER: unique symbol = Symbol.for('switchyard.secret') as never;

/** Anything that holds a credential and only gives it up through `reveal()`. */
export interface SecretLike {
  readonly [SECRET_MARKER]: true;
  /** The raw value. Only the transport should call this, at the moment it sets a header. */
  reveal(): string;
}

/** Where a credential came from: said in diagnostics, never the value. */
export interface ResolvedCredential {
  secret: SecretLike;
  /** A human description: `"env HF_TOKEN"`, `"file ~/.cache/huggingface/token"`. */
  source: string;
}

/**
 * An async function that finds a credential. It may carry `invalidate()`: the transport calls it
 * once when a server answers 401, then retries the request once with a fresh value.
 */
export interface CredentialSource {
  (): Promise<ResolvedCredential>;
  invalidate?: () => void;
  /** A short description for diagnostics before resolution, e.g. `"HF token chain"`. */
  describe?: string;
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * Holds a credential. `String()`, template literals, `JSON.stringify`, `util.inspect` and
 * `console.log` all show only a redacted form such as `Secret(hf_…wxyz)`.
 */
export class Secret implements SecretLike {
  readonly #value: string;
  readonly #label: string;
  declare readonly [SECRET_MARKER]: true;

  /**
   * @param value the credential; must be non-empty.
   * @param label what kind of credential it is, shown in the redacted form (default: none).
   */
  constructor(value: string, label?: string) {
    this.#value = value;
    this.#label = label ?? '';
    Object.defineProperty(this, SECRET_MARKER, { value: true });
  }

  reveal(): string {
    return this.#value;
  }

  /** The redacted form: a known prefix (`hf_`, `sk-`), then the last 4 characters only for long values. */
  toString(): string {
    return `Secret(${redactedForm(this.#value, this.#label)})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

const KNOWN_PREFIXES = ['hf_', 'sk-proj-', 'sk-ant-', 'sk-', 'gsk_', 'xai-', 'fw_', 'ghp_'];

function redactedForm(value: string, label: string): string {
  // A prefix is only a kind when something secret follows it: for `sk-ab` it would be most of the value.
  const prefix = KNOWN_PREFIXES.find((candidate) => value.startsWith(candidate) && value.length >= candidate.length + 12) ?? '';
  // Showing 4 characters of a short value would give away too much of it.
  const tail = value.length >= 20 ? value.slice(-4) : '';
  const shown = tail ? `${prefix}…${tail}` : `${prefix}…`;
  return label ? `${label} ${shown}` : shown;
}

/** True for a `Secret` or any object carrying the secret marker. */
export function isSecretLike(value: unknown): value is SecretLike {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_MARKER] === true;
}

/** Wraps a plain string in a `Secret`; passes `SecretLike` values through. */
export function toSecret(value: string | SecretLike, label?: string): SecretLike {
  return typeof value === 'string' ? new Secret(value, label) : value;
}
