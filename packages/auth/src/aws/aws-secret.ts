import { lazySchema, Secret, SwitchyardError, validateInput, type ErrorKind, type ResolvedCredential } from '@switchyard/core';
import type { z } from 'zod';
import { absentAt } from '../support/credential-absent-error.js';
import { defineSource, type DescribedSource } from '../support/define-source.js';
import { missingPeer } from '../support/load-optional-peer.js';
import { pickField } from '../support/pick-field.js';

/** Static AWS credentials (tests, LocalStack); without them the SDK's default chain is used. */
export interface AwsStaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The part of a `SecretsManagerClient` this source uses, so that an existing client can be shared
 * without this package's types depending on the SDK.
 */
export interface SecretsManagerClientLike {
  send(command: unknown): Promise<unknown>;
}

/** Options of {@link awsSecret}. */
export interface AwsSecretOptions {
  /** The secret's name or ARN. */
  secretId: string;
  /** When the secret holds a JSON object, the key to read (`{"token": "hf_…"}` → `"token"`). */
  field?: string;
  /** A version stage (default `AWSCURRENT`, the SDK's default). */
  versionStage?: string;
  /** A version id; wins over `versionStage`. */
  versionId?: string;
  /** AWS region; default from the SDK (`AWS_REGION`, profile). */
  region?: string;
  /** Endpoint override (LocalStack, a VPC endpoint, a test server). */
  endpoint?: string;
  /** Static credentials; default: the SDK's provider chain (env, profile, SSO, instance role…). */
  credentials?: AwsStaticCredentials;
  /** Attempts the SDK makes per read, retries included (SDK default 3). */
  maxAttempts?: number;
  /** An existing client to use instead of creating one (the options above that configure a client are then ignored). */
  client?: SecretsManagerClientLike;
  /** The kind shown in the secret's redacted form. */
  label?: string;
}

const awsSecretOptionsSchema = lazySchema((z) =>
  z
    .object({
      secretId: z.string().min(1, 'give the secret name or ARN'),
      field: z.string().min(1).optional(),
      versionStage: z.string().min(1).optional(),
      versionId: z.string().min(1).optional(),
      region: z.string().min(1).optional(),
      endpoint: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "https://secretsmanager.eu-west-1.amazonaws.com"' }).optional(),
      credentials: z
        .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1).optional() })
        .strict()
        .optional(),
      maxAttempts: z.number().int().positive().optional(),
      client: z.custom<SecretsManagerClientLike>((value) => typeof (value as SecretsManagerClientLike | null)?.send === 'function', 'expected a SecretsManagerClient').optional(),
      label: z.string().optional(),
    })
    .strict(),
);

type SecretsManagerModule = typeof import('@aws-sdk/client-secrets-manager');

/**
 * A credential stored in AWS Secrets Manager, read with the official SDK
 * (`@aws-sdk/client-secrets-manager`, an optional peer dependency loaded on the first call). Each
 * call reads the secret; wrap it in `cached()` to reuse it. A secret that does not exist is absent
 * (`credential-absent`); denied access, bad AWS credentials and other failures are `auth` errors
 * naming the secret. The resolved `source` is `"aws secret <secretId>[#field]"`.
 *
 * @example
 * const hf = cached(awsSecret({ secretId: 'prod/hf-token', region: 'eu-west-1' }), { ttlMs: 10 * 60_000 });
 */
export function awsSecret(options: AwsSecretOptions): DescribedSource {
  // Static credentials hold a secret key: validation messages never quote values, only paths.
  const parsed = validateInput(awsSecretOptionsSchema, options, 'awsSecret() options');
  const where = `aws secret ${parsed.secretId}${parsed.field ? `#${parsed.field}` : ''}`;
  let clientPromise: Promise<{ module: SecretsManagerModule; client: SecretsManagerClientLike }> | undefined;

  const connect = () => {
    clientPromise ??= import('@aws-sdk/client-secrets-manager').then(
      (module) => ({
        module,
        client:
          parsed.client ??
          new module.SecretsManagerClient({
            ...(parsed.region ? { region: parsed.region } : {}),
            ...(parsed.endpoint ? { endpoint: parsed.endpoint } : {}),
            ...(parsed.credentials ? { credentials: parsed.credentials } : {}),
            ...(parsed.maxAttempts ? { maxAttempts: parsed.maxAttempts } : {}),
          }),
      }),
      (error: unknown) => {
        clientPromise = undefined;
        throw missingPeer(error, '@aws-sdk/client-secrets-manager', '@switchyard/auth/aws');
      },
    );
    return clientPromise;
  };

  return defineSource(async (): Promise<ResolvedCredential> => {
    const { module, client } = await connect();
    const command = new module.GetSecretValueCommand({
      SecretId: parsed.secretId,
      ...(parsed.versionId ? { VersionId: parsed.versionId } : parsed.versionStage ? { VersionStage: parsed.versionStage } : {}),
    });
    let output: { SecretString?: string; SecretBinary?: Uint8Array };
    try {
      output = (await client.send(command)) as typeof output;
    } catch (error) {
      throw awsFailure(error, where, parsed.secretId);
    }
    const stored = output.SecretString ?? (output.SecretBinary ? Buffer.from(output.SecretBinary).toString('utf8') : undefined);
    if (stored === undefined) throw absentAt(where, 'no value', `Store a value in ${parsed.secretId}.`);
    const value = (parsed.field ? pickField(stored, parsed.field, where) : stored).trim();
    if (!value) throw absentAt(where, 'empty', `Store a value in ${parsed.secretId}.`);
    return { secret: new Secret(value, parsed.label), source: where };
  }, where);
}

/** What went wrong, from the SDK's error name (its `__type` / `x-amzn-errortype` on the wire). */
function awsFailure(error: unknown, where: string, secretId: string): SwitchyardError {
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const errorName = typeof name === 'string' ? name : 'Error';
  if (errorName === 'ResourceNotFoundException') {
    return absentAt(where, 'not found', `Create the secret ${secretId}, or check its name and region.`);
  }
  const advice: Record<string, [ErrorKind, string]> = {
    AccessDeniedException: ['auth', `Grant secretsmanager:GetSecretValue on ${secretId} (and kms:Decrypt on its key) to these AWS credentials.`],
    UnrecognizedClientException: ['auth', 'The AWS access key is not valid: check AWS_ACCESS_KEY_ID / the profile in use.'],
    InvalidSignatureException: ['auth', 'The AWS secret access key does not match the access key: check the credentials in use.'],
    ExpiredTokenException: ['auth', 'The AWS session has expired: sign in again (aws sso login) or refresh the session token.'],
    CredentialsProviderError: ['auth', 'No AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an instance role.'],
    DecryptionFailure: ['auth', `Secrets Manager could not decrypt ${secretId} with its KMS key: check the key policy.`],
    InvalidRequestException: ['auth', `The secret ${secretId} cannot be read now (it may be scheduled for deletion): restore it or use another.`],
  };
  const [kind, whatToDo] =
    advice[errorName] ??
    (/region/i.test(String((error as Error | null)?.message)) && status === undefined
      ? ['invalid-request' as const, 'Set region in awsSecret() options, or AWS_REGION.']
      : status === undefined || status >= 500
        ? ['network' as const, 'Check the endpoint and network, then retry.']
        : ['auth' as const, 'Check the secret id, region and permissions.']);
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new SwitchyardError(kind, `Could not read the ${where} (${errorName}${status ? `, HTTP ${status}` : ''}${detail}). ${whatToDo}`, {
    ...(status !== undefined ? { status } : {}),
    retryable: kind === 'network',
    cause: error,
  });
}
