// HTTP_PROXY / NO_PROXY through a real CONNECT proxy on loopback.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransport } from './create-transport.js';
import { scopeCredential } from './scope-credential.js';

const KEY = 'sk-proxy-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

interface Tunnel {
  target: string;
  headers: IncomingHttpHeaders;
}

/** A minimal CONNECT proxy that records each tunnel it opens. */
async function startConnectProxy(): Promise<{ url: string; tunnels: Tunnel[]; close(): Promise<void> }> {
  const tunnels: Tunnel[] = [];
  const sockets = new Set<Socket>();
  const proxy = createServer();
  proxy.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels.push({ target: request.url ?? '', headers: request.headers });
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => sockets.delete(socket));
    }
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
const saved = new Map<string, string | undefined>();

beforeEach(async () => {
  server = await startTestServer();
  server.route('GET', '/v1/models', reply.json({ data: [] }));
  proxy = await startConnectProxy();
  for (const name of PROXY_VARIABLES) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
});

afterEach(async () => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server.close();
  await proxy.close();
});

async function fetchModels(options: Parameters<typeof createTransport>[0] = {}) {
  const http = createTransport(options);
  try {
    const credential = scopeCredential(KEY, { origins: [server.url] });
    return await (await http.request({ url: `${server.url}/v1/models`, credential })).json();
  } finally {
    await http.close();
  }
}

describe('proxy from the environment', () => {
  it('goes through HTTP_PROXY when it is set; the credential travels inside the tunnel only', async () => {
    process.env.HTTP_PROXY = proxy.url;
    expect(await fetchModels()).toEqual({ data: [] });
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([new URL(server.url).host]);
    expect(JSON.stringify(proxy.tunnels[0]!.headers)).not.toContain(KEY);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('skips the proxy for hosts in NO_PROXY', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '127.0.0.1';
    expect(await fetchModels()).toEqual({ data: [] });
    expect(proxy.tunnels).toHaveLength(0);
  });

  it('connects directly with proxy: false, whatever the environment says', async () => {
    process.env.HTTP_PROXY = proxy.url;
    expect(await fetchModels({ proxy: false })).toEqual({ data: [] });
    expect(proxy.tunnels).toHaveLength(0);
  });

  it('connects directly when no proxy variable is set', async () => {
    expect(await fetchModels()).toEqual({ data: [] });
    expect(proxy.tunnels).toHaveLength(0);
  });
});
