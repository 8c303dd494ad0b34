import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { createTransport, scopeCredential, Secret, type HttpTransport } from '@switchyard/core';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { awsSecret } from './aws/aws-secret.js';
import { inspectHfToken } from './hf/inspect-hf-token.js';
import { cached } from './sources/cached.js';
import { chain } from './sources/chain.js';
import { command } from './sources/command.js';
import { env } from './sources/env.js';
import { file } from './sources/file.js';
import { hfToken } from './sources/hf-token.js';
import type { AuthWarning } from './support/auth-warning.js';
import { vaultSecret } from './vault/vault-secret.js';

// For random secrets, nothing this package or core's transport emits — resolved descriptions,
// warnings, errors in every printed form — contains the secret, even when a server echoes it back.
const VARIABLE = 'SWITCHYARD_NO_LEAK_TOKEN';
let server: TestServer;
let transport: HttpTransport;
let directory: string;

const secretArbitrary = fc
  .tuple(fc.constantFrom('', 'hf_', 'sk-', 'hvs.'), fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/))
  .map(([prefix, body]) => prefix + body);

/** Every way the value could be printed: as text, JSON, inspected, and an error's stack and cause. */
function printedForms(value: unknown): string[] {
  const forms = [String(value), format('%s %o %j', value, value, value), inspect(value, { depth: 10, showHidden: true })];
  try {
    forms.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular values have no JSON form; inspect covers them.
  }
  if (value instanceof Error) {
    forms.push(value.message, value.stack ?? '');
    if (value.cause !== undefined) forms.push(...printedForms(value.cause));
  }
  return forms;
}

function assertNoLeak(secret: string, outputs: readonly unknown[]): void {
  for (const output of outputs) {
    for (const form of printedForms(output)) {
      // The redacted form may show a known prefix and the last 4 characters, never a longer run.
      if (form.includes(secret) || form.includes(secret.slice(0, 12)) || form.includes(secret.slice(-12))) {
        throw new Error(`secret leaked in: ${form.slice(0, 300)}`);
      }
    }
  }
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then((value) => value, (error: unknown) => error);
}

beforeAll(async () => {
  server = await startTestServer();
  transport = createTransport();
  directory = await mkdtemp(join(tmpdir(), 'switchyard-no-leak-'));
});
afterAll(async () => {
  await transport.close();
  await server.close();
  await rm(directory, { recursive: true, force: true });
  delete process.env[VARIABLE];
});

describe('no public function, error, event or serialisation emits a secret', () => {
  it('sources, chains, caches, warnings and the HF chain', async () => {
    await fc.assert(
      fc.asyncProperty(secretArbitrary, async (secret) => {
        const outputs: unknown[] = [];
        const warnings: AuthWarning[] = [];
        const onWarning = (warning: AuthWarning) => void warnings.push(warning);
        const secretObject = new Secret(secret, 'test key');
        outputs.push(secretObject, { nested: { secretObject } }, `${secretObject}`);

        process.env[VARIABLE] = `  ${secret}\n`;
        const fromEnv = env(VARIABLE);
        outputs.push(fromEnv, await fromEnv());

        const path = join(directory, 'token');
        await writeFile(path, `${secret}\n`);
        await chmod(path, 0o644);
        const fromFile = cached(chain(env('SWITCHYARD_NO_LEAK_UNSET'), file(path, { onWarning })), { ttlMs: 60_000 });
        outputs.push(fromFile, await fromFile(), await fromFile());
        fromFile.invalidate();

        process.env.HF_TOKEN_PATH = path;
        const hf = hfToken({ onWarning });
        outputs.push(hf, await hf());
        delete process.env.HF_TOKEN_PATH;

        // A secret file that is not JSON, or lacks the field, read as a JSON field.
        server.route('POST', '/', reply.text(JSON.stringify({ Name: 'x', SecretString: JSON.stringify({ other: secret }) }), { contentType: 'application/x-amz-json-1.1' }));
        const aws = { secretId: 'x', region: 'eu-west-1', endpoint: server.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: secret }, maxAttempts: 1 };
        outputs.push(await outcome(awsSecret({ ...aws, field: 'token' })()));
        server.route('POST', '/', reply.text(JSON.stringify({ Name: 'x', SecretString: secret }), { contentType: 'application/x-amz-json-1.1' }));
        outputs.push(await outcome(awsSecret({ ...aws, field: 'token' })()));

        outputs.push(...warnings);
        if (warnings.length === 0) throw new Error('expected a permission warning to check');
        assertNoLeak(secret, outputs);
      }),
      { numRuns: 20 },
    );
  });

  it('a failing command that printed the secret', async () => {
    const script = 'const t = process.env.SWITCHYARD_NO_LEAK_TOKEN.trim(); process.stdout.write(t); console.error("denied: " + t); process.exit(2)';
    await fc.assert(
      fc.asyncProperty(secretArbitrary, async (secret) => {
        process.env[VARIABLE] = secret;
        const source = command([process.execPath, '-e', script]);
        assertNoLeak(secret, [source, await outcome(source())]);
      }),
      { numRuns: 6 },
    );
  });

  it('core transport errors, when servers echo the credential back', async () => {
    await fc.assert(
      fc.asyncProperty(secretArbitrary, async (secret) => {
        server.reset();
        const outputs: unknown[] = [];
        const echo = (request: { headers: Record<string, string> }) => `you sent ${JSON.stringify(request.headers)}`;
        // Vault: 403 and 500 whose bodies quote the token they received.
        server.route('GET', '/v1/secret/data/hf', (request) => reply.json({ errors: [`permission denied: ${echo(request)}`] }, { status: 403 }));
        outputs.push(await outcome(vaultSecret({ address: server.url, path: 'hf', field: 'token', token: secret, transport })()));
        server.route('GET', '/v1/secret/data/hf', (request) => reply.text(`<html>${echo(request)}</html>`, { status: 500, contentType: 'text/html' }));
        outputs.push(await outcome(vaultSecret({ address: server.url, path: 'hf', field: 'token', token: secret, transport })()));
        // The Hub: a 401 and a malformed 200, both echoing the token.
        server.route('GET', '/api/whoami-v2', (request) => reply.json({ error: echo(request) }, { status: 401 }));
        outputs.push(await outcome(inspectHfToken(secret, { hubUrl: server.url, transport })));
        server.route('GET', '/api/whoami-v2', (request) => reply.json({ name: 42, note: echo(request) }));
        outputs.push(await outcome(inspectHfToken(new Secret(secret), { hubUrl: server.url, transport })));
        // Scope refusals.
        const credential = scopeCredential(new Secret(secret), { origins: ['https://api.example.invalid'] });
        outputs.push(credential, await outcome(transport.request({ url: `${server.url}/v1/models`, credential })));
        outputs.push(await outcome(transport.request({ url: 'http://api.example.invalid/v1/models', credential })));
        if (server.requests.length !== 4) throw new Error(`expected 4 requests to reach the server, got ${server.requests.length}`);
        assertNoLeak(secret, outputs);
      }),
      { numRuns: 20 },
    );
  });
});
