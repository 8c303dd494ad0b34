// @ts-check
// `pnpm --filter @switchyard/bench count-promises`: promises and timers each client creates per
// non-stream chat and per 200-delta stream, counted with an async_hooks init hook after a warm-up.
// Every promise is an allocation and a microtask turn; a client that wraps each stream event in
// several async layers pays for it on every token, which this makes visible without a profiler.
import { createHook } from 'node:async_hooks';
import { COMPARED_CLIENTS, loadAdapter } from './client-adapter.mjs';
import { formatTable } from './format-report.mjs';
import { STREAM_CHUNK_COUNT } from './canned-responses.mjs';
import { startBenchServer } from './start-bench-server.mjs';

const CHATS = 200;
const STREAMS = 20;

const counts = { promises: 0, timers: 0 };
const hook = createHook({
  init(_id, type) {
    if (type === 'PROMISE') counts.promises++;
    else if (type === 'Timeout') counts.timers++;
  },
});

/** @param {() => Promise<void>} work @param {number} times */
async function countDuring(work, times) {
  counts.promises = 0;
  counts.timers = 0;
  hook.enable();
  for (let index = 0; index < times; index++) await work();
  hook.disable();
  return { promises: counts.promises / times, timers: counts.timers / times };
}

const server = await startBenchServer();
/** @type {string[][]} */
const rows = [];
try {
  for (const { name, label } of COMPARED_CLIENTS) {
    const adapter = await loadAdapter(name, server.origin);
    // Warm-up: lazy imports and first-use caches are not what a steady call costs.
    for (let index = 0; index < 20; index++) {
      await adapter.chat();
      await adapter.stream(() => {});
    }
    const chat = await countDuring(() => adapter.chat(), CHATS);
    const stream = await countDuring(() => adapter.stream(() => {}), STREAMS);
    rows.push([label, chat.promises.toFixed(0), chat.timers.toFixed(1), stream.promises.toFixed(0), (stream.promises / STREAM_CHUNK_COUNT).toFixed(1), stream.timers.toFixed(1)]);
    await adapter.close();
  }
} finally {
  await server.stop();
}
console.log(formatTable(['client', 'promises / chat', 'timers / chat', 'promises / stream', 'promises / delta', 'timers / stream'], rows));
// Clients without close() keep sockets open.
process.exit(0);
