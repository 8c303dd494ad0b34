import { describe, expect, it } from 'vitest';
import { fault, reply } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute } from '../test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from '../test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_falQueueToken0123456789abcdefgh';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]);

const net = useLoopback();

function provider(pollIntervalMs = 50) {
  return huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, pollIntervalMs, maxPollIntervalMs: pollIntervalMs * 4 });
}

const ticket = (id: string) => ({ request_id: id, status: 'IN_QUEUE', response_url: `https://queue.fal.run/fal-ai/flux/requests/${id}`, status_url: `https://queue.fal.run/fal-ai/flux/requests/${id}/status` });

describe('fal-ai queue', () => {
  it('a queue that never completes ends at the total timeout with a timeout error, and polling stops (no request after the deadline)', async () => {
    net.server.route('POST', '/fal-ai/fal-ai/flux/dev', reply.json(ticket('never')));
    net.server.route('GET', '/fal-ai/fal-ai/flux/requests/never/status', reply.json({ status: 'IN_QUEUE', queue_position: 7 }));
    const totalMs = 2_000;
    const model = 'black-forest-labs/FLUX.1-dev';
    const context = testCallContext(net.transport, { task: 'text-to-image', model, totalMs, route: testRoute('fal-ai', 'fal-ai/flux/dev', model) });
    const started = Date.now();
    const error = await rejection(provider(100).textToImage({ model, prompt: 'a lighthouse' }, context));
    const elapsed = Date.now() - started;

    expect(error.kind).toBe('timeout');
    expect(error.timeoutPhase).toBe('total');
    expect(elapsed).toBeGreaterThanOrEqual(totalMs * 0.9);
    expect(elapsed).toBeLessThan(totalMs * 1.25);
    const polls = net.server.requests.filter((request) => request.path.endsWith('/status'));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.every((request) => request.query._subdomain === 'queue')).toBe(true);
    expect(net.server.requests.every((request) => request.receivedAt <= context.deadline)).toBe(true);

    // Nothing more arrives once the call has ended.
    const seen = net.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(net.server.requests.length).toBe(seen);
    expect(context.events.some((event) => event.stage === 'queued' && event.detail?.includes('position 7'))).toBe(true);
  });

  it('polls until COMPLETED, honouring Retry-After, then fetches the result and the CDN file without the token', async () => {
    net.server.route('POST', '/fal-ai/fal-ai/flux/dev', reply.json(ticket('r1')));
    net.server.route('GET', '/fal-ai/fal-ai/flux/requests/r1/status', [
      reply.json({ status: 'IN_QUEUE', queue_position: 1 }, { status: 202, headers: { 'retry-after': '1' } }),
      reply.json({ status: 'IN_PROGRESS' }, { status: 202 }),
      reply.json({ status: 'COMPLETED' }),
    ]);
    net.server.route('GET', '/fal-ai/fal-ai/flux/requests/r1', reply.json({ images: [{ url: `${net.cdn.url}/files/out.png`, content_type: 'image/png' }], seed: 42 }));
    net.cdn.route('GET', '/files/out.png', reply.bytes(PNG, { contentType: 'image/png' }));
    const model = 'black-forest-labs/FLUX.1-dev';
    const result = await provider(50).textToImage({ model, prompt: 'a lighthouse', width: 512, height: 768 }, testCallContext(net.transport, { task: 'text-to-image', model, route: testRoute('fal-ai', 'fal-ai/flux/dev', model) }));

    expect(Buffer.from(result.images[0]!.data).equals(Buffer.from(PNG))).toBe(true);
    expect(result.metadata).toMatchObject({ inferenceProvider: 'fal-ai', seed: 42 });
    const statusTimes = net.server.requests.filter((request) => request.path.endsWith('/status')).map((request) => request.receivedAt);
    expect(statusTimes).toHaveLength(3);
    // The first status answer asked for one second: the next look waited for it (the interval alone is 50 ms).
    expect(statusTimes[1]! - statusTimes[0]!).toBeGreaterThanOrEqual(900);
    expect((net.server.requests[0]!.json as Record<string, unknown>).image_size).toEqual({ width: 512, height: 768 });
    expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('video jobs go through the queue subdomain and end in the video bytes', async () => {
    net.server.route('POST', '/fal-ai/fal-ai/ltx-video', (request) => {
      return request.query._subdomain === 'queue' ? reply.json({ ...ticket('v1'), response_url: 'https://queue.fal.run/fal-ai/ltx-video/requests/v1' }) : fault.status(400);
    });
    net.server.route('GET', '/fal-ai/fal-ai/ltx-video/requests/v1/status', [reply.json({ status: 'IN_PROGRESS' }), reply.json({ status: 'COMPLETED' })]);
    net.server.route('GET', '/fal-ai/fal-ai/ltx-video/requests/v1', reply.json({ video: { url: `${net.cdn.url}/v.mp4` } }));
    net.cdn.route('GET', '/v.mp4', reply.bytes(MP4, { contentType: 'video/mp4' }));
    const model = 'Lightricks/LTX-Video';
    const result = await provider().textToVideo!({ model, prompt: 'waves' }, testCallContext(net.transport, { task: 'text-to-video', model, route: testRoute('fal-ai', 'fal-ai/ltx-video', model, 'text-to-video') }));
    expect(result.videos[0]!.mediaType).toBe('video/mp4');
    expect(Buffer.from(result.videos[0]!.data).equals(Buffer.from(MP4))).toBe(true);
    expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('a failed result fetch is a typed error naming fal-ai', async () => {
    net.server.route('POST', '/fal-ai/fal-ai/flux/dev', reply.json({ ...ticket('bad'), status: 'COMPLETED' }));
    net.server.route('GET', '/fal-ai/fal-ai/flux/requests/bad', fault.status(422, { body: { detail: [{ loc: ['body', 'prompt'], msg: 'field required' }] } }));
    const model = 'black-forest-labs/FLUX.1-dev';
    const error = await rejection(provider().textToImage({ model, prompt: 'x' }, testCallContext(net.transport, { task: 'text-to-image', model, route: testRoute('fal-ai', 'fal-ai/flux/dev', model) })));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Hugging Face (fal-ai)');
    expect(error.message).toContain('field required');
  });

  it('aborting the call stops the polling at once', async () => {
    net.server.route('POST', '/fal-ai/fal-ai/flux/dev', reply.json(ticket('slow')));
    net.server.route('GET', '/fal-ai/fal-ai/flux/requests/slow/status', reply.json({ status: 'IN_QUEUE' }));
    const caller = new AbortController();
    const model = 'black-forest-labs/FLUX.1-dev';
    const pending = provider(200).textToImage({ model, prompt: 'x' }, testCallContext(net.transport, { task: 'text-to-image', model, signal: caller.signal, route: testRoute('fal-ai', 'fal-ai/flux/dev', model) }));
    setTimeout(() => caller.abort(), 300);
    const error = await rejection(pending);
    expect(error.kind).toBe('aborted');
    const seen = net.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(net.server.requests.length).toBe(seen);
  });
});
