// @ts-check
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * A forked client-worker.mjs: one client, commanded one round at a time.
 * @typedef {object} ClientWorker
 * @property {string} name
 * @property {(workload: import('./client-worker.mjs').Workload, count: number, concurrency: number) => Promise<import('./client-worker.mjs').RoundResult>} run
 * @property {() => Promise<void>} close
 */

/**
 * Forks a worker for `name` and waits until it has loaded its client and made one call of each kind.
 * @param {string} name
 * @param {string} origin
 * @returns {Promise<ClientWorker>}
 */
export async function startClientWorker(name, origin) {
  const child = fork(fileURLToPath(new URL('./client-worker.mjs', import.meta.url)), [name, origin], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  /** @type {((message: any) => void) | undefined} */
  let pending;
  /** @type {((error: Error) => void) | undefined} */
  let failPending;
  child.on('message', (message) => pending?.(message));
  exited.then(([code]) => failPending?.(new Error(`${name} worker exited with code ${code}`)));

  /** @returns {Promise<any>} */
  const nextMessage = () =>
    new Promise((resolve, reject) => {
      pending = (message) => {
        pending = failPending = undefined;
        if (message.type === 'error') reject(new Error(`${name}: ${message.message}`));
        else resolve(message);
      };
      failPending = reject;
    });

  await nextMessage();
  return {
    name,
    async run(workload, count, concurrency) {
      const answer = nextMessage();
      child.send({ type: 'run', workload, count, concurrency });
      return (await answer).result;
    },
    async close() {
      if (child.exitCode !== null) return;
      failPending = undefined;
      child.send({ type: 'close' });
      await exited;
    },
  };
}
