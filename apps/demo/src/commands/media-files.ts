import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GeneratedMedia } from '@switchyard/core';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

/** A file written by `image` or `video`. */
export interface WrittenFile {
  path: string;
  mediaType: string;
  bytes: number;
  /** Where the provider served it from, when it came by URL. */
  url?: string;
}

/**
 * Writes generated media. `out` may name a file (several results get `-2`, `-3`… before the
 * extension) or an existing folder; without it, files go to the current folder as
 * `switchyard-<kind>-<time>.<ext>`. The extension follows the media type the provider reported.
 */
export async function writeMediaFiles(media: readonly GeneratedMedia[], kind: 'image' | 'video', out: string | undefined, now: Date = new Date()): Promise<WrittenFile[]> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const folder = out !== undefined && (await isDirectory(out)) ? out : undefined;
  const written: WrittenFile[] = [];
  for (const [index, item] of media.entries()) {
    const extension = EXTENSIONS[item.mediaType] ?? 'bin';
    const suffix = media.length > 1 ? `-${index + 1}` : '';
    let path: string;
    if (out === undefined || folder !== undefined) path = join(folder ?? '.', `switchyard-${kind}-${stamp}${suffix}.${extension}`);
    else path = suffix === '' ? out : out.replace(/(\.[^./\\]+)?$/, (existing) => `${suffix}${existing || `.${extension}`}`);
    await writeFile(path, item.data);
    written.push({ path: resolve(path), mediaType: item.mediaType, bytes: item.data.byteLength, ...(item.url ? { url: item.url } : {}) });
  }
  return written;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
