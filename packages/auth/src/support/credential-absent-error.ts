import { SwitchyardError, isSwitchyardError } from '@switchyard/core';

/** The `code` of the error a source throws when it simply has no credential to give. */
export const CREDENTIAL_ABSENT = 'credential-absent' as const;

/**
 * Thrown by a source that found nothing where it looked (an unset variable, a missing or empty
 * file): not a failure, so {@link chain} moves on to the next source. Kind `auth`, code
 * `credential-absent`. `lookedAt` lists each place checked and why it gave nothing, never a value.
 */
export class CredentialAbsentError extends SwitchyardError {
  /** Each place looked at, in order, e.g. `"env HF_TOKEN (not set)"`. */
  readonly lookedAt: readonly string[];

  constructor(message: string, lookedAt: readonly string[]) {
    super('auth', message, { code: CREDENTIAL_ABSENT, retryable: false });
    this.lookedAt = lookedAt;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), lookedAt: this.lookedAt };
  }
}

/**
 * True when a source (or a chain of them) found no credential, as opposed to failing: a
 * `SwitchyardError` of kind `auth` with code `credential-absent`, from any copy of this package.
 */
export function isCredentialAbsent(error: unknown): error is SwitchyardError & { code: typeof CREDENTIAL_ABSENT } {
  return isSwitchyardError(error) && error.kind === 'auth' && error.code === CREDENTIAL_ABSENT;
}

/** The places an absent-credential error looked at (its own message when it carries no list). */
export function lookedAtOf(error: SwitchyardError): readonly string[] {
  const lookedAt = (error as Partial<CredentialAbsentError>).lookedAt;
  return Array.isArray(lookedAt) ? lookedAt : [error.message];
}

/** An absent-credential error for one place: `No credential in env HF_TOKEN: not set. Set HF_TOKEN…`. */
export function absentAt(where: string, why: string, whatToDo: string): CredentialAbsentError {
  return new CredentialAbsentError(`No credential in ${where}: ${why}. ${whatToDo}`, [`${where} (${why})`]);
}
