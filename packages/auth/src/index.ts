// Public API of @switchyard/auth. Cloud secret managers live on their own entry points
// (`@switchyard/auth/vault`, `/aws`, `/azure`) so that importing this one loads no SDK.

// Secret lives in core so that providers can redact plain-string keys without depending on auth.
export { Secret, isSecretLike, toSecret } from '@switchyard/core';
export type { SecretLike, ResolvedCredential, CredentialSource } from '@switchyard/core';

export { env } from './sources/env.js';
export type { EnvSourceOptions } from './sources/env.js';
export { file } from './sources/file.js';
export type { FileSourceOptions } from './sources/file.js';
export { command } from './sources/command.js';
export type { CommandSourceOptions } from './sources/command.js';
export { chain } from './sources/chain.js';
export { cached } from './sources/cached.js';
export type { CachedSourceOptions, CachedSource } from './sources/cached.js';
export { hfToken } from './sources/hf-token.js';
export type { HfTokenOptions } from './sources/hf-token.js';

export { CredentialAbsentError, isCredentialAbsent, CREDENTIAL_ABSENT } from './support/credential-absent-error.js';
export { warnOnConsole } from './support/auth-warning.js';
export type { AuthWarning, AuthWarningHandler } from './support/auth-warning.js';
export type { DescribedSource } from './support/define-source.js';

export { inspectHfToken, INFERENCE_PERMISSION } from './hf/inspect-hf-token.js';
export type { InspectHfTokenOptions, HfTokenReport, HfTokenPermissions } from './hf/inspect-hf-token.js';
