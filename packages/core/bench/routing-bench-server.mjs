// Loopback servers for the routing benchmark, in their own process so that their work does not
// share the client's event loop. Prints `{"primary":port,"secondary":port}` and exits with stdin.
//   primary:   answers an OpenAI chat stream after MODEL_DELAY_MS, except every STALL_EVERY-th call,
//              which it accepts and never answers (a stalled upstream);
//   secondary: always answers after MODEL_DELAY_MS.
import { createServer } from 'node:http';

const MODEL_DELAY_MS = 20;
const STALL_EVERY = 10;

const chunks = ['Switch', 'yard ', 'routes ', 'calls.'].map((content) =>
  `data: ${JSON.stringify({ id: 'bench', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`,
);
const tail =
  `data: ${JSON.stringify({ id: 'bench', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` +
  `data: ${JSON.stringify({ id: 'bench', choices: [], usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 } })}\n\n` +
  'data: [DONE]\n\n';

function answer(response) {
  setTimeout(() => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const chunk of chunks) response.write(chunk);
    response.end(tail);
  }, MODEL_DELAY_MS);
}

function server(stalls) {
  let calls = 0;
  return createServer({ keepAlive: true }, (request, response) => {
    request.resume();
    request.on('end', () => {
      calls += 1;
      if (stalls && calls % STALL_EVERY === 0) return; // accepted, never answered
      answer(response);
    });
  });
}

const listen = (instance) => new Promise((resolve) => instance.listen(0, '127.0.0.1', () => resolve(instance.address().port)));
const primary = server(true);
const secondary = server(false);
process.stdout.write(`${JSON.stringify({ primary: await listen(primary), secondary: await listen(secondary) })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
