import { SwitchyardError } from '@switchyard/core';

/** Where Ollama listens when nothing says otherwise. */
export const DEFAULT_OLLAMA_BASE_URL = 'http://127.0.0.1:11434';

const DEFAULT_PORT = '11434';

/**
 * The base URL the `ollama` CLI would use, from `OLLAMA_HOST`, read the way Ollama's own
 * `envconfig.Host()` reads it: `host`, `host:port`, `:port`, `[::1]:port`, `http://host:port` or
 * `https://host/path`. Without a scheme the port defaults to 11434; with `http://` or `https://`
 * to that scheme's port. The bind-everything addresses a server is often started with
 * (`0.0.0.0`, `::`, an empty host) are not addresses to connect to, so they become `127.0.0.1`.
 * Unset or blank: `http://127.0.0.1:11434`.
 *
 * The provider itself never reads the environment; `ollama()` calls this once, at creation, only
 * when it is given no `baseURL`.
 *
 * @param env the environment to read (default `process.env`).
 */
export function ollamaBaseUrlFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  // Ollama trims whitespace and surrounding quotes ("OLLAMA_HOST='0.0.0.0'" in unit files).
  const raw = (env.OLLAMA_HOST ?? '').trim().replace(/^["']|["']$/g, '').trim();
  if (raw === '') return DEFAULT_OLLAMA_BASE_URL;
  const schemeEnd = raw.indexOf('://');
  const scheme = schemeEnd === -1 ? 'http' : raw.slice(0, schemeEnd).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw invalidHost(`its scheme is "${scheme}", not http or https`);
  const defaultPort = schemeEnd === -1 ? DEFAULT_PORT : scheme === 'https' ? '443' : '80';
  const rest = schemeEnd === -1 ? raw : raw.slice(schemeEnd + 3);
  const slash = rest.indexOf('/');
  const hostPort = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash).replace(/\/+$/, '');
  if (hostPort.includes('@')) throw invalidHost('it contains a user name or password; put credentials in a header instead');
  const { host, port } = splitHostPort(hostPort, defaultPort);
  const url = `${scheme}://${formatHost(connectableHost(host))}:${port}${path}`;
  if (!URL.canParse(url)) throw invalidHost('it is not a host name or address');
  return url;
}

function splitHostPort(hostPort: string, defaultPort: string): { host: string; port: string } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: validPort(bracketed[2], defaultPort) };
  const colons = hostPort.split(':').length - 1;
  // More than one colon without brackets is a bare IPv6 address, which has no port.
  if (colons !== 1) return { host: hostPort, port: defaultPort };
  const colon = hostPort.indexOf(':');
  return { host: hostPort.slice(0, colon), port: validPort(hostPort.slice(colon + 1), defaultPort) };
}

function validPort(port: string | undefined, defaultPort: string): string {
  if (port === undefined || port === '') return defaultPort;
  const value = Number(port);
  if (!/^\d+$/.test(port) || value > 65_535) throw invalidHost(`its port "${port}" is not a number from 0 to 65535`);
  return String(value);
}

function connectableHost(host: string): string {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]' ? '127.0.0.1' : host;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function invalidHost(problem: string): SwitchyardError {
  return new SwitchyardError(
    'invalid-request',
    `OLLAMA_HOST is not usable: ${problem}. Set it to host, host:port or http://host:port, or pass ollama({ baseURL }).`,
    { retryable: false },
  );
}
