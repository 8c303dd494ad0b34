// @ts-check
// The process profile-client.mjs runs under `node --cpu-prof`: one client, one workload, many calls.
// Arguments: <client name> <origin> <workload: chat | chat-concurrent | stream | embed> <calls>.
import { loadAdapter } from './client-adapter.mjs';
import { runConcurrently } from './run-concurrently.mjs';

const [clientName, origin, workload, callsArgument] = process.argv.slice(2);
const calls = Number(callsArgument);
if (!clientName || !origin || !workload || !(calls > 0)) throw new Error('usage: node profile-target.mjs <client> <origin> <workload> <calls>');

const adapter = await loadAdapter(clientName, origin);
if (workload === 'chat-concurrent') {
  await runConcurrently(calls, 64, () => adapter.chat());
} else {
  for (let index = 0; index < calls; index++) {
    if (workload === 'chat') await adapter.chat();
    else if (workload === 'embed') await adapter.embed();
    else if (workload === 'stream') await adapter.stream(() => {});
    else throw new Error(`unknown workload "${workload}": use chat, chat-concurrent, stream or embed`);
  }
}
await adapter.close();
process.exit(0);
