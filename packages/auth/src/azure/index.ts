// @switchyard/auth/azure: Azure Key Vault over its REST API and core's transport.
export { azureSecret, AZURE_KEY_VAULT_API_VERSION } from './azure-secret.js';
export type { AzureSecretOptions } from './azure-secret.js';
export { azureAccessToken } from './azure-access-token.js';
export type { AzureTokenCredential } from './azure-access-token.js';
