import { describe, expect, it } from 'vitest';
import { reply } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute } from '../test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from '../test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_novitaVideoToken0123456789abcde';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]);

const net = useLoopback();

describe('novita', () => {
  it('a video task is submitted, its result polled by task id until it succeeds, and the file fetched without the token', async () => {
    net.server.route('POST', '/novita/v3/async/wan-t2v', reply.json({ task_id: 't-9' }));
    net.server.route('GET', '/novita/v3/async/task-result', [
      reply.json({ task: { task_id: 't-9', status: 'TASK_STATUS_PROCESSING', progress_percent: 40 } }),
      reply.json({ task: { task_id: 't-9', status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: `${net.cdn.url}/t-9.mp4`, video_type: 'mp4' }] }),
    ]);
    net.cdn.route('GET', '/t-9.mp4', reply.bytes(MP4, { contentType: 'video/mp4' }));
    const model = 'Wan-AI/Wan2.1-T2V-14B';
    const context = testCallContext(net.transport, { task: 'text-to-video', model, route: testRoute('novita', 'wan-t2v', model, 'text-to-video') });
    const result = await huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, pollIntervalMs: 30 }).textToVideo!({ model, prompt: 'rain' }, context);
    expect(Buffer.from(result.videos[0]!.data).equals(Buffer.from(MP4))).toBe(true);
    const polls = net.server.requests.filter((request) => request.path === '/novita/v3/async/task-result');
    expect(polls.map((request) => request.query.task_id)).toEqual(['t-9', 't-9']);
    expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
    expect(context.events.some((event) => event.detail?.includes('40%'))).toBe(true);
  });
});
