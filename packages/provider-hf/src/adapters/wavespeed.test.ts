import { describe, expect, it } from 'vitest';
import { reply } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute } from '../test-helpers/call-context.test-helper.js';
import { rejection, useLoopback } from '../test-helpers/loopback.test-helper.js';

const TOKEN = 'hf_wavespeedToken0123456789abcdefg';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5]);

const net = useLoopback();

describe('wavespeed', () => {
  it('an image task is polled at the result path of urls.get, on the router, until completed', async () => {
    const urls = { get: 'https://api.wavespeed.ai/api/v3/predictions/w-1/result' };
    net.server.route('POST', '/wavespeed/api/v3/wavespeed-ai/flux-dev', reply.json({ code: 200, message: 'success', data: { id: 'w-1', status: 'created', urls } }));
    net.server.route('GET', '/wavespeed/api/v3/predictions/w-1/result', [
      reply.json({ code: 200, data: { id: 'w-1', status: 'processing', outputs: [] } }),
      reply.json({ code: 200, data: { id: 'w-1', status: 'completed', outputs: [`${net.cdn.url}/w-1.png`] } }),
    ]);
    net.cdn.route('GET', '/w-1.png', reply.bytes(PNG, { contentType: 'image/png' }));
    const model = 'black-forest-labs/FLUX.1-dev';
    const result = await huggingface({ token: TOKEN, routerUrl: net.server.url, hubUrl: net.server.url, pollIntervalMs: 30 }).textToImage(
      { model, prompt: 'a cat', width: 1024, height: 768 },
      testCallContext(net.transport, { task: 'text-to-image', model, route: testRoute('wavespeed', 'wavespeed-ai/flux-dev', model) }),
    );
    expect(result.images[0]!.mediaType).toBe('image/png');
    expect(net.server.requests[0]!.json).toEqual({ prompt: 'a cat', size: '1024*768' });
    expect(net.server.requests.filter((request) => request.path.endsWith('/result'))).toHaveLength(2);
    expect(net.cdn.requests[0]!.headers.authorization).toBeUndefined();
  });
});
