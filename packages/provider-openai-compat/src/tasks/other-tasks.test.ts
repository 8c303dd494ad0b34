import { readFileSync } from 'node:fs';
import { createTransport, isSwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent, HttpTransport } from '@switchyard/core';
import { chunksToSse, readChunksFixture, refusedUrl, reply, sharedPath, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../openai-compatible.js';
import { testCallContext } from '../test-support/call-context.js';
import { openAIRequestValidator } from '../test-support/openapi-request-validator.js';
import { summarize } from '../wire/stream-summary.test-helper.js';

const fixture = (...segments: string[]) => JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8')) as unknown;

let server: TestServer;
let storage: TestServer;
let http: HttpTransport;
beforeAll(async () => {
  // Compiles the OpenAPI validator before any socket opens: its seconds of synchronous YAML parsing
  // would otherwise let the server's keep-alive timer close an idle socket the transport then reuses.
  openAIRequestValidator();
  [server, storage] = await Promise.all([startTestServer(), startTestServer()]);
  http = createTransport();
});
afterAll(async () => {
  await http.close();
  await Promise.all([server.close(), storage.close()]);
});
beforeEach(() => {
  server.reset();
  storage.reset();
});

const keyed = () => openaiCompatible({ id: 'compat', baseURL: `${server.url}/v1`, apiKey: 'sk-test-0123456789abcdef' });

describe('complete and streamComplete (/completions)', () => {
  it('replays openai-completion-text.json and .chunks.txt; both bodies validate against the spec', async () => {
    server.route('POST', '/v1/completions', reply.json(fixture('openai-compat-streams', 'openai-completion', 'openai-completion-text.json')));
    const context = testCallContext(http, { task: 'complete', model: 'gpt-3.5-turbo-instruct' });
    const result = await keyed().complete({ model: 'gpt-3.5-turbo-instruct', prompt: 'Invent a holiday.', maxTokens: 16 }, context);
    expect(result).toMatchObject({ text: 'The new holiday is called "Gratitude Day" and it celebrates the importance of', finishReason: 'length', usage: { inputTokens: 14, outputTokens: 16 } });

    server.route('POST', '/v1/completions', reply.sseRaw(chunksToSse(readChunksFixture('openai-compat-streams/openai-completion/openai-completion-text.chunks.txt'))));
    const events: ChatStreamEvent[] = [];
    for await (const event of keyed().streamComplete({ model: 'gpt-3.5-turbo-instruct', prompt: 'Invent a holiday.', maxTokens: 16 }, context)) events.push(event);
    const s = summarize(events);
    expect(s.text).toBe('The holiday is called "Gratitude Day" and it is a day dedicated to');
    expect(s.order).toEqual(['start', 'text', 'usage', 'finish']);
    expect(s.usage).toEqual({ inputTokens: 14, outputTokens: 16, totalTokens: 30 });

    for (const sent of server.requests) expect(openAIRequestValidator()('CreateCompletionRequest', sent.json)).toEqual([]);
    expect(server.requests[1]!.json).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_tokens: 16 });
  });
});

describe('embed (/embeddings)', () => {
  it('replays openai-embedding.json and a base64 answer; bodies validate against the spec', async () => {
    server.route('POST', '/v1/embeddings', reply.json(fixture('openai-compat-streams', 'openai-embedding', 'openai-embedding.json')));
    const context = testCallContext(http, { task: 'embed', model: 'text-embedding-3-small' });
    const result = await keyed().embed({ model: 'text-embedding-3-small', input: ['sunny day at the beach', 'rainy day in the city'] }, context);
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toEqual([0.0057293195, -0.012727811, 0.020042092, -0.013437585, 0.022833068]);
    expect(result.usage.inputTokens).toBe(12);

    server.route('POST', '/v1/embeddings', reply.json(fixture('semantic-kernel', 'openai', 'text-embeddings-response.txt')));
    const base64 = await keyed().embed({ model: 'text-embedding-ada-002', input: 'hello', providerOptions: { compat: { encoding_format: 'base64' } } }, context);
    expect(base64.embeddings[0]!.map((value) => Math.round(value * 10) / 10)).toEqual([1.1, 2.2, 3.3, 4.4]);

    for (const sent of server.requests) expect(openAIRequestValidator()('CreateEmbeddingRequest', sent.json)).toEqual([]);
    expect(server.requests[1]!.json).toMatchObject({ encoding_format: 'base64', model: 'text-embedding-3-small' });
  });
});

describe('textToImage (/images/generations)', () => {
  it('decodes b64_json images (openai-image.json)', async () => {
    server.route('POST', '/v1/images/generations', reply.json(fixture('openai-compat-streams', 'openai-image', 'openai-image.json')));
    const result = await keyed().textToImage({ model: 'dall-e-3', prompt: 'A cute baby sea otter', width: 1024, height: 1024, count: 2 }, testCallContext(http, { task: 'text-to-image', model: 'dall-e-3' }));
    expect(result.images.map((image) => image.mediaType)).toEqual(['image/png', 'image/png']);
    expect(Array.from(result.images[0]!.data.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((result.metadata?.revisedPrompts as unknown[])[0]).toContain('baby sea otter');
    expect(openAIRequestValidator()('CreateImageRequest', server.requests[0]!.json)).toEqual([]);
    expect(server.requests[0]!.json).toEqual({ model: 'dall-e-3', prompt: 'A cute baby sea otter', n: 2, size: '1024x1024' });
  });

  it('downloads URL images without the API key, from another origin and from its own', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    storage.route('GET', '/img/1.png', reply.bytes(png, { contentType: 'image/png' }));
    server.route('GET', '/files/2', reply.bytes(png, { contentType: 'application/octet-stream' }));
    server.route('POST', '/v1/images/generations', reply.json({ created: 1, data: [{ url: `${storage.url}/img/1.png` }, { url: `${server.url}/files/2` }] }));
    const result = await keyed().textToImage({ model: 'm', prompt: 'otter' }, testCallContext(http, { task: 'text-to-image', model: 'm' }));
    expect(result.images.map((image) => [image.mediaType, image.data.length, image.url])).toEqual([
      ['image/png', png.length, `${storage.url}/img/1.png`],
      ['image/png', png.length, `${server.url}/files/2`],
    ]);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-0123456789abcdef');
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests.find((sent) => sent.path === '/files/2')!.headers.authorization).toBeUndefined();
  });
});

describe('listModels and health (/models)', () => {
  it('lists models and reports health', async () => {
    server.route('GET', '/v1/models', reply.json({ object: 'list', data: [{ id: 'Qwen/Qwen3-8B', object: 'model', owned_by: 'vllm', max_model_len: 40960 }] }));
    const context = testCallContext(http, { task: 'chat', model: '' });
    expect(await keyed().listModels(context)).toEqual([{ id: 'Qwen/Qwen3-8B', ownedBy: 'vllm', contextLength: 40960, metadata: { object: 'model', owned_by: 'vllm', max_model_len: 40960 } }]);
    const report = await keyed().health(context);
    expect(report).toMatchObject({ ok: true, detail: '1 model(s) listed' });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports an unhealthy server (401, refused connection) without throwing', async () => {
    server.route('GET', '/v1/models', reply.json({ error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } }, { status: 401 }));
    const context = testCallContext(http, { task: 'chat', model: '' });
    const unauthorised = await keyed().health(context);
    expect(unauthorised.ok).toBe(false);
    expect(unauthorised.detail).toMatch(/^auth: /);
    const refused = await openaiCompatible({ id: 'gone', baseURL: `${await refusedUrl()}/v1` }).health(context);
    expect(refused.ok).toBe(false);
    expect(refused.detail).toMatch(/^network: /);
  });

  it('throws when the call is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    server.route('GET', '/v1/models', reply.json({ data: [] }));
    const error = await keyed().health(testCallContext(http, { task: 'chat', model: '', signal: controller.signal })).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('aborted');
  });
});
