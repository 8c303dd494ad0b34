// The loopback server for the transport benchmark, run in its own process so that its CPU time
// is not counted against the client being measured. Prints its port on stdout, exits with stdin.
import { createServer } from 'node:http';

const CHUNKS_PER_STREAM = 200;

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Switchyard routes each request to a healthy provider. '.repeat(8) },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 42, completion_tokens: 96, total_tokens: 138 },
});

const chunkEvents = Array.from({ length: CHUNKS_PER_STREAM }, (_, index) =>
  Buffer.from(
    `data: ${JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'bench-model',
      choices: [{ index: 0, delta: { content: `token ${index} ` }, finish_reason: null }],
    })}\n\n`,
  ),
);
const done = Buffer.from('data: [DONE]\n\n');

const server = createServer({ keepAlive: true }, (request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.url === '/v1/chat/completions') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      response.end(completion);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let index = 0;
    // One write per loop turn, so that each chunk reaches the client as its own read, like tokens do.
    const writeNext = () => {
      if (index < chunkEvents.length) {
        response.write(chunkEvents[index++]);
        setImmediate(writeNext);
      } else {
        response.end(done);
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
