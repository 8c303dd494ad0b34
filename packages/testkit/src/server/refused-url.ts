import { createServer } from 'node:net';

/**
 * An `http://127.0.0.1:<port>` URL where nothing listens, so connecting is refused at once
 * (ECONNREFUSED). The port is taken from the OS and released before returning; another process could
 * in principle claim it in between, which loopback tests accept.
 */
export async function refusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('testkit: could not reserve a port');
  return `http://127.0.0.1:${address.port}`;
}
