import { isSwitchyardError, Secret } from '@switchyard/core';
import { reply } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../test-support/failure-of.js';
import { useLoopback } from '../test-support/use-loopback.js';
import { INFERENCE_PERMISSION, inspectHfToken } from './inspect-hf-token.js';

const TOKEN = 'hf_inspectTestToken0123456789abcdef';
const loopback = useLoopback();

/** A user's whoami-v2 answer; `accessToken` varies by token type. */
function whoami(accessToken: Record<string, unknown>) {
  return reply.json({
    type: 'user',
    id: '5f17f0a0925b9863e28ad517',
    name: 'alice',
    fullname: 'Alice',
    email: 'alice@example.com',
    emailVerified: true,
    canPay: true,
    isPro: false,
    periodEnd: null,
    avatarUrl: '/avatars/alice.svg',
    orgs: [{ type: 'org', name: 'acme', roleInOrg: 'write' }],
    auth: { type: 'access_token', accessToken: { displayName: 'laptop', createdAt: '2025-01-10T09:00:00.000Z', ...accessToken } },
  });
}

function fineGrained(global: string[], scoped: Array<{ type: string; name: string; permissions: string[] }> = []) {
  return whoami({
    role: 'fineGrained',
    fineGrained: {
      canReadGatedRepos: false,
      global,
      scoped: scoped.map(({ type, name, permissions }) => ({ entity: { _id: `id-${name}`, type, name }, permissions })),
    },
  });
}

async function inspect(route: ReturnType<typeof reply.json>) {
  loopback.server.route('GET', '/api/whoami-v2', route);
  return inspectHfToken(TOKEN, { hubUrl: loopback.server.url, transport: loopback.transport });
}


describe('inspectHfToken()', () => {
  it('calls GET /api/whoami-v2 with the token as a bearer credential', async () => {
    const report = await inspect(whoami({ role: 'read' }));
    expect(loopback.server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(report).toMatchObject({ user: 'alice', accountType: 'user', tokenName: 'laptop', role: 'read', rawRole: 'read', canCallInferenceProviders: true, permissions: undefined });
    expect(report.advice).toEqual([expect.stringContaining('This is a read token: it can read all your private repositories. For inference only, create a fine-grained token')]);
  });

  it('advises a fine-grained inference token instead of a write token', async () => {
    const report = await inspect(whoami({ role: 'write' }));
    expect(report.role).toBe('write');
    expect(report.canCallInferenceProviders).toBe(true);
    expect(report.advice).toHaveLength(1);
    expect(report.advice[0]).toContain('This is a write token');
    expect(report.advice[0]).toContain(`https://huggingface.co/settings/tokens/new?ownUserPermissions=${INFERENCE_PERMISSION}&tokenType=fineGrained`);
  });

  it('gives no advice to a fine-grained token with only the inference permission', async () => {
    const report = await inspect(fineGrained([INFERENCE_PERMISSION]));
    expect(report).toMatchObject({ role: 'fine-grained', rawRole: 'fineGrained', canCallInferenceProviders: true, advice: [] });
    expect(report.permissions).toEqual({ global: [INFERENCE_PERMISSION], scoped: [] });
  });

  it('accepts the inference permission scoped to the token owner', async () => {
    const report = await inspect(fineGrained([], [{ type: 'user', name: 'alice', permissions: [INFERENCE_PERMISSION] }]));
    expect(report.canCallInferenceProviders).toBe(true);
    expect(report.advice).toEqual([]);
  });

  it('says how to enable inference on a fine-grained token without it', async () => {
    const report = await inspect(fineGrained(['discussion.write'], [{ type: 'model', name: 'alice/private-model', permissions: ['repo.content.read'] }]));
    expect(report.canCallInferenceProviders).toBe(false);
    expect(report.advice).toEqual([
      `This fine-grained token cannot call Inference Providers: edit it at https://huggingface.co/settings/tokens and enable "Make calls to Inference Providers" (${INFERENCE_PERMISSION}).`,
    ]);
  });

  it('names the permissions an inference token does not need', async () => {
    const report = await inspect(fineGrained([INFERENCE_PERMISSION, 'post.write'], [{ type: 'user', name: 'alice', permissions: ['repo.write', INFERENCE_PERMISSION] }]));
    expect(report.canCallInferenceProviders).toBe(true);
    expect(report.advice).toEqual([
      `Besides inference, this token grants: post.write, repo.write on user alice. A token used only for inference needs just ${INFERENCE_PERMISSION}.`,
    ]);
  });

  it('reports inference billed only to an organisation', async () => {
    const report = await inspect(fineGrained([], [{ type: 'org', name: 'acme', permissions: [INFERENCE_PERMISSION] }]));
    expect(report.canCallInferenceProviders).toBe(false);
    expect(report.inferenceBillableOrgs).toEqual(['acme']);
    expect(report.advice[0]).toContain('only billed to acme (send X-HF-Bill-To)');
  });

  it('accepts a Secret or a source, such as hfToken()', async () => {
    loopback.server.route('GET', '/api/whoami-v2', whoami({ role: 'read' }));
    await inspectHfToken(new Secret(TOKEN), { hubUrl: loopback.server.url, transport: loopback.transport });
    await inspectHfToken(async () => ({ secret: new Secret(TOKEN), source: 'test' }), { hubUrl: loopback.server.url, transport: loopback.transport });
    expect(loopback.server.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('says to create a new token when the Hub rejects it', async () => {
    loopback.server.route('GET', '/api/whoami-v2', reply.json({ error: `Invalid credentials in Authorization header: ${TOKEN}` }, { status: 401 }));
    const error = await failureOf(inspectHfToken(TOKEN, { hubUrl: loopback.server.url, transport: loopback.transport }));
    expect(isSwitchyardError(error) && [error.kind, error.status]).toEqual(['auth', 401]);
    expect(error.message).toBe(`Hugging Face rejected the token at ${loopback.server.url}/api/whoami-v2 (401): it is invalid, expired or revoked. Create a new one at https://huggingface.co/settings/tokens.`);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('reports a malformed answer as invalid-response', async () => {
    loopback.server.route('GET', '/api/whoami-v2', reply.json({ unexpected: true }));
    const error = await failureOf(inspectHfToken(TOKEN, { hubUrl: loopback.server.url, transport: loopback.transport }));
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-response');
  });

  it('rejects an empty token and invalid options without echoing them', async () => {
    await expect(inspectHfToken('  ')).rejects.toThrow('Invalid inspectHfToken() token: expected a non-empty string, a Secret or a credential source such as hfToken().');
    await expect(inspectHfToken(TOKEN, { hubUrl: 'huggingface.co' })).rejects.toThrow(/hubUrl: expected the Hub URL/);
    await expect(inspectHfToken(TOKEN, { hubUrl: 'http://hub.example.invalid' })).rejects.toThrow(/plain HTTP/);
  });
});
