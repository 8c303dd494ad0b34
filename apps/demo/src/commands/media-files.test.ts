import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../test-support/temp-folders.js';
import { writeMediaFiles } from './media-files.js';

const folder = useTempFolders('switchyard-media-');

const png = { mediaType: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) };
const jpeg = { mediaType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff]), url: 'https://cdn.example/a.jpg' };
const at = new Date('2026-03-04T05:06:07.890Z');

describe('writeMediaFiles', () => {
  it('names files after the kind and time in a folder, with the extension of each media type', async () => {
    const out = folder();
    const written = await writeMediaFiles([png, jpeg], 'image', out, at);
    expect(written).toEqual([
      { path: join(out, 'switchyard-image-20260304-050607-1.png'), mediaType: 'image/png', bytes: 4 },
      { path: join(out, 'switchyard-image-20260304-050607-2.jpg'), mediaType: 'image/jpeg', bytes: 3, url: 'https://cdn.example/a.jpg' },
    ]);
    expect(new Uint8Array(readFileSync(written[1]!.path))).toEqual(jpeg.data);
  });

  it('writes to the file named, numbering several results before the extension', async () => {
    const out = folder();
    expect((await writeMediaFiles([png], 'image', join(out, 'cat.png'), at)).map((file) => file.path)).toEqual([join(out, 'cat.png')]);
    expect((await writeMediaFiles([png, png], 'image', join(out, 'cats.png'), at)).map((file) => file.path)).toEqual([join(out, 'cats-1.png'), join(out, 'cats-2.png')]);
    mkdirSync(join(out, 'clips'));
    const video = await writeMediaFiles([{ mediaType: 'video/mp4', data: new Uint8Array([0]) }], 'video', join(out, 'clips'), at);
    expect(video[0]!.path).toBe(join(out, 'clips', 'switchyard-video-20260304-050607.mp4'));
  });
});
