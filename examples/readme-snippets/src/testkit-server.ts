// Mirrors packages/testkit/README.md, sections "The server" and "Fixtures" (API listings; the
// placeholders `handler`, `lines`, `text` and `cassette` are given values here).
import {
  chunksToSse,
  mountCassette,
  readCassette,
  readChunksFixture,
  readJsonFixture,
  readNdjsonFixture,
  readSseFixture,
  refusedUrl,
  reply,
  sharedPath,
  splitSseEvents,
  startTestServer,
} from '@switchyard/testkit';

const handler = reply.json({ ok: true });

// "The server"
const server = await startTestServer({ record: true }); // record: false for benchmarks
server.url; // 'http://127.0.0.1:54321', no trailing slash
server.route('POST', '/v1/chat/completions', handler);
server.requests; // [{ method, path, query, headers (lower-case names), body, json, receivedAt }]
server.reset(); // forget routes and recordings
await server.close();
const url = await refusedUrl(); // a loopback URL where connecting is refused
console.log(url);

// "Fixtures"
sharedPath('fixtures', 'hf-hub-cassettes', 'INDEX.tsv'); // absolute path into <repo>/../shared
const lines = readChunksFixture('openai-compat-streams/groq/groq-tool-call.chunks.txt'); // string[]: one JSON chunk per line
chunksToSse(lines); // ['data: <line>\n\n', …, 'data: [DONE]\n\n'] for reply.sseRaw
const text = readSseFixture('openai-compat-streams/openai-compatible-chat/anthropic-fallback-tool-call.sse'); // raw text
splitSseEvents(text); // one string per event, for reply.sseRaw
readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt'); // object[]
readJsonFixture('openai-compat-streams/openai-embedding/openai-embedding.json');
const cassette = readCassette('hf-hub-cassettes/<file>.yaml'); // { path, interactions: [{ request, response }] }
mountCassette(server, cassette, {}); // serve the recorded responses
