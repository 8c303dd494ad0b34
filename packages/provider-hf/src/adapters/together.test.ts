import { describe, expect, it } from 'vitest';
import { reply } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute } from '../test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from '../test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_togetherVideoToken0123456789abc';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]);

const net = useLoopback();

const provider = () => huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, pollIntervalMs: 30, maxPollIntervalMs: 60 });

describe('together', () => {
  it('a video job is created, polled until completed, and its file downloaded without the token', async () => {
    net.server.route('POST', '/together/v2/videos', reply.json({ id: 'job-1', status: 'queued' }));
    net.server.route('GET', '/together/v2/videos/job-1', [reply.json({ id: 'job-1', status: 'in_progress' }), reply.json({ id: 'job-1', status: 'completed', outputs: { video_url: `${net.cdn.url}/v/job-1.mp4` } })]);
    net.cdn.route('GET', '/v/job-1.mp4', reply.bytes(MP4, { contentType: 'video/mp4' }));
    const model = 'Wan-AI/Wan2.1-T2V-14B';
    const result = await provider().textToVideo!(
      { model, prompt: 'a train', width: 832, height: 480, seed: 1 },
      testCallContext(net.transport, { task: 'text-to-video', model, route: testRoute('together', 'Wan-AI/Wan2.1-T2V-14B', model, 'text-to-video') }),
    );
    expect(Buffer.from(result.videos[0]!.data).equals(Buffer.from(MP4))).toBe(true);
    expect(net.server.requests[0]!.json).toEqual({ prompt: 'a train', model: 'Wan-AI/Wan2.1-T2V-14B', width: 832, height: 480, seed: 1 });
    expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('a failed video job is a server error with Together\'s message', async () => {
    net.server.route('POST', '/together/v2/videos', reply.json({ id: 'job-2', status: 'queued' }));
    net.server.route('GET', '/together/v2/videos/job-2', reply.json({ id: 'job-2', status: 'failed', error: { message: 'prompt rejected' } }));
    const model = 'Wan-AI/Wan2.1-T2V-14B';
    const error = await rejection(provider().textToVideo!({ model, prompt: 'x' }, testCallContext(net.transport, { task: 'text-to-video', model, route: testRoute('together', model, model, 'text-to-video') })));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('prompt rejected');
  });

  it('embeddings use the OpenAI-style endpoint with the provider model id', async () => {
    net.server.route('POST', '/together/v1/embeddings', reply.json({ object: 'list', model: 'BAAI/bge-base-en-v1.5', data: [{ index: 1, embedding: [3, 4] }, { index: 0, embedding: [1, 2] }] }));
    const model = 'BAAI/bge-base-en-v1.5';
    const result = await provider().embed({ model, input: ['a', 'b'] }, testCallContext(net.transport, { task: 'embed', model, route: testRoute('together', model, model, 'feature-extraction') }));
    expect(result.embeddings).toEqual([[1, 2], [3, 4]]);
    expect(net.server.requests[0]!.json).toMatchObject({ model, input: ['a', 'b'] });
  });
});
