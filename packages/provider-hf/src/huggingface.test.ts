import { describe, expect, it } from 'vitest';
import { Secret, SwitchyardError, isSwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent } from '@switchyard/core';
import { fault, reply } from '@switchyard/testkit';
import { huggingface } from './huggingface.js';
import type { HuggingFaceOptions } from './options.js';
import { testCallContext, testRoute } from './test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from './test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_providerTestToken0123456789abcd';
const MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
const CHAT_ANSWER = {
  id: 'c1',
  object: 'chat.completion',
  model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
};
const MAPPING = {
  id: MODEL,
  inferenceProviderMapping: {
    novita: { status: 'live', providerId: 'meta-llama/llama-3.1-8b-instruct', task: 'conversational' },
    'brand-new-provider': { status: 'live', providerId: 'bnp/llama-8b', task: 'conversational' },
    'hf-inference': { status: 'live', providerId: MODEL, task: 'conversational' },
    sambanova: { status: 'error', providerId: 'Meta-Llama-3.1-8B-Instruct', task: 'conversational' },
  },
};
const ROUTER_MODELS = {
  object: 'list',
  data: [
    {
      id: MODEL,
      object: 'model',
      owned_by: 'meta-llama',
      providers: [
        { provider: 'novita', status: 'live', context_length: 16384, pricing: { input: 0.02, output: 0.05 }, supports_tools: false, first_token_latency_ms: 310, throughput: 90 },
        { provider: 'hf-inference', status: 'live', context_length: 8192 },
        { provider: 'weird', pricing: 'free' },
      ],
    },
  ],
};

const net = useLoopback();

function provider(options: Partial<HuggingFaceOptions> = {}) {
  return huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, ...options });
}

const chatContext = (route?: ReturnType<typeof testRoute>) => testCallContext(net.transport, { task: 'chat', model: MODEL, ...(route ? { route } : {}) });
const hubLookups = () => net.server.requests.filter((request) => request.path.startsWith('/api/models/'));

describe('routes()', () => {
  it('lists the mapped providers with their own ids and the router price; unknown providers still reach chat through the generic endpoint', async () => {
    net.server.route('GET', `/api/models/${MODEL}`, reply.json(MAPPING));
    net.server.route('GET', '/v1/models', reply.json(ROUTER_MODELS));
    const hf = provider({ hfInferencePricePerSecond: 0.00012 });
    const routes = await hf.routes!(MODEL, 'chat', chatContext());
    expect(routes.map((route) => [route.id, route.model, route.pricing])).toEqual([
      ['novita', 'meta-llama/llama-3.1-8b-instruct', { type: 'per-token', inputPerMillion: 0.02, outputPerMillion: 0.05 }],
      ['brand-new-provider', 'bnp/llama-8b', undefined],
      ['hf-inference', MODEL, { type: 'compute-time', perSecond: 0.00012 }],
    ]);
    expect(hubLookups()[0]!.query).toEqual({ expand: 'inferenceProviderMapping' });

    net.server.route('POST', '/v1/chat/completions', reply.json(CHAT_ANSWER));
    await hf.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }, chatContext(routes[1]));
    const sent = net.server.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect((sent.json as { model: string }).model).toBe(`${MODEL}:brand-new-provider`);
  });

  it('for other tasks, skips providers this package cannot call', async () => {
    net.server.route('GET', '/api/models/some/image-model', reply.json({ inferenceProviderMapping: { 'mystery-cloud': { status: 'live', providerId: 'm', task: 'text-to-image' }, replicate: { status: 'staging', providerId: 'r/m', task: 'text-to-image' } } }));
    const routes = await provider().routes!('some/image-model', 'text-to-image', testCallContext(net.transport, { task: 'text-to-image', model: 'some/image-model' }));
    expect(routes.map((route) => route.id)).toEqual(['replicate']);
  });

  it('caches the mapping per token identity and TTL; a failed lookup is not cached', async () => {
    net.server.route('GET', `/api/models/${MODEL}`, [fault.status(503), reply.json(MAPPING)]);
    let current = 'hf_firstUserToken0123456789abcdefg';
    const source = Object.assign(async () => ({ secret: new Secret(current), source: 'test' }), { describe: 'test source' });
    const hf = huggingface({ token: source, routerUrl: net.server.url, hubUrl: net.server.url, mappingTtlMs: 60_000 });
    const lookup = () => hf.routes!(MODEL, 'text-to-image', testCallContext(net.transport, { task: 'text-to-image', model: MODEL })).catch((error: unknown) => error);

    expect(isSwitchyardError(await lookup())).toBe(true); // 503, then no routes for this task: both typed
    await lookup();
    await lookup();
    expect(hubLookups()).toHaveLength(2); // the 503 was not cached; the answer was
    current = 'hf_secondUserToken0123456789abcdef';
    await lookup();
    expect(hubLookups()).toHaveLength(3); // another token: another lookup, with that token
    expect(hubLookups()[2]!.headers.authorization).toBe(`Bearer ${current}`);
  });

  it('a router policy is one route for chat: the router picks the provider', async () => {
    const routes = await provider({ provider: ':cheapest' }).routes!(MODEL, 'chat', chatContext());
    expect(routes).toEqual([{ id: 'cheapest', model: `${MODEL}:cheapest`, metadata: { hubModel: MODEL, policy: ':cheapest' } }]);
    expect(hubLookups()).toHaveLength(0);
  });

  it('a pinned provider the model is not mapped to is model-not-found, listing the mapping', async () => {
    net.server.route('GET', `/api/models/${MODEL}`, reply.json(MAPPING));
    const error = await rejection(provider({ provider: 'groq' }).routes!(MODEL, 'chat', chatContext()));
    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain('"groq" does not serve it');
    expect(error.message).toContain('sambanova (error, conversational)');
  });

  it('rejects arguments it cannot use before any request', async () => {
    const error = await rejection(provider().routes!('', 'chat', chatContext()));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('model must be a Hub model id');
    expect(net.server.requests).toHaveLength(0);
  });

  it('an unknown model is model-not-found (the Hub answers 404 RepoNotFound)', async () => {
    net.server.route('GET', '/api/models/nobody/nothing', fault.status(404, { headers: { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' }, body: { error: 'Repository not found' } }));
    const error = await rejection(provider().routes!('nobody/nothing', 'chat', chatContext()));
    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain('Hugging Face Hub');
  });
});

describe('a missing token', () => {
  it('is the source\'s own auth error, naming where it looked, before any request', async () => {
    const absent = new SwitchyardError('auth', 'No Hugging Face token: looked at env HF_TOKEN (not set), env HUGGING_FACE_HUB_TOKEN (not set), ~/.cache/huggingface/token (no such file).', {
      code: 'credential-absent',
      retryable: false,
    });
    const source = Object.assign(async () => Promise.reject(absent), { describe: 'HF token chain' });
    const hf = huggingface({ token: source, routerUrl: net.server.url, hubUrl: net.server.url });
    const fromRoutes = await rejection(hf.routes!(MODEL, 'chat', chatContext()));
    const fromChat = await rejection(hf.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }, chatContext()));
    for (const error of [fromRoutes, fromChat]) {
      expect(error.kind).toBe('auth');
      expect(error.message).toContain('looked at env HF_TOKEN');
    }
    expect(net.server.requests).toHaveLength(0);
  });
});

describe('chat without a route from core', () => {
  it('goes to the router with the bare model (auto), the policy suffix, or model:<provider>, with X-HF-Bill-To', async () => {
    net.server.route('POST', '/v1/chat/completions', reply.json(CHAT_ANSWER, { headers: { 'x-inference-provider': 'novita', 'x-request-id': 'req-7' } }));
    const request = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }] };
    const result = await provider({ billTo: 'acme' }).chat(request, chatContext());
    await provider({ provider: ':preferred' }).chat(request, chatContext());
    await provider({ provider: 'groq' }).chat(request, chatContext());
    const models = net.server.requests.map((sent) => (sent.json as { model: string }).model);
    expect(models).toEqual([MODEL, `${MODEL}:preferred`, `${MODEL}:groq`]);
    expect(net.server.requests[0]!.headers['x-hf-bill-to']).toBe('acme');
    expect(net.server.requests[1]!.headers['x-hf-bill-to']).toBeUndefined();
    expect(hubLookups()).toHaveLength(0);
    expect(result).toMatchObject({ text: 'Hello!', requestId: 'req-7', usage: { inputTokens: 5, outputTokens: 2 }, metadata: { inferenceProvider: 'novita' } });
  });

  it('streams, and an error event inside the 200 stream is a typed error naming the upstream', async () => {
    net.server.route(
      'POST',
      '/novita/v3/openai/chat/completions',
      reply.sse([
        { id: 's', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: 'Hel' } }] },
        { error: { message: 'Model overloaded, try again', type: 'server_error', code: 503 } },
      ]),
    );
    const events: ChatStreamEvent[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of provider().streamChat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }, chatContext(testRoute('novita', 'meta-llama/llama-3.1-8b-instruct', MODEL, 'conversational')))) {
          events.push(event);
        }
      })(),
    );
    expect(events.filter((event) => event.type === 'text')).toEqual([{ type: 'text', text: 'Hel' }]);
    expect(error.message).toContain('Hugging Face (novita)');
    expect(error.message).toContain('Model overloaded');
    expect(['overloaded', 'server']).toContain(error.kind);
  });
});

describe('Hugging Face error answers', () => {
  const route = testRoute('together', 'meta-llama/Llama-3-8b-chat-hf', MODEL, 'conversational');
  const call = () => provider().chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }, chatContext(route));

  it('"Model X does not exist" is model-not-found', async () => {
    net.server.route('POST', '/together/v1/chat/completions', fault.status(400, { body: { error: 'Model meta-llama/Llama-3-8b-chat-hf does not exist' } }));
    expect((await rejection(call())).kind).toBe('model-not-found');
  });

  it('exhausted credits (402) are quota, with the router\'s words', async () => {
    net.server.route('POST', '/together/v1/chat/completions', fault.status(402, { body: { error: 'You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO to get 20x more monthly included credits.' } }));
    const error = await rejection(call());
    expect(error.kind).toBe('quota');
    expect(error.message).toContain('monthly included credits');
    expect(error.retryable).toBe(false);
  });

  it('a 429 keeps its Retry-After', async () => {
    net.server.route('POST', '/together/v1/chat/completions', fault.status(429, { retryAfter: 3, body: { error: 'rate limited' } }));
    const error = await rejection(call());
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(3000);
  });

  it('a body-less error still says what X-Error-Message says', async () => {
    net.server.route('POST', '/together/v1/chat/completions', fault.status(403, { headers: { 'x-error-message': 'This token does not have the permission to call Inference Providers' }, body: '' }));
    const error = await rejection(call());
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('permission to call Inference Providers');
  });
});

describe('pricing, model list and health', () => {
  it('listModels() reads the router list; pricing() then knows the pinned provider\'s price', async () => {
    net.server.route('GET', '/v1/models', reply.json(ROUTER_MODELS));
    const hf = provider({ provider: 'novita' });
    expect(hf.pricing(MODEL, 'chat')).toBeUndefined();
    const models = await hf.listModels(chatContext());
    expect(models[0]).toMatchObject({ id: MODEL, ownedBy: 'meta-llama', contextLength: 16384 });
    expect((models[0]!.metadata as { providers: unknown[] }).providers).toHaveLength(3);
    expect(hf.pricing(MODEL, 'chat')).toEqual({ type: 'per-token', inputPerMillion: 0.02, outputPerMillion: 0.05 });
    expect(provider().pricing(MODEL, 'chat')).toBeUndefined();
  });

  it('health() checks the token with whoami, and reports a refused token as not ok', async () => {
    net.server.route('GET', '/api/whoami-v2', [reply.json({ name: 'ada', type: 'user' }), fault.status(401, { body: { error: 'Invalid credentials in Authorization header' } })]);
    const hf = provider();
    expect(await hf.health(chatContext())).toMatchObject({ ok: true, detail: 'token of ada' });
    const refused = await hf.health(chatContext());
    expect(refused.ok).toBe(false);
    expect(refused.detail).toContain('Invalid credentials');
    expect(refused.detail).not.toContain(TOKEN);
  });
});

describe('a dedicated endpoint', () => {
  it('takes chat on /v1/chat/completions, generation and embeddings at its root, with no Hub lookup', async () => {
    net.server.route('POST', '/endpoint/v1/chat/completions', reply.json(CHAT_ANSWER));
    net.server.route('POST', '/endpoint', (request) =>
      (request.json as { parameters?: unknown }).parameters ? reply.json({ generated_text: 'forty-two', details: { finish_reason: 'eos_token', generated_tokens: 3 } }) : reply.json([[0.5, 0.25]]),
    );
    const hf = provider({ endpointUrl: `${net.server.url}/endpoint/` });
    const chat = await hf.chat({ model: 'tgi', messages: [{ role: 'user', content: 'hi' }] }, chatContext());
    const completion = await hf.complete({ model: 'tgi', prompt: 'q' }, testCallContext(net.transport, { task: 'complete', model: 'tgi' }));
    const embedding = await hf.embed({ model: 'tei', input: 'q' }, testCallContext(net.transport, { task: 'embed', model: 'tei' }));
    expect(chat.text).toBe('Hello!');
    expect(completion).toMatchObject({ text: 'forty-two', finishReason: 'stop', usage: { outputTokens: 3 } });
    expect(embedding.embeddings).toEqual([[0.5, 0.25]]);
    expect(net.server.requests.map((request) => request.path)).toEqual(['/endpoint/v1/chat/completions', '/endpoint', '/endpoint']);
    expect(net.server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

describe('TGI generation streams', () => {
  it('an error event inside the 200 stream is a typed error naming the upstream', async () => {
    net.server.route(
      'POST',
      '/endpoint',
      reply.sseRaw([
        'data:{"index":1,"token":{"id":5,"text":"Hel","logprob":-0.1,"special":false},"generated_text":null,"details":null}\n\n',
        'data:{"error":"Request failed during generation: Server error: CUDA out of memory","error_type":"generation"}\n\n',
      ]),
    );
    const events: ChatStreamEvent[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of provider({ endpointUrl: `${net.server.url}/endpoint` }).streamComplete({ model: 'tgi', prompt: 'q' }, testCallContext(net.transport, { task: 'complete', model: 'tgi' }))) {
          events.push(event);
        }
      })(),
    );
    expect(events.map((event) => event.type)).toEqual(['start', 'text']);
    expect(error).toMatchObject({ kind: 'server', code: 'generation' });
    expect(error.message).toContain('CUDA out of memory');
    expect(error.message).toContain(`Hugging Face endpoint 127.0.0.1:${net.server.port}`);
  });
});

describe('tasks without a route from core', () => {
  it('text-to-image looks up the mapping and uses the first usable provider', async () => {
    net.server.route('GET', '/api/models/stabilityai/sdxl', reply.json({ inferenceProviderMapping: { 'hf-inference': { status: 'live', providerId: 'stabilityai/sdxl', task: 'text-to-image' } } }));
    net.server.route('POST', '/hf-inference/models/stabilityai/sdxl', reply.bytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), { contentType: 'image/jpeg', headers: { 'x-compute-time': '2.5' } }));
    const result = await provider({ hfInferencePricePerSecond: 0.001 }).textToImage({ model: 'stabilityai/sdxl', prompt: 'a boat', seed: 7 }, testCallContext(net.transport, { task: 'text-to-image', model: 'stabilityai/sdxl' }));
    expect(result).toMatchObject({ usage: { computeSeconds: 2.5 }, metadata: { inferenceProvider: 'hf-inference' } });
    expect(net.server.requests.at(-1)!.json).toEqual({ inputs: 'a boat', parameters: { seed: 7 } });
  });

  it('invalid requests are rejected before any request, naming the field', async () => {
    const error = await rejection(provider().textToImage({ model: 'm', prompt: '' }, testCallContext(net.transport, { task: 'text-to-image', model: 'm' })));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('prompt');
    expect(net.server.requests).toHaveLength(0);
  });
});
