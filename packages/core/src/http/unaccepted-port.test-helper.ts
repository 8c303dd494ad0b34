import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/**
 * An `http://127.0.0.1:<port>` where connecting hangs: a listener with a backlog of one, in a
 * worker whose thread is blocked so it never accepts, and two sockets that fill its queue. The
 * kernel then leaves further SYNs unanswered, which is how a firewalled or overloaded host looks,
 * and the only way to see a real connect timeout on loopback.
 */
export async function unacceptedUrl(): Promise<{ url: string; close(): Promise<void> }> {
  const release = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData, 0, 0);
       server.close();
     });`,
    { eval: true, workerData: release },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const fillers: Socket[] = [];
  for (let index = 0; index < 2; index++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    fillers.push(socket);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of fillers) socket.destroy();
      Atomics.store(release, 0, 1);
      Atomics.notify(release, 0);
      await worker.terminate();
    },
  };
}
