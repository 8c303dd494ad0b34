// @switchyard/auth/vault: HashiCorp Vault KV v2 over core's transport.
export { vaultSecret } from './vault-secret.js';
export type { VaultSecretOptions } from './vault-secret.js';
