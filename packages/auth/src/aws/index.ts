// @switchyard/auth/aws: AWS Secrets Manager. The SDK is an optional peer, loaded on first use.
export { awsSecret } from './aws-secret.js';
export type { AwsSecretOptions, AwsStaticCredentials, SecretsManagerClientLike } from './aws-secret.js';
