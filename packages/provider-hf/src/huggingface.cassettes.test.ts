import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatStreamEvent, ProviderRoute } from '@switchyard/core';
import { mountCassette, reply } from '@switchyard/testkit';
import type { Cassette } from '@switchyard/testkit';
import { huggingface } from './huggingface.js';
import { hfCassette, hubModelOf, interactionsAt, mountWithCdn } from './test-helpers/cassettes.test-helper.js';
import { testCallContext } from './test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from './test-helpers/loopback.test-helper.js';

// The real traffic huggingface_hub recorded (../shared/fixtures/hf-hub-cassettes), replayed by the
// testkit server with the router and the Hub both pointed at it, through the real net.transport.

const TOKEN = 'hf_cassetteReplayToken0123456789abcd';
const ROUTED_CHAT_PROVIDERS = ['cerebras', 'fireworks-ai', 'hyperbolic', 'nebius', 'novita', 'sambanova', 'together'];

const net = useLoopback();

function provider() {
  return huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url });
}

/** The recorded routed call: its path, its JSON request body and its response body. */
function recordedPost(cassette: Cassette) {
  const post = cassette.interactions.find(({ request }) => request.method === 'POST');
  if (!post) throw new Error(`${cassette.path} has no POST`);
  return { path: new URL(post.request.uri).pathname, request: JSON.parse(post.request.body ?? '{}') as Record<string, unknown>, response: post.response };
}

async function routeFor(upstream: string, model: string, task: 'chat' | 'text-to-image') {
  const routes = await provider().routes!(model, task, testCallContext(net.transport, { task, model }));
  const route = routes.find((candidate) => candidate.id === upstream);
  if (!route) throw new Error(`no ${upstream} route among ${routes.map((candidate) => candidate.id).join(', ')}`);
  return { route, routes };
}

function chatRequest(recorded: Record<string, unknown>, model: string) {
  return {
    model,
    messages: recorded.messages as ChatMessage[],
    ...(typeof recorded.max_tokens === 'number' ? { maxTokens: recorded.max_tokens } : {}),
  };
}

describe('routed chat from the Hub mapping, replayed', () => {
  for (const upstream of ROUTED_CHAT_PROVIDERS) {
    it(`${upstream}: the mapping gives the recorded provider id, the chat the recorded text and usage`, async () => {
      const cassette = hfCassette(`TestInferenceClient.test_chat_completion_no_stream[${upstream},conversational].yaml`);
      mountCassette(net.server, cassette);
      const model = hubModelOf(cassette);
      const recorded = recordedPost(cassette);
      const { route } = await routeFor(upstream, model, 'chat');
      expect(route.model).toBe(recorded.request.model);

      const result = await provider().chat(chatRequest(recorded.request, model), testCallContext(net.transport, { task: 'chat', model, route }));

      const answer = JSON.parse(recorded.response.body) as { choices: Array<{ message: { content: string } }>; usage: Record<string, number> };
      expect(result.text).toBe(answer.choices[0]!.message.content);
      expect(result.usage.inputTokens).toBe(answer.usage.prompt_tokens);
      expect(result.usage.outputTokens).toBe(answer.usage.completion_tokens);
      expect(result.metadata?.inferenceProvider).toBe(upstream);
      const sent = net.server.requests.find((request) => request.method === 'POST')!;
      expect(sent.path).toBe(recorded.path);
      expect((sent.json as { model: string }).model).toBe(recorded.request.model);
      expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
      // The Hub lookup carried the token too, so the order is the user's.
      expect(net.server.requests.find((request) => request.path.startsWith('/api/models/'))!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it(`${upstream}: the streamed chat gives the recorded text and usage`, async () => {
      const cassette = hfCassette(`TestInferenceClient.test_chat_completion_with_stream[${upstream},conversational].yaml`);
      mountCassette(net.server, cassette);
      const model = hubModelOf(cassette);
      const recorded = recordedPost(cassette);
      const { route } = await routeFor(upstream, model, 'chat');
      expect(route.model).toBe(recorded.request.model);

      const events: ChatStreamEvent[] = [];
      for await (const event of provider().streamChat(chatRequest(recorded.request, model), testCallContext(net.transport, { task: 'chat', model, route }))) events.push(event);

      const chunks = recorded.response.body
        .split('\n\n')
        .map((event) => event.replace(/^data: ?/, '').trim())
        .filter((data) => data && data !== '[DONE]')
        .map((data) => JSON.parse(data) as { choices: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>; usage?: Record<string, number> | null });
      const recordedText = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
      const recordedUsage = chunks.map((chunk) => chunk.usage).filter((usage) => usage != null).at(-1);
      expect(events.filter((event) => event.type === 'text').map((event) => (event as { text: string }).text).join('')).toBe(recordedText);
      const usage = events.find((event) => event.type === 'usage');
      if (recordedUsage) {
        expect(usage).toMatchObject({ usage: { inputTokens: recordedUsage.prompt_tokens, outputTokens: recordedUsage.completion_tokens } });
      } else {
        expect(usage).toBeUndefined();
      }
      expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', metadata: { inferenceProvider: upstream } });
      expect((net.server.requests.find((request) => request.method === 'POST')!.json as { stream: boolean }).stream).toBe(true);
    });
  }

  it('orders the mapping live before staging, in the order the Hub gave', async () => {
    const cassette = hfCassette('TestInferenceClient.test_chat_completion_no_stream[hyperbolic,conversational].yaml');
    mountCassette(net.server, cassette);
    const { routes } = await routeFor('hyperbolic', hubModelOf(cassette), 'chat');
    // Recorded: fireworks-ai staging, sambanova live, together live, hf-inference live, nebius, novita, hyperbolic staging.
    expect(routes.map((route) => route.id)).toEqual(['sambanova', 'together', 'hf-inference', 'fireworks-ai', 'nebius', 'novita', 'hyperbolic']);
  });
});

describe('hf-inference chat, replayed', () => {
  it('sends the Hub id to the model path and returns the recorded answer', async () => {
    const cassette = hfCassette('TestInferenceClient.test_chat_completion_no_stream[hf-inference,conversational].yaml');
    mountCassette(net.server, cassette);
    const recorded = recordedPost(cassette);
    const model = recorded.request.model as string;
    const route: ProviderRoute = { id: 'hf-inference', model, metadata: { hubModel: model, mapping: { provider: 'hf-inference', providerId: model, status: 'live', task: 'conversational' } } };
    const result = await provider().chat(chatRequest(recorded.request, model), testCallContext(net.transport, { task: 'chat', model, route }));
    const answer = JSON.parse(recorded.response.body) as { choices: Array<{ message: { content: string } }>; usage: Record<string, number> };
    expect(result.text).toBe(answer.choices[0]!.message.content);
    expect(result.usage.outputTokens).toBe(answer.usage.completion_tokens);
    expect(net.server.requests.find((request) => request.method === 'POST')!.path).toBe(recorded.path);
  });
});

describe('recorded 4xx answers give the right kinds', () => {

  function hfInferenceRoute(model: string, task: string): ProviderRoute {
    return { id: 'hf-inference', model, metadata: { hubModel: model, mapping: { provider: 'hf-inference', providerId: model, status: 'live', task } } };
  }

  it('401 "Invalid username or password." (X-Error-Message) is auth, naming the upstream and never the token', async () => {
    const cassette = hfCassette('TestInferenceClient.test_chat_completion_unprocessable_entity.yaml');
    mountCassette(net.server, cassette);
    const model = 'meta-llama/Meta-Llama-3-70B-Instruct';
    const error = await rejection(
      provider().chat({ model, messages: [{ role: 'user', content: "please output 'Observation'" }] }, testCallContext(net.transport, { task: 'chat', model, route: hfInferenceRoute(model, 'conversational') })),
    );
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toContain('Invalid username or password.');
    expect(error.message).toContain('Hugging Face (hf-inference)');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
  });

  it('400 "model_kwargs are not used" is invalid-request', async () => {
    const cassette = hfCassette('TestTextGenerationClientVCR.test_generate_non_tgi_endpoint.yaml');
    mountCassette(net.server, cassette);
    const error = await rejection(provider().complete({ model: 'gpt2', prompt: '0 1 2', maxTokens: 10 }, testCallContext(net.transport, { task: 'complete', model: 'gpt2', route: hfInferenceRoute('gpt2', 'text-generation') })));
    expect(error.kind).toBe('invalid-request');
    expect(error.status).toBe(400);
    expect(error.message).toContain('model_kwargs');
  });

  it('422 "`inputs` tokens + `max_new_tokens` must be <= 1512" is context-length', async () => {
    const cassette = hfCassette('TestTextGenerationClientVCR.test_generate_validation_error.yaml');
    mountCassette(net.server, cassette);
    const model = 'google/flan-t5-xxl';
    const error = await rejection(provider().complete({ model, prompt: 'test', maxTokens: 10_000 }, testCallContext(net.transport, { task: 'complete', model, route: hfInferenceRoute(model, 'text-generation') })));
    expect(error.kind).toBe('context-length');
    expect(error.status).toBe(422);
  });
});

describe('hf-inference text generation, replayed', () => {
  it('returns the generated text, finish reason and token counts', async () => {
    const cassette = hfCassette('test_async_generate_with_details.yaml');
    mountCassette(net.server, cassette);
    const model = 'openai-community/gpt2';
    const result = await provider().complete(
      { model, prompt: 'test', maxTokens: 1 },
      testCallContext(net.transport, { task: 'complete', model, route: { id: 'hf-inference', model, metadata: { hubModel: model } } }),
    );
    expect(result.text).toBe('.');
    expect(result.finishReason).toBe('length');
    expect(result.usage).toMatchObject({ outputTokens: 1, inputTokens: 1, computeSeconds: 0.025312611 });
    const sent = net.server.requests.find((request) => request.method === 'POST')!.json as { parameters: Record<string, unknown> };
    expect(sent.parameters).toEqual({ return_full_text: false, details: true, max_new_tokens: 1 });
  });

  it('streams tokens (TGI SSE, even without the space after "data:") to the final details', async () => {
    const cassette = hfCassette('TestTextGenerationClientVCR.test_generate_stream_no_details.yaml');
    mountCassette(net.server, cassette);
    const model = 'google/flan-t5-xxl';
    const events: ChatStreamEvent[] = [];
    for await (const event of provider().streamComplete(
      { model, prompt: 'test', maxTokens: 1 },
      testCallContext(net.transport, { task: 'complete', model, route: { id: 'hf-inference', model, metadata: { hubModel: model } } }),
    )) {
      events.push(event);
    }
    expect(events.map((event) => event.type)).toEqual(['start', 'text', 'usage', 'finish']);
    expect(events[1]).toEqual({ type: 'text', text: ' ' });
    expect(events[2]).toEqual({ type: 'usage', usage: { outputTokens: 1 } });
    expect(events[3]).toMatchObject({ finishReason: 'length', rawFinishReason: 'length' });
  });
});

describe('image jobs end in image bytes, downloaded from the CDN without the token', () => {
  const cases = [
    { upstream: 'fal-ai', file: 'TestInferenceClient.test_text_to_image_default[fal-ai,text-to-image].yaml', cdnPath: '/files/koala/7EQDw9PT6pMiX2fm7bYOC.png' },
    { upstream: 'replicate', file: 'TestInferenceClient.test_text_to_image_default[replicate,text-to-image].yaml', cdnPath: '/yhqm/FCyXBQLf3tXRECndsT0RJKdy23cD2xwIcSkU99oStugCNeOUA/out-0.png' },
  ];
  for (const { upstream, file, cdnPath } of cases) {
    it(`${upstream}: submit through the router, result file from the CDN host with no authorization`, async () => {
      const cassette = hfCassette(file);
      mountWithCdn(cassette, net.server, net.cdn);
      const model = hubModelOf(cassette);
      const { route } = await routeFor(upstream, model, 'text-to-image');
      const result = await provider().textToImage({ model, prompt: 'An astronaut riding a horse on the moon.' }, testCallContext(net.transport, { task: 'text-to-image', model, route }));

      const recordedImage = interactionsAt(cassette, cdnPath)[0]!.response.bodyBytes;
      expect(result.images).toHaveLength(1);
      expect(Buffer.from(result.images[0]!.data).equals(Buffer.from(recordedImage))).toBe(true);
      expect(result.images[0]!.mediaType).toBe('image/png');
      expect(result.images[0]!.url).toBe(`${net.cdn.url}${cdnPath}`);
      // Must hold: the token went to the router and the Hub only, never to the CDN host.
      expect(net.cdn.requests).toHaveLength(1);
      expect(net.cdn.requests[0]!.path).toBe(cdnPath);
      expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
      expect(JSON.stringify(net.cdn.requests)).not.toContain(TOKEN);
      for (const request of net.server.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });
  }

  it('replicate: the prediction is created with the recorded version and Prefer: wait', async () => {
    const cassette = hfCassette('TestInferenceClient.test_text_to_image_default[replicate,text-to-image].yaml');
    mountWithCdn(cassette, net.server, net.cdn);
    const model = hubModelOf(cassette);
    const { route } = await routeFor('replicate', model, 'text-to-image');
    await provider().textToImage({ model, prompt: 'An astronaut riding a horse on the moon.' }, testCallContext(net.transport, { task: 'text-to-image', model, route }));
    const submit = net.server.requests.find((request) => request.method === 'POST')!;
    expect(submit.path).toBe('/replicate/v1/predictions');
    expect(submit.json).toEqual(recordedPost(cassette).request);
    expect(submit.headers.prefer).toMatch(/^wait=\d+$/);
  });

  for (const upstream of ['together', 'nebius', 'hyperbolic']) {
    it(`${upstream}: base64 images in the answer are decoded`, async () => {
      const cassette = hfCassette(`TestInferenceClient.test_text_to_image_default[${upstream},text-to-image].yaml`);
      mountCassette(net.server, cassette);
      const model = hubModelOf(cassette);
      const recorded = recordedPost(cassette);
      const { route } = await routeFor(upstream, model, 'text-to-image');
      const result = await provider().textToImage({ model, prompt: 'An astronaut riding a horse on the moon.', width: 512, height: 512 }, testCallContext(net.transport, { task: 'text-to-image', model, route }));
      const answer = JSON.parse(recorded.response.body) as { data?: Array<{ b64_json: string }>; images?: Array<{ image: string }> };
      const encoded = answer.data?.[0]?.b64_json ?? answer.images?.[0]?.image ?? '';
      expect(Buffer.from(result.images[0]!.data).equals(Buffer.from(encoded, 'base64'))).toBe(true);
      expect(result.images[0]!.mediaType).toMatch(/^image\/(jpeg|png|webp)$/);
      expect(net.server.requests.find((request) => request.method === 'POST')!.path).toBe(recorded.path);
    });
  }

  it('hf-inference: the answer is the image itself', async () => {
    const cassette = hfCassette('TestInferenceClient.test_text_to_image_default[hf-inference,text-to-image].yaml');
    mountCassette(net.server, cassette);
    const model = 'CompVis/stable-diffusion-v1-4';
    const result = await provider().textToImage(
      { model, prompt: 'An astronaut riding a horse on the moon.' },
      testCallContext(net.transport, { task: 'text-to-image', model, route: { id: 'hf-inference', model, metadata: { hubModel: model } } }),
    );
    expect(result.images[0]!.mediaType).toBe('image/jpeg');
    expect(Buffer.from(result.images[0]!.data).equals(Buffer.from(recordedPost(cassette).response.bodyBytes))).toBe(true);
    expect(result.usage.computeSeconds).toBe(5.457);
  });
});

describe('feature extraction, replayed', () => {
  it('mean-pools the token vectors a plain transformers model returns into one vector', async () => {
    const cassette = hfCassette('TestInferenceClient.test_feature_extraction_with_transformers[hf-inference,feature-extraction].yaml');
    // Recorded at the older /pipeline/feature-extraction/{id} path; served here at the current one.
    const recorded = recordedPost(cassette);
    net.server.route('POST', '/hf-inference/models/facebook/bart-base/pipeline/feature-extraction', reply.text(recorded.response.body, { contentType: 'application/json' }));
    const tokens = JSON.parse(recorded.response.body) as number[][][];
    const model = 'facebook/bart-base';
    const result = await provider().embed({ model, input: 'Hi, who are you?' }, testCallContext(net.transport, { task: 'embed', model, route: { id: 'hf-inference', model, metadata: { hubModel: model } } }));
    expect(result.embeddings).toHaveLength(1);
    const rows = tokens[0]!;
    expect(result.embeddings[0]).toHaveLength(rows[0]!.length);
    const expectedFirst = rows.reduce((sum, row) => sum + row[0]!, 0) / rows.length;
    expect(result.embeddings[0]![0]).toBeCloseTo(expectedFirst, 10);
    expect(result.metadata).toMatchObject({ pooling: 'mean' });
    expect(net.server.requests[0]!.json).toEqual({ inputs: 'Hi, who are you?' });
  });
});
