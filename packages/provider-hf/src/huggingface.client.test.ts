import { describe, expect, it } from 'vitest';
import { createClient } from '@switchyard/core';
import type { ClientEvent } from '@switchyard/core';
import { fault, reply } from '@switchyard/testkit';
import { huggingface } from './huggingface.js';
import { useLoopback } from './test-helpers/loopback.test-helper.js';

// Client-side failover across the mapped providers goes through core's router: each route is its
// own candidate (`hf/<provider>`), with its own trace entry and price.

const TOKEN = 'hf_clientFailoverToken0123456789ab';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct';
const net = useLoopback();

const mapping = {
  id: MODEL,
  inferenceProviderMapping: {
    together: { status: 'live', providerId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', task: 'conversational' },
    novita: { status: 'live', providerId: 'meta-llama/llama-3.3-70b-instruct', task: 'conversational' },
  },
};
const routerModels = {
  object: 'list',
  data: [{ id: MODEL, providers: [{ provider: 'together', pricing: { input: 0.88, output: 0.88 } }, { provider: 'novita', pricing: { input: 0.39, output: 0.39 } }] }],
};
const answer = (model: string) => ({
  id: 'x',
  object: 'chat.completion',
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: 'From novita.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1_000_000, completion_tokens: 500_000, total_tokens: 1_500_000 },
});

describe('through createClient', () => {
  it('fails over from one mapped provider to the next, each traced under its route, priced from the router list', async () => {
    net.server.route('GET', `/api/models/${MODEL}`, reply.json(mapping));
    net.server.route('GET', '/v1/models', reply.json(routerModels));
    net.server.route('POST', '/together/v1/chat/completions', fault.status(503, { body: { error: 'Service Unavailable' } }));
    net.server.route('POST', '/novita/v3/openai/chat/completions', reply.json(answer('meta-llama/llama-3.3-70b-instruct')));
    const events: ClientEvent[] = [];
    const client = createClient({ providers: [huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url })], retry: { maxRetries: 0 }, onEvent: (event) => events.push(event) });
    try {
      const response = await client.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
      expect(response.text).toBe('From novita.');
      expect(response.trace.map((attempt) => [attempt.provider, attempt.outcome, attempt.errorKind])).toEqual([
        ['hf/together', 'error', 'overloaded'],
        ['hf/novita', 'success', undefined],
      ]);
      // 1M input + 0.5M output tokens at novita's 0.39 USD per million each.
      expect(response.cost).toMatchObject({ basis: 'per-token', currency: 'USD' });
      expect(response.cost.amount).toBeCloseTo(0.585, 6);
      expect(response.providerMetadata.hf).toMatchObject({ inferenceProvider: 'novita' });
      expect(events.filter((event) => event.type === 'failover')).toMatchObject([{ from: { provider: 'hf/together' }, to: { provider: 'hf/novita' }, errorKind: 'overloaded' }]);
      const posts = net.server.requests.filter((request) => request.method === 'POST');
      expect(posts.map((request) => [request.path, (request.json as { model: string }).model])).toEqual([
        ['/together/v1/chat/completions', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
        ['/novita/v3/openai/chat/completions', 'meta-llama/llama-3.3-70b-instruct'],
      ]);
    } finally {
      await client.close();
    }
  });

  it('a router policy is a single candidate: the router chooses and fails over server-side', async () => {
    net.server.route('POST', '/v1/chat/completions', reply.json(answer(MODEL), { headers: { 'x-inference-provider': 'novita' } }));
    const client = createClient({ providers: [huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, provider: ':fastest' })] });
    try {
      const response = await client.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
      expect(response.trace.map((attempt) => attempt.provider)).toEqual(['hf/fastest']);
      expect(response.providerMetadata.hf).toMatchObject({ inferenceProvider: 'novita' });
      expect((net.server.requests[0]!.json as { model: string }).model).toBe(`${MODEL}:fastest`);
      expect(response.cost.basis).toBe('unknown');
    } finally {
      await client.close();
    }
  });
});
