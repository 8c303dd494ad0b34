import { reply, fault } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { outputOf, runCli, useCliTestbed } from './test-support/run-cli.js';

// Each error kind ends the process with its own code (the table in README.md) and a message that
// says what to do.

const HF_TOKEN = 'hf_demoExitCodeToken0123456789abcde';

const testbed = useCliTestbed();

describe('exit codes per error kind', () => {
  it('2: a usage error names the flag and sends nothing', async () => {
    const unknownFlag = await runCli(['chat', '--bogus', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(unknownFlag.code, outputOf(unknownFlag)).toBe(2);
    expect(unknownFlag.stderr).toContain("switchyard: unknown option '--bogus'");
    const badTimeout = await runCli(['chat', '--timeout', 'soon', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(badTimeout.code, outputOf(badTimeout)).toBe(2);
    expect(badTimeout.stderr).toContain('--timeout must be a duration such as 30, 30s, 500ms or 2m');
    const wrongCommandFlag = await runCli(['embed', '--system', 'x', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(wrongCommandFlag.code, outputOf(wrongCommandFlag)).toBe(2);
    expect(wrongCommandFlag.stderr).toContain('--system does not apply to `switchyard embed`');
    const unknownProvider = await runCli(['chat', '--provider', 'groq', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(unknownProvider.code, outputOf(unknownProvider)).toBe(2);
    expect(unknownProvider.stderr).toContain('Unknown provider "groq" in --provider: the providers are ollama, hf, openai, embedded');
    expect(testbed.server.requests).toHaveLength(0);
  });

  it('20 network: Ollama is not running — "is `ollama serve` running?"', async () => {
    const run = await runCli(['chat', '--provider', 'ollama', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(run.code, outputOf(run)).toBe(20);
    expect(run.stderr).toContain('Could not reach Ollama');
    expect(run.stderr).toContain('→ is `ollama serve` running?');
    expect(run.stderr).toContain('(network: exit code 20)');
  });

  it('11 auth: Hugging Face pinned without a token, or with a token it rejects — "set HF_TOKEN or run `hf auth login`"', async () => {
    const missing = await runCli(['chat', '--provider', 'hf', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(missing.code, outputOf(missing)).toBe(11);
    expect(missing.stderr).toContain('Hugging Face is skipped: no token found. To use it, set HF_TOKEN or run `hf auth login`.');

    testbed.server.route('GET', '/api/models/meta-llama/Llama-3.1-8B-Instruct', fault.status(401, { body: { error: 'Invalid credentials in Authorization header' } }));
    const rejected = await runCli(['chat', '--provider', 'hf', 'hi'], testbed.home.env({ HF_TOKEN, SWITCHYARD_HF_HUB_URL: testbed.server.url, SWITCHYARD_HF_ROUTER_URL: testbed.server.url }));
    expect(rejected.code, outputOf(rejected)).toBe(11);
    expect(rejected.stderr).toContain('→ set HF_TOKEN or run `hf auth login`');
    expect(rejected.stdout + rejected.stderr).not.toContain(HF_TOKEN);
  });

  it('14 model-not-found: Ollama lacks the model — "run `ollama pull`"', async () => {
    // Ollama's answer for a model it does not have (docs/api.md).
    testbed.server.route('POST', '/api/chat', fault.status(404, { body: { error: 'model "nosuch" not found, try pulling it first' } }));
    const run = await runCli(['chat', '--provider', 'ollama', '--model', 'nosuch', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(14);
    expect(run.stderr).toContain('→ run `ollama pull nosuch`');
  });

  it('15 rate-limit: a 429 that asks for a longer wait than the client allows surfaces at once', async () => {
    testbed.server.route('POST', '/api/chat', fault.status(429, { retryAfter: 3600, body: { error: 'too many requests' } }));
    const run = await runCli(['chat', '--provider', 'ollama', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(15);
    expect(run.stderr).toContain('→ wait and try again, or pick another provider with --provider');
  });

  it('19 timeout: --timeout bounds the call even when the server never answers', async () => {
    testbed.server.route('POST', '/api/chat', fault.slowHeaders(20_000, reply.json({})));
    const started = performance.now();
    const run = await runCli(['chat', '--provider', 'ollama', '--timeout', '1s', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(19);
    expect(run.stderr).toContain('→ raise --timeout, or pick a faster provider with --provider');
    // Well before the server's 20 s: the deadline, not the server, ended the run.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('26 unsupported: a provider that cannot do the task', async () => {
    const run = await runCli(['image', '--provider', 'ollama', 'a cat'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(26);
    expect(run.stderr).toContain('does not implement textToImage');
    expect(run.stderr).toContain('→ pick a provider that does this with --provider');
  });

  it('27 all-providers-failed: every attempt with its reason and what to do', async () => {
    const run = await runCli(['chat', '--provider', 'ollama,openai', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.refused, OPENAI_BASE_URL: `${testbed.refused}/v1` }));
    expect(run.code, outputOf(run)).toBe(27);
    expect(run.stderr).toContain('✗ No provider could answer');
    expect(run.stderr).toMatch(/✗ ollama · llama3\.2: connection refused — is `ollama serve` running\?/);
    expect(run.stderr).toMatch(/✗ openai · gpt-4o-mini: connection refused — is the server at OPENAI_BASE_URL running\?/);
  });

  it('--json reports a failure as one document with its kind and exit code', async () => {
    const run = await runCli(['chat', '--json', '--provider', 'ollama', 'hi'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(run.code, outputOf(run)).toBe(20);
    const { error } = JSON.parse(run.stdout) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ kind: 'network', provider: 'ollama', exitCode: 20, networkPhase: 'pre-send' });
    expect(run.stderr).toBe('');
  });
});
