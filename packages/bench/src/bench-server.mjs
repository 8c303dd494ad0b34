// @ts-check
// The loopback server of the benchmark, run in its own process so that its CPU time is never
// counted against a client. It speaks just enough of each wire format for every client to complete
// its calls: OpenAI chat (JSON and SSE) and embeddings (float and base64), Ollama /api/chat (JSON and
// NDJSON) and /api/embed, Hugging Face feature extraction. Prints its port on stdout; exits when its
// stdin closes, so that it never outlives the benchmark.
import { createServer } from 'node:http';
import {
  huggingFaceFeatureExtraction,
  ollamaChat,
  ollamaEmbed,
  ollamaStreamLines,
  openaiCompletion,
  openaiEmbeddingBase64,
  openaiEmbeddingFloat,
  openaiStreamEvents,
} from './wire-payloads.mjs';

/** Requests answered per route, read by the adapter tests through GET /bench/requests. */
const requestCounts = /** @type {Record<string, number>} */ ({});

/**
 * @param {import('node:http').ServerResponse} response
 * @param {Buffer} body
 */
function sendJson(response, body) {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
}

/**
 * Writes one chunk per event-loop turn, so that each reaches the client as its own read, as tokens
 * from a real model do, instead of one coalesced buffer that would hide per-event costs.
 * @param {import('node:http').ServerResponse} response
 * @param {Buffer[]} chunks
 * @param {string} contentType
 */
function sendStream(response, chunks, contentType) {
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  let index = 0;
  const writeNext = () => {
    if (response.destroyed) return;
    if (index < chunks.length - 1) {
      response.write(chunks[index++]);
      setImmediate(writeNext);
    } else {
      response.end(chunks[index]);
    }
  };
  writeNext();
}

/**
 * @param {string} method
 * @param {string} path
 * @param {string} body
 * @param {import('node:http').ServerResponse} response
 */
function answer(method, path, body, response) {
  requestCounts[path] = (requestCounts[path] ?? 0) + 1;
  if (method === 'GET' && path === '/bench/requests') return sendJson(response, Buffer.from(JSON.stringify(requestCounts)));
  if (method !== 'POST') return notFound(response, method, path);
  switch (path) {
    case '/v1/chat/completions':
      // Every OpenAI client serialises with JSON.stringify (no spaces); the regex also takes a spaced form.
      return /"stream"\s*:\s*true/.test(body) ? sendStream(response, openaiStreamEvents, 'text/event-stream') : sendJson(response, openaiCompletion);
    case '/v1/embeddings':
      return sendJson(response, /"encoding_format"\s*:\s*"base64"/.test(body) ? openaiEmbeddingBase64 : openaiEmbeddingFloat);
    case '/api/chat':
      // Ollama streams unless told `stream: false` (ollama-js always says which).
      return /"stream"\s*:\s*false/.test(body) ? sendJson(response, ollamaChat) : sendStream(response, ollamaStreamLines, 'application/x-ndjson');
    case '/api/embed':
      return sendJson(response, ollamaEmbed);
    case '/hf/feature-extraction':
      return sendJson(response, huggingFaceFeatureExtraction);
    default:
      return notFound(response, method, path);
  }
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {string} method
 * @param {string} path
 */
function notFound(response, method, path) {
  const body = Buffer.from(JSON.stringify({ error: { message: `bench server: no route for ${method} ${path}`, type: 'not_found' } }));
  response.writeHead(404, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
}

const server = createServer({ keepAlive: true }, (request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    answer(request.method ?? 'GET', queryStart === -1 ? url : url.slice(0, queryStart), body, response);
  });
});

// Clients keep connections for seconds between rounds; the default 5 s would close some mid-run
// and make one client pay for reconnecting.
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
