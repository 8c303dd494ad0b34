// @ts-check
// Heap growth and peak RSS of one client in a fresh process (run with --expose-gc):
// warm up at the same concurrency as the measured run (so connection pools and caches are full
// before the baseline), collect garbage, note the heap, make <requests> non-stream chats, collect
// garbage again and report what stayed. Arguments: <client name> <origin> <requests> <concurrency>.
// Prints one JSON line.
import { loadAdapter } from './client-adapter.mjs';
import { runConcurrently } from './run-concurrently.mjs';

const [clientName, origin, requestsArgument, concurrencyArgument] = process.argv.slice(2);
const requests = Number(requestsArgument);
const concurrency = Number(concurrencyArgument);
const collectGarbage = /** @type {(() => void) | undefined} */ (globalThis.gc);
if (!clientName || !origin || !(requests > 0) || !(concurrency > 0) || !collectGarbage) {
  throw new Error('usage: node --expose-gc memory-probe.mjs <client name> <origin> <requests> <concurrency>');
}

const adapter = await loadAdapter(clientName, origin);

/** @param {number} count */
const chats = (count) => runConcurrently(count, concurrency, () => adapter.chat());

/** Full collections, with turns of the event loop between them so that finalizers and weak callbacks run. */
async function settledHeapBytes() {
  for (let pass = 0; pass < 3; pass++) {
    /** @type {() => void} */ (collectGarbage)();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

await chats(Math.max(500, concurrency * 8));
const heapBefore = await settledHeapBytes();
await chats(requests);
const heapAfter = await settledHeapBytes();
process.stdout.write(
  `${JSON.stringify({
    requests,
    concurrency,
    heapBeforeBytes: heapBefore,
    heapAfterBytes: heapAfter,
    heapGrowthBytes: heapAfter - heapBefore,
    // resourceUsage().maxRSS is in kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
await adapter.close();
// Keep-alive sockets of clients without a close() would hold the process open.
process.exit(0);
