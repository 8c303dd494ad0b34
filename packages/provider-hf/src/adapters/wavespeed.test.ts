import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpTransport } from '@switchyard/core';
import { reply, startTestServer } from '@switchyard/testkit';
import type { TestServer } from '@switchyard/testkit';
import { huggingface } from '../huggingface.js';
import { testCallContext, testRoute, testTransport } from '../test-helpers/call-context.test-helper.js';

const TOKEN = 'hf_wavespeedToken0123456789abcdefg';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5]);

let server: TestServer;
let cdn: TestServer;
let transport: HttpTransport;

beforeAll(async () => {
  [server, cdn] = await Promise.all([startTestServer(), startTestServer()]);
  transport = testTransport();
});
afterAll(async () => {
  await Promise.all([server.close(), cdn.close(), transport.close()]);
});
beforeEach(() => {
  server.reset();
  cdn.reset();
});

describe('wavespeed', () => {
  it('an image task is polled at the result path of urls.get, on the router, until completed', async () => {
    const urls = { get: 'https://api.wavespeed.ai/api/v3/predictions/w-1/result' };
    server.route('POST', '/wavespeed/api/v3/wavespeed-ai/flux-dev', reply.json({ code: 200, message: 'success', data: { id: 'w-1', status: 'created', urls } }));
    server.route('GET', '/wavespeed/api/v3/predictions/w-1/result', [
      reply.json({ code: 200, data: { id: 'w-1', status: 'processing', outputs: [] } }),
      reply.json({ code: 200, data: { id: 'w-1', status: 'completed', outputs: [`${cdn.url}/w-1.png`] } }),
    ]);
    cdn.route('GET', '/w-1.png', reply.bytes(PNG, { contentType: 'image/png' }));
    const model = 'black-forest-labs/FLUX.1-dev';
    const result = await huggingface({ token: TOKEN, routerUrl: server.url, hubUrl: server.url, pollIntervalMs: 30 }).textToImage(
      { model, prompt: 'a cat', width: 1024, height: 768 },
      testCallContext(transport, { task: 'text-to-image', model, route: testRoute('wavespeed', 'wavespeed-ai/flux-dev', model) }),
    );
    expect(result.images[0]!.mediaType).toBe('image/png');
    expect(server.requests[0]!.json).toEqual({ prompt: 'a cat', size: '1024*768' });
    expect(server.requests.filter((request) => request.path.endsWith('/result'))).toHaveLength(2);
    expect(cdn.requests[0]!.headers.authorization).toBeUndefined();
  });
});
