// The README's example, verbatim: if this file fails, the README is wrong.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fault, readChunksFixture, reply, startTestServer, type TestServer } from '@switchyard/testkit';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close(); // destroys every socket, stalled streams included
});

it('answers a 429, then streams a real recorded OpenAI answer', async () => {
  const lines = readChunksFixture('openai-compat-streams/openai-chat/openai-text.chunks.txt');
  server.route('POST', '/v1/chat/completions', [
    fault.status(429, { retryAfter: 1 }), // first call
    reply.sse(lines), // every later call: `data: <line>\n\n` per line, then `data: [DONE]\n\n`
  ]);

  const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('1');
  await response.arrayBuffer();

  const stream = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{"stream":true}' });
  expect(await stream.text()).toContain('data: [DONE]');
  expect(server.requests.map((request) => request.json)).toEqual([{}, { stream: true }]);
});
