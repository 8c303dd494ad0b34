import { describe, expect, it } from 'vitest';
import { reply } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute } from '../test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from '../test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_replicatePollToken0123456789abc';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);

const net = useLoopback();

const provider = () => huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, pollIntervalMs: 30, maxPollIntervalMs: 60 });

describe('replicate', () => {
  it('polls a running prediction on the router — never at urls.get (api.replicate.com) — until it succeeds', async () => {
    const running = { id: 'p1', status: 'starting', output: null, urls: { get: 'https://api.replicate.com/v1/predictions/p1' } };
    net.server.route('POST', '/replicate/v1/models/black-forest-labs/flux-schnell/predictions', reply.json(running, { status: 201 }));
    net.server.route('GET', '/replicate/v1/predictions/p1', [
      reply.json({ ...running, status: 'processing' }),
      reply.json({ ...running, status: 'succeeded', output: [`${net.cdn.url}/a.png`, `${net.cdn.url}/b.png`] }),
    ]);
    net.cdn.route('GET', '/a.png', reply.bytes(PNG, { contentType: 'image/png' }));
    net.cdn.route('GET', '/b.png', reply.bytes(PNG, { contentType: 'image/png' }));
    const model = 'black-forest-labs/FLUX.1-schnell';
    const context = testCallContext(net.transport, { task: 'text-to-image', model, route: testRoute('replicate', 'black-forest-labs/flux-schnell', model) });
    const result = await provider().textToImage({ model, prompt: 'a fox', count: 2, seed: 3 }, context);

    expect(result.images).toHaveLength(2);
    expect(result.metadata).toMatchObject({ predictionId: 'p1', inferenceProvider: 'replicate' });
    // An unversioned id runs the model's latest version, with the inputs mapped to Replicate's names.
    expect(net.server.requests[0]!.json).toEqual({ input: { prompt: 'a fox', num_outputs: 2, seed: 3 } });
    expect(net.server.requests.filter((request) => request.path === '/replicate/v1/predictions/p1')).toHaveLength(2);
    expect(net.server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(net.cdn.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
    expect(context.events.some((event) => event.stage === 'in-progress')).toBe(true);
  });

  it('a failed prediction is a typed server error with Replicate\'s reason', async () => {
    net.server.route('POST', '/replicate/v1/predictions', reply.json({ id: 'p2', status: 'failed', error: 'NSFW content detected', output: null }, { status: 201 }));
    const model = 'stabilityai/stable-diffusion-xl-base-1.0';
    const error = await rejection(provider().textToImage({ model, prompt: 'x' }, testCallContext(net.transport, { task: 'text-to-image', model, route: testRoute('replicate', 'stability-ai/sdxl:7762fd07', model) })));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('NSFW content detected');
    expect(error.message).toContain('Hugging Face (replicate)');
    expect(net.server.requests[0]!.json).toEqual({ input: { prompt: 'x' }, version: '7762fd07' });
  });

  it('a video prediction ends in the video file', async () => {
    net.server.route('POST', '/replicate/v1/models/tencent/hunyuan-video/predictions', reply.json({ id: 'v1', status: 'succeeded', output: `${net.cdn.url}/out.mp4` }, { status: 201 }));
    net.cdn.route('GET', '/out.mp4', reply.bytes(MP4, { contentType: 'application/octet-stream' }));
    const model = 'tencent/HunyuanVideo';
    const result = await provider().textToVideo!(
      { model, prompt: 'waves', durationSeconds: 5, fps: 24 },
      testCallContext(net.transport, { task: 'text-to-video', model, route: testRoute('replicate', 'tencent/hunyuan-video', model, 'text-to-video') }),
    );
    // The CDN said octet-stream: the bytes say MP4.
    expect(result.videos[0]!.mediaType).toBe('video/mp4');
    expect((net.server.requests[0]!.json as { input: Record<string, unknown> }).input).toEqual({ prompt: 'waves', fps: 24, duration: 5 });
  });
});
