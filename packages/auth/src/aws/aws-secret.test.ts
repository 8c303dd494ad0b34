import { isSwitchyardError } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { awsSecret, type AwsSecretOptions } from './aws-secret.js';

// AWS JSON 1.1, as Secrets Manager speaks it: POST / with `x-amz-target: secretsmanager.<Operation>`,
// errors as `{"__type": "...", "message": "..."}` with the type also in `x-amzn-errortype`.
const AMZ_JSON = 'application/x-amz-json-1.1';
const TEST_CREDENTIALS = { accessKeyId: 'AKIDSWITCHYARDTEST', secretAccessKey: 'switchyard-test-secret-access-key' };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function source(options: Partial<AwsSecretOptions> = {}) {
  return awsSecret({ secretId: 'prod/hf', region: 'eu-west-1', endpoint: server.url, credentials: TEST_CREDENTIALS, maxAttempts: 1, ...options });
}

function secretValue(body: Record<string, unknown>) {
  return reply.text(
    JSON.stringify({
      ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/hf-AbCdEf',
      Name: 'prod/hf',
      VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1.523477145713e9,
      ...body,
    }),
    { contentType: AMZ_JSON },
  );
}

function awsError(status: number, type: string, message: string) {
  return reply.text(JSON.stringify({ __type: type, message }), { status, contentType: AMZ_JSON, headers: { 'x-amzn-errortype': type } });
}

describe('awsSecret() against a Secrets Manager wire server', () => {
  it('sends a signed GetSecretValue and returns SecretString', async () => {
    server.route('POST', '/', secretValue({ SecretString: 'hf_awsStoredToken0123456789' }));
    const resolved = await source()();
    expect(resolved.secret.reveal()).toBe('hf_awsStoredToken0123456789');
    expect(resolved.source).toBe('aws secret prod/hf');
    const [request] = server.requests;
    expect(request?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(request?.headers['content-type']).toBe(AMZ_JSON);
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDSWITCHYARDTEST\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request, /);
    expect(request?.json).toEqual({ SecretId: 'prod/hf' });
  });

  it('reads a field of a JSON secret and passes the version', async () => {
    server.route('POST', '/', secretValue({ SecretString: JSON.stringify({ token: 'hf_fieldToken0123456789', user: 'ci' }) }));
    const resolved = await source({ field: 'token', versionStage: 'AWSPREVIOUS' })();
    expect(resolved.secret.reveal()).toBe('hf_fieldToken0123456789');
    expect(resolved.source).toBe('aws secret prod/hf#token');
    expect(server.requests[0]?.json).toEqual({ SecretId: 'prod/hf', VersionStage: 'AWSPREVIOUS' });
    const missingField = (await source({ field: 'password' })().catch((error: unknown) => error)) as Error;
    expect(missingField.message).toBe('The aws secret prod/hf#password has no field "password"; its fields are: token, user. Set field to one of them.');
  });

  it('decodes SecretBinary', async () => {
    server.route('POST', '/', secretValue({ SecretBinary: Buffer.from('binary-token-0123456789\n').toString('base64') }));
    expect((await source()()).secret.reveal()).toBe('binary-token-0123456789');
  });

  it('treats ResourceNotFoundException as absent', async () => {
    server.route('POST', '/', awsError(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."));
    const error = await source()().catch((caught: unknown) => caught);
    expect(isCredentialAbsent(error)).toBe(true);
    expect((error as Error).message).toBe('No credential in aws secret prod/hf: not found. Create the secret prod/hf, or check its name and region.');
  });

  it('explains AccessDeniedException without echoing any credential', async () => {
    server.route('POST', '/', awsError(400, 'AccessDeniedException', 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: secretsmanager:GetSecretValue'));
    const error = await source()().catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('auth');
    expect(isCredentialAbsent(error)).toBe(false);
    expect((error as Error).message).toContain('Could not read the aws secret prod/hf (AccessDeniedException, HTTP 400: User: arn:aws:iam');
    expect((error as Error).message).toContain('Grant secretsmanager:GetSecretValue on prod/hf');
    expect(JSON.stringify(error)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('reports a server error as retryable network trouble', async () => {
    server.route('POST', '/', awsError(500, 'InternalServiceError', 'An error occurred on the server side.'));
    const error = await source()().catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && [error.kind, error.status, error.retryable]).toEqual(['network', 500, true]);
  });

  it('rejects invalid options without quoting them', () => {
    expect(() => awsSecret({ secretId: '' })).toThrow(/Invalid awsSecret\(\) options: secretId: give the secret name or ARN/);
    const badCredentials = () => awsSecret({ secretId: 'x', credentials: { accessKeyId: 'AKID', secretAccessKey: 42 } as never });
    expect(badCredentials).toThrow(/credentials.secretAccessKey/);
    expect(() => awsSecret({ secretId: 'x', endpoint: 'ftp://x' })).toThrow(/endpoint/);
  });
});
