import { transportSchemas } from '../spec/load-schemas.js';
import { validateInput } from '../spec/validate-input.js';

/**
 * True for hosts that never leave this machine: `localhost`, any 127.0.0.0/8 address and `::1`.
 * Takes `URL.hostname`, where IPv6 addresses keep their brackets (`[::1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  if (typeof hostname !== 'string') validateInput(() => transportSchemas().hostname, hostname, 'isLoopbackHost() hostname');
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
