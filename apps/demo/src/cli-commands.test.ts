import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { createCliHome, outputOf, runCli, useCliTestbed } from './test-support/run-cli.js';

const HF_TOKEN = 'hf_demoDoctorToken0123456789abcdefgh';

const testbed = useCliTestbed();

/** The Hub's whoami-v2 for a fine-grained token (the shape inspectHfToken reads). */
function whoami(global: string[]) {
  return reply.json({
    type: 'user',
    name: 'alice',
    auth: { type: 'access_token', accessToken: { displayName: 'laptop', role: 'fineGrained', fineGrained: { global, scoped: [] } } },
  });
}

describe('switchyard providers', () => {
  it('tables every provider: reachable or not, latency, kind, the credential source redacted, where it is', async () => {
    testbed.server.route('GET', '/api/version', reply.json({ version: '0.6.2' }));
    testbed.server.route('GET', '/api/whoami-v2', whoami(['inference.serverless.write']));
    const run = await runCli(['providers'], testbed.home.env({ OLLAMA_HOST: testbed.server.url, HF_TOKEN, SWITCHYARD_HF_HUB_URL: testbed.server.url, SWITCHYARD_HF_ROUTER_URL: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^PROVIDER\s+KIND\s+STATUS\s+LATENCY\s+CREDENTIAL\s+WHERE\s+DETAIL$/);
    // A health check's latency: milliseconds, or seconds on a loaded machine.
    const latency = '(\\d+ ms|\\d+\\.\\d s)';
    expect(rows[1]).toMatch(new RegExp(`^ollama\\s+local\\s+✓ reachable\\s+${latency}\\s+none needed\\s+${testbed.server.url}\\s+version 0\\.6\\.2$`));
    expect(rows[2]).toMatch(new RegExp(`^hf\\s+cloud\\s+✓ reachable\\s+${latency}\\s+env HF_TOKEN, Secret\\(hf_…efgh\\)\\s+${testbed.server.url}\\s+token of alice$`));
    expect(rows[3]).toMatch(/^openai\s+cloud\s+not configured\s+-\s+-\s+-\s+set OPENAI_BASE_URL/);
    expect(rows[4]).toMatch(new RegExp(`^embedded\\s+local\\s+✓ ready\\s+${latency}\\s+none needed\\s+${sharedPath('models', 'stories260K.gguf')}`));
    expect(run.stdout + run.stderr).not.toContain(HF_TOKEN);
  });

  it('says what to do about an unreachable Ollama and a missing token; --json parses', async () => {
    const run = await runCli(['providers', '--json'], testbed.home.env({ OLLAMA_HOST: testbed.refused, OPENAI_BASE_URL: `${testbed.refused}/v1` }));
    expect(run.code, outputOf(run)).toBe(0);
    const { providers } = JSON.parse(run.stdout) as { providers: Array<Record<string, unknown>> };
    expect(providers.map((row) => [row.provider, row.status])).toEqual([
      ['ollama', 'unreachable'],
      ['hf', 'skipped'],
      ['openai', 'unreachable'],
      ['embedded', 'ready'],
    ]);
    expect(providers[0]).toMatchObject({ kind: 'local', credential: 'none needed', location: testbed.refused });
    expect(providers[1]).toMatchObject({ detail: 'no token', advice: 'set HF_TOKEN or run `hf auth login`' });
    expect(providers[2]).toMatchObject({ kind: 'local', credential: 'none (OPENAI_API_KEY not set)' });
    const table = await runCli(['providers'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(table.stdout).toMatch(/ollama\s+local\s+✗ unreachable .*connection refused — is `ollama serve` running\?/);
    expect(table.stdout).toMatch(/hf\s+cloud\s+skipped: no token .*set HF_TOKEN or run `hf auth login`/);
  });
});

describe('switchyard doctor', () => {
  it('reports the token role and advice, a token file others can read, and what auto would try and why', async () => {
    const doctorHome = createCliHome();
    try {
      // A token saved by `hf auth login`, readable by everyone: doctor must say so and how to fix it.
      const tokenDir = join(doctorHome.path, '.cache', 'huggingface');
      mkdirSync(tokenDir, { recursive: true });
      writeFileSync(join(tokenDir, 'token'), `${HF_TOKEN}\n`);
      chmodSync(join(tokenDir, 'token'), 0o644);
      testbed.server.route('GET', '/api/version', reply.json({ version: '0.6.2' }));
      testbed.server.route('GET', '/api/tags', reply.json({ models: [] }));
      // A fine-grained token with the inference permission and one it does not need.
      testbed.server.route('GET', '/api/whoami-v2', whoami(['inference.serverless.write', 'repo.write']));
      // XDG_CACHE_HOME would take the token chain to <home>/cache first: unset it, as on most machines.
      const env = doctorHome.env({ OLLAMA_HOST: testbed.server.url, SWITCHYARD_HF_HUB_URL: testbed.server.url, SWITCHYARD_HF_ROUTER_URL: testbed.server.url, XDG_CACHE_HOME: undefined });
      const run = await runCli(['doctor'], env);
      expect(run.code, outputOf(run)).toBe(0);
      expect(run.stdout).toContain('✓ found: file ~/.cache/huggingface/token, Secret(hf_…efgh)');
      expect(run.stdout).toContain('! token file ~/.cache/huggingface/token has mode 644');
      expect(run.stdout).toContain('readable by group and others (mode 644). Restrict it to your user: chmod 600');
      expect(run.stdout).toContain('✓ user alice, fine-grained token "laptop": may call Inference Providers');
      expect(run.stdout).toContain('Besides inference, this token grants: repo.write');
      // auto: Ollama answers but lacks the model, so it would fail over; HF would answer.
      expect(run.stdout).toMatch(/1\. ollama · llama3\.2: would fail over — reachable, but llama3\.2 is not pulled \(run `ollama pull llama3\.2`\)/);
      expect(run.stdout).toMatch(/2\. hf · meta-llama\/Llama-3\.1-8B-Instruct: would answer/);
      expect(run.stdout).toMatch(/ – openai: skipped — OPENAI_BASE_URL not set/);
      expect(run.stdout).toContain('→ a chat would be answered by hf');
      expect(run.stdout).toContain(`usage ledger        ${doctorHome.path}/state/switchyard/usage.ndjson`);
      expect(run.stdout + run.stderr).not.toContain(HF_TOKEN);

      chmodSync(join(tokenDir, 'token'), 0o600);
      const json = JSON.parse((await runCli(['doctor', '--json'], env)).stdout) as { hfToken: Record<string, unknown>; auto: { steps: Array<{ provider: string; verdict: string }> } };
      expect(json.hfToken).toMatchObject({ found: true, source: 'file ~/.cache/huggingface/token', file: { mode: '600', private: true }, warnings: [], report: { role: 'fine-grained', canCallInferenceProviders: true } });
      expect(json.auto.steps.map((step) => [step.provider, step.verdict])).toEqual([
        ['ollama', 'would-fail-over'],
        ['hf', 'would-answer'],
        ['openai', 'skipped'],
        ['embedded', 'would-answer'],
      ]);
    } finally {
      doctorHome.remove();
    }
  });

  it('without a token: where it looked and how to get one; Ollama down; the embedded model answers', async () => {
    const run = await runCli(['doctor'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toContain('✗ no token — set HF_TOKEN or run `hf auth login`');
    expect(run.stdout).toMatch(/looked at: env HF_TOKEN \(not set\); env HUGGING_FACE_HUB_TOKEN \(not set\);/);
    expect(run.stdout).toMatch(/1\. ollama · llama3\.2: would fail over — unreachable \(connection refused\) — is `ollama serve` running\?/);
    expect(run.stdout).toMatch(/ – hf · meta-llama\/Llama-3\.1-8B-Instruct: skipped — no token — set HF_TOKEN or run `hf auth login`/);
    expect(run.stdout).toMatch(/2\. embedded · stories: would answer — model file on disk: .*stories260K\.gguf/);
    expect(run.stdout).toContain('→ a chat would be answered by embedded');
  });
});

describe('switchyard models', () => {
  it('lists each ready provider\'s models; an unreachable one is a row, not a failure', async () => {
    // The /api/tags shape of Ollama's docs/api.md.
    testbed.server.route('GET', '/api/tags', reply.json({ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest', size: 2019393189, digest: 'a80c4f17acd5', details: { family: 'llama', parameter_size: '3.2B' } }] }));
    const run = await runCli(['models'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/^PROVIDER\s+MODEL\s+DETAILS$/m);
    expect(run.stdout).toMatch(/^ollama\s+llama3\.2:latest/m);
    expect(run.stdout).toMatch(/^embedded\s+stories\s+local$/m);

    const down = await runCli(['models', '--json'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(down.code, outputOf(down)).toBe(0);
    const { providers } = JSON.parse(down.stdout) as { providers: Array<{ provider: string; models: unknown[]; error?: { kind: string } }> };
    expect(providers.map((entry) => [entry.provider, entry.error?.kind, entry.models.length])).toEqual([
      ['ollama', 'network', 0],
      ['embedded', undefined, 1],
    ]);
  });
});
