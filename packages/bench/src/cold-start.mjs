// @ts-check
// A cold start: this fresh process imports one client, creates it and completes its first
// non-stream chat. Arguments: <client name> <origin>. Prints one JSON line:
// sinceProcessStartMs counts from the process's time origin (Node's own start-up included, the same
// for every client); importAndFirstCallMs only the client's import, construction and first call.
import { performance } from 'node:perf_hooks';
import { loadAdapter } from './client-adapter.mjs';

const [clientName, origin] = process.argv.slice(2);
if (!clientName || !origin) throw new Error('usage: node cold-start.mjs <client name> <origin>');

const importStart = performance.now();
const adapter = await loadAdapter(clientName, origin);
await adapter.chat();
const finished = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ sinceProcessStartMs: finished, importAndFirstCallMs: finished - importStart, cpuMicros: cpu.user + cpu.system, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
// Keep-alive sockets of clients without a close() would hold the process open.
process.exit(0);
