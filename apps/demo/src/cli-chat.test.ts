import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChunksFixture, readJsonFixture, readNdjsonFixture, reply, fault, sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { createCliHome, outputOf, runCli, useCliTestbed } from './test-support/run-cli.js';

// The built CLI end to end: an Ollama and a Hugging Face stand-in on loopback (their real wire
// formats, replayed from recorded traffic), and the real embedded stories260K model.

const HF_TOKEN = 'hf_demoCliTestToken0123456789abcdef';
const HF_CHAT_MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
// ../shared/models/README.md: greedy "Once upon a time" continues like this.
const STORY_START = ', there was a little girl named Lily';

// Ollama's own /api/chat stream, recorded by semantic-kernel (model phi3).
const ollamaStream = readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt') as Array<{ message?: { content?: string } }>;
const ollamaText = ollamaStream.map((line) => line.message?.content ?? '').join('');
// A real OpenAI-format stream (gpt-4.1-nano), standing in for an Inference Provider behind the HF router.
const openAiChunks = readChunksFixture('openai-compat-streams/openai-chat/openai-text.chunks.txt');
const openAiText = openAiChunks.map((line) => (JSON.parse(line) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '').join('');

const testbed = useCliTestbed();

/** The Hugging Face stand-in: the Hub's provider mapping, the router's price list, together's chat. */
function routeHuggingFaceChat(): void {
  testbed.server.route('GET', `/api/models/${HF_CHAT_MODEL}`, reply.json({
    id: HF_CHAT_MODEL,
    inferenceProviderMapping: { together: { status: 'live', providerId: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', task: 'conversational' } },
  }));
  testbed.server.route('GET', '/v1/models', reply.json({ object: 'list', data: [{ id: HF_CHAT_MODEL, providers: [{ provider: 'together', pricing: { input: 0.18, output: 0.18 } }] }] }));
  testbed.server.route('POST', '/together/v1/chat/completions', reply.sse(openAiChunks));
}

describe('switchyard chat', () => {
  it('on a bare machine: Ollama refused, HF skipped for want of a token, the embedded model streams its story', async () => {
    const run = await runCli(['chat', '--max-tokens', '12', '--temperature', '0', 'Once upon a time'], testbed.home.env({ OLLAMA_HOST: testbed.refused }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout.startsWith(STORY_START)).toBe(true);
    expect(run.stdout.endsWith('\n')).toBe(true);
    // The attempts as they happen, then the footer: provider and model, attempts with reasons, speed, cost.
    expect(run.stderr).toContain('✗ ollama · llama3.2: could not connect — is `ollama serve` running?');
    expect(run.stderr).toContain('– hf skipped: no token — set HF_TOKEN or run `hf auth login`');
    expect(run.stderr).toContain('✓ embedded · stories');
    expect(run.stderr).toMatch(/attempts {2}ollama ✗ connection refused → hf skipped \(no token\) → embedded ✓/);
    expect(run.stderr).toMatch(/speed {5}first token \d+(\.\d+)? (ms|s) · \d+\.\d tokens\/s · /);
    expect(run.stderr).toMatch(/tokens {4}\d+ in · 12 out/);
    expect(run.stderr).toContain('cost      $0 (per-request)');
    // Piped: no escape code anywhere, and no spinner frames.
    expect(run.stdout + run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\r');
  });

  it('streams an Ollama answer in Ollama\'s wire format, sending the system message and the default model', async () => {
    testbed.server.route('POST', '/api/chat', reply.ndjson(ollamaStream, { delayMs: 5 }));
    const run = await runCli(['chat', '--system', 'Answer briefly.', 'Say something'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toBe(`${ollamaText}\n`);
    expect(run.stderr).toContain('✓ ollama · phi3');
    expect(run.stderr).toMatch(/attempts {2}ollama ✓/);
    const body = testbed.server.requests[0]!.json as { model: string; stream: boolean; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe('llama3.2');
    expect(body.stream).toBe(true);
    expect(body.messages).toEqual([
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Say something' },
    ]);
  });

  it('fails over from an overloaded Ollama to a Hugging Face route, priced from the router list', async () => {
    testbed.server.route('POST', '/api/chat', fault.status(503, { body: { error: 'server busy' } }));
    routeHuggingFaceChat();
    const run = await runCli(['chat', 'Hello'], testbed.home.env({ OLLAMA_HOST: testbed.server.url, HF_TOKEN, SWITCHYARD_HF_ROUTER_URL: testbed.server.url, SWITCHYARD_HF_HUB_URL: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toBe(`${openAiText}\n`);
    expect(run.stderr).toMatch(/attempts {2}ollama ✗ (overloaded|server error) 503 → hf\/together ✓/);
    expect(run.stderr).toMatch(/cost {6}\$\S+ \(per-token\)/);
    // The token went to the HF stand-in only, and never into the output.
    expect(run.stdout + run.stderr).not.toContain(HF_TOKEN);
    const hfPost = testbed.server.requests.find((request) => request.path === '/together/v1/chat/completions')!;
    expect(hfPost.headers.authorization).toBe(`Bearer ${HF_TOKEN}`);
    expect(testbed.server.requests.find((request) => request.path === '/api/chat')!.headers.authorization).toBeUndefined();
  });

  it('--json prints one document: the final response with its trace, its cost (unknown, never a silent zero) and the skipped providers', async () => {
    // Ollama down, no HF token, an OpenAI-compatible endpoint (OPENAI_BASE_URL) with no price configured.
    testbed.server.route('POST', '/v1/chat/completions', reply.sse(openAiChunks));
    const run = await runCli(['chat', '--json', 'Hello'], testbed.home.env({ OLLAMA_HOST: testbed.refused, OPENAI_BASE_URL: `${testbed.server.url}/v1`, OPENAI_MODEL: 'gpt-4.1-nano' }));
    expect(run.code, outputOf(run)).toBe(0);
    const response = JSON.parse(run.stdout) as Record<string, unknown> & { trace: Array<Record<string, unknown>> };
    expect(response).toMatchObject({
      text: openAiText,
      provider: 'openai',
      finishReason: 'stop',
      cost: { currency: 'USD', basis: 'unknown' },
      skippedProviders: [{ provider: 'hf', reason: 'no token' }],
    });
    // No price for that endpoint: no amount at all, and the reason says what to configure.
    expect(response.cost).not.toHaveProperty('amount');
    expect((response.cost as { reason: string }).reason).toBeTruthy();
    expect(response.trace.map((attempt) => [attempt.provider, attempt.model, attempt.outcome, attempt.errorKind])).toEqual([
      ['ollama', 'llama3.2', 'error', 'network'],
      ['openai', 'gpt-4.1-nano', 'success', undefined],
    ]);
    expect((testbed.server.requests[0]!.json as { model: string }).model).toBe('gpt-4.1-nano');
    // Machine output: no footer or narration lines.
    expect(run.stderr).toBe('');
  });

  it('reads the prompt from standard input when none is given', async () => {
    testbed.server.route('POST', '/api/chat', reply.ndjson(ollamaStream));
    const run = await runCli(['chat', '--provider', 'ollama'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }), { input: 'Piped question\n' });
    expect(run.code, outputOf(run)).toBe(0);
    expect((testbed.server.requests[0]!.json as { messages: Array<{ content: string }> }).messages).toEqual([{ role: 'user', content: 'Piped question' }]);
  });
});

describe('the embedded model on a machine without it', () => {
  it('downloads it from the Hub into the models folder, reporting progress, then answers', async () => {
    const gguf = readFileSync(sharedPath('models', 'stories260K.gguf'));
    // The Hub's file URL for hf:ggml-org/models/tinyllamas/stories260K.gguf.
    testbed.server.route('GET', '/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf', reply.bytes(gguf, { contentType: 'application/octet-stream' }));
    const modelsDir = join(testbed.home.path, 'fresh-models');
    const run = await runCli(
      ['chat', '--provider', 'embedded', '--max-tokens', '12', '--temperature', '0', 'Once upon a time'],
      testbed.home.env({ OLLAMA_HOST: testbed.refused, SWITCHYARD_MODELS_DIR: modelsDir, SWITCHYARD_HF_HUB_URL: testbed.server.url }),
    );
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout.startsWith(STORY_START)).toBe(true);
    // Piped, each stage is one line (a terminal gets a bar instead).
    expect(run.stderr).toContain('embedded: downloading stories260K.gguf');
    expect(run.stderr).toContain('embedded: downloaded stories260K.gguf');
    expect(run.stderr).toContain('embedded: loading stories');
    expect(existsSync(join(modelsDir, 'stories260K.gguf'))).toBe(true);
    expect(testbed.server.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
  });
});

describe('switchyard complete and embed', () => {
  it('streams a completion from Ollama\'s /api/generate', async () => {
    // Ollama's /api/generate stream, recorded by semantic-kernel.
    const generateStream = readNdjsonFixture('semantic-kernel/ollama/text_generation_test_response_stream.txt') as Array<{ response?: string }>;
    testbed.server.route('POST', '/api/generate', reply.ndjson(generateStream));
    const run = await runCli(['complete', '--provider', 'ollama', '--max-tokens', '10', 'Once upon a time'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toBe(`${generateStream.map((line) => line.response ?? '').join('')}\n`);
    expect(testbed.server.requests[0]!.json).toMatchObject({ model: 'llama3.2', prompt: 'Once upon a time', stream: true, options: { num_predict: 10 } });
    expect(run.stderr).toMatch(/attempts {2}ollama ✓/);
  });

  it('embeds each text (arguments or lines of standard input) through Ollama\'s /api/embed', async () => {
    const recorded = readJsonFixture('semantic-kernel/ollama/embeddings_test_response.json') as { embeddings: number[][] };
    testbed.server.route('POST', '/api/embed', reply.json(recorded));
    const run = await runCli(['embed', '--provider', 'ollama', '--json'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }), { input: 'a cat\na dog\n' });
    expect(run.code, outputOf(run)).toBe(0);
    expect((JSON.parse(run.stdout) as { embeddings: number[][] }).embeddings).toEqual(recorded.embeddings);
    expect(testbed.server.requests[0]!.json).toMatchObject({ model: 'nomic-embed-text', input: ['a cat', 'a dog'] });
    const table = await runCli(['embed', '--provider', 'ollama', 'a cat', 'a dog'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(table.stdout.split('\n')[0]).toBe(`[0] 5 dimensions  ${recorded.embeddings[0]!.map((value) => value.toFixed(4)).join(' ')}  a cat`);
  });
});

describe('switchyard usage', () => {
  it('records every run in the ledger under XDG_STATE_HOME and sums it; reset clears it', async () => {
    const ledgerHome = createCliHome();
    try {
      testbed.server.route('POST', '/api/chat', [fault.status(500, { body: { error: 'boom' } }), reply.ndjson(ollamaStream)]);
      const env = ledgerHome.env({ OLLAMA_HOST: testbed.server.url });
      expect((await runCli(['chat', '--provider', 'ollama', 'One'], env)).code).toBe(0);
      expect((await runCli(['chat', '--provider', 'ollama', 'Two'], env)).code).toBe(0);
      const usage = await runCli(['usage', '--json'], env);
      const summary = JSON.parse(usage.stdout) as { runs: number; path: string; rows: Array<{ provider: string; model: string; requests: number; failed: number; outputTokens: number }> };
      expect(summary.runs).toBe(2);
      expect(summary.path).toBe(`${ledgerHome.path}/state/switchyard/usage.ndjson`);
      // The first run retried once after the 500: three attempts in all, one failed.
      expect(summary.rows).toMatchObject([{ provider: 'ollama', model: 'llama3.2', requests: 3, failed: 1 }]);
      const table = await runCli(['usage'], env);
      expect(table.stdout).toMatch(/ollama\s+llama3\.2\s+3\s+1\s/);
      expect(table.stdout).toContain('2 runs since');
      expect((await runCli(['usage', 'reset'], env)).code).toBe(0);
      expect((await runCli(['usage'], env)).stdout).toContain('No usage recorded yet');
    } finally {
      ledgerHome.remove();
    }
  });
});
