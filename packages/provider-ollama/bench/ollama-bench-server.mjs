// The Ollama-shaped loopback server for the benchmark, in its own process so that its CPU time is
// not counted against the client being measured (same arrangement as packages/core/bench).
// POST /api/chat answers one JSON object, or 200 NDJSON lines plus the final line when the body
// asks for "stream": true. Prints its port on stdout, exits when stdin ends.
import { createServer } from 'node:http';

const LINES_PER_STREAM = 200;
const timings = {
  total_duration: 740574544,
  load_duration: 54994250,
  prompt_eval_count: 38,
  prompt_eval_duration: 69055000,
  eval_count: 200,
  eval_duration: 455657000,
};

const answer = JSON.stringify({
  model: 'llama3.2',
  created_at: '2024-10-16T11:08:38.60342187Z',
  message: { role: 'assistant', content: 'Switchyard routes each request to a healthy provider. '.repeat(8) },
  done_reason: 'stop',
  done: true,
  ...timings,
});

const lines = Array.from({ length: LINES_PER_STREAM }, (_, index) =>
  Buffer.from(
    `${JSON.stringify({ model: 'llama3.2', created_at: '2024-07-02T11:45:16.216898458Z', message: { role: 'assistant', content: `token ${index} ` }, done: false })}\n`,
  ),
);
const finalLine = Buffer.from(
  `${JSON.stringify({ model: 'llama3.2', created_at: '2024-07-02T11:45:16.265598822Z', message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...timings })}\n`,
);

const server = createServer({ keepAlive: true }, (request, response) => {
  const parts = [];
  request.on('data', (part) => parts.push(part));
  request.on('end', () => {
    const streamed = Buffer.concat(parts).includes('"stream":true');
    if (!streamed) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    let index = 0;
    // One write per loop turn, so that each line reaches the client as its own read, like tokens do.
    const writeNext = () => {
      if (index < lines.length) {
        response.write(lines[index++]);
        setImmediate(writeNext);
      } else {
        response.end(finalLine);
      }
    };
    writeNext();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
