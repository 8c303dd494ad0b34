// Test support, not shipped: three testkit servers answering with random faults, run in a worker
// thread so that 1,000 concurrent streams do not make the servers and the client share one event
// loop. The parent sends `workerData = { events, seed, count }` (`events`: the chunks of a healthy
// OpenAI stream) and gets back the servers' URLs; any message it sends afterwards closes them.
import { parentPort, workerData } from 'node:worker_threads';
import { fault, reply, startTestServer } from '@switchyard/testkit';

const { events, seed, count } = workerData;

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function seeded(start) {
  let state = start;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(seed);
const contentChunks = events.length - 2; // the last two are the finish and usage chunks

/** 60 % healthy; the rest 500, 429, reset mid-stream, stall (before or after content), reset before headers, 503. */
function randomReply() {
  const stream = reply.sse(events, { delayMs: Math.floor(random() * 3) });
  const afterChunks = 1 + Math.floor(random() * (contentChunks - 1));
  const roll = random();
  if (roll < 0.6) return stream;
  if (roll < 0.68) return fault.status(500);
  if (roll < 0.76) return fault.status(429, { retryAfter: 0 });
  if (roll < 0.84) return fault.resetMidStream(stream, { afterChunks });
  if (roll < 0.9) return fault.stall(stream, { afterChunks: random() < 0.5 ? 0 : afterChunks });
  if (roll < 0.95) return fault.resetBeforeHeaders();
  return fault.status(503);
}

const servers = await Promise.all(Array.from({ length: count }, () => startTestServer({ record: false })));
for (const server of servers) server.route('POST', '/v1/chat/completions', () => randomReply());
parentPort.postMessage(servers.map((server) => server.url));
parentPort.once('message', async () => {
  await Promise.all(servers.map((server) => server.close()));
  parentPort.close();
});
