// Reads one file out of an npm tarball (gzipped ustar) without a `tar` binary: enough to check what
// `pnpm pack` wrote into package/package.json.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The text of `path` (e.g. `package/package.json`) inside the `.tgz` at `tarball`, or undefined. */
export function readTarballFile(tarball, path) {
  const archive = gunzipSync(readFileSync(tarball));
  let offset = 0;
  let longName;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    // GNU long names ('L') and pax headers ('x' with a path record) name the next entry.
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x') longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (name === path) return body.toString('utf8');
  }
  return undefined;
}
