// @ts-check
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} BenchServer
 * @property {string} origin `http://127.0.0.1:<port>`
 * @property {() => Promise<void>} stop Ends the server process and waits for it to exit.
 */

/**
 * Starts bench-server.mjs in a child process (its CPU is then never counted against a client).
 * @returns {Promise<BenchServer>}
 */
export async function startBenchServer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bench-server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const [firstLine] = await Promise.race([
    /** @type {Promise<[Buffer]>} */ (once(/** @type {import('node:stream').Readable} */ (child.stdout), 'data')),
    exited.then(([code]) => Promise.reject(new Error(`bench server exited with code ${code} before listening`))),
  ]);
  return {
    origin: `http://127.0.0.1:${firstLine.toString().trim()}`,
    async stop() {
      if (child.exitCode === null) {
        child.stdin?.end();
        await exited;
      }
    },
  };
}
