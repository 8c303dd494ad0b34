// Mirrors packages/core/README.md, section "Transport" (the stand-in server example).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport, isSwitchyardError, scopeCredential } from '@switchyard/core';

// A stand-in for an OpenAI-compatible server, so that this runs anywhere.
const server = createServer((request, response) => {
  if (request.url === '/v1/models') {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
    response.end('{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}');
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.end('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]\n\n');
}).listen(0, '127.0.0.1');
await once(server, 'listening');
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const http = createTransport({ timeouts: { connectMs: 5_000, headersMs: 30_000, idleMs: 30_000 } });
// Sent only to this origin; refused for any other host and over plain http:// to non-loopback hosts.
const credential = scopeCredential('sk-example-key', { origins: [baseUrl] });

const response = await http.request({
  method: 'POST',
  url: `${baseUrl}/v1/chat/completions`,
  json: { model: 'demo', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
  credential,
  provider: 'demo',
});
let text = '';
for await (const message of response.sse()) text += JSON.parse(message.data).choices[0].delta.content;
console.log(text); // Hello

try {
  await http.request({ url: `${baseUrl}/v1/models`, credential });
} catch (error) {
  if (!isSwitchyardError(error)) throw error;
  console.log(error.kind, error.status, error.retryAfterMs); // rate-limit 429 2000
  console.log(error.message); // GET http://127.0.0.1:…/v1/models failed with 429 Too Many Requests: Rate limit reached
}

await http.close();
server.close();
