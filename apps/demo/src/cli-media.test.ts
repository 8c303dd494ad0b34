import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_PNG, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outputOf, runCli, useCliTestbed } from './test-support/run-cli.js';

const HF_TOKEN = 'hf_demoMediaToken0123456789abcdefghi';
// The start of an MP4 file (an ftyp box): the provider tells the media type from these bytes.
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);

// The testbed's server stands in for the Hugging Face router and Hub.
const testbed = useCliTestbed();
// A second server stands in for a provider's CDN: result files are fetched from it without the token.
let cdn: TestServer;

beforeAll(async () => {
  cdn = await startTestServer();
});
afterAll(async () => {
  await cdn.close();
});
beforeEach(() => cdn.reset());

const hfEnv = () => testbed.home.env({ HF_TOKEN, SWITCHYARD_HF_ROUTER_URL: testbed.server.url, SWITCHYARD_HF_HUB_URL: testbed.server.url, OLLAMA_HOST: testbed.server.url });

describe('switchyard image', () => {
  it('generates through a Hugging Face route, writes the file and prints its path', async () => {
    testbed.server.route('GET', '/api/models/black-forest-labs/FLUX.1-schnell', reply.json({
      id: 'black-forest-labs/FLUX.1-schnell',
      inferenceProviderMapping: { 'hf-inference': { status: 'live', providerId: 'black-forest-labs/FLUX.1-schnell', task: 'text-to-image' } },
    }));
    testbed.server.route('POST', '/hf-inference/models/black-forest-labs/FLUX.1-schnell', reply.bytes(TINY_PNG, { contentType: 'image/png', headers: { 'x-compute-time': '1.5' } }));
    const outDir = join(testbed.home.path, 'pictures');
    mkdirSync(outDir);
    const run = await runCli(['image', '--out', outDir, 'A lighthouse at dawn'], hfEnv());
    expect(run.code, outputOf(run)).toBe(0);
    const path = run.stdout.trim();
    expect(path).toMatch(new RegExp(`^${outDir}/switchyard-image-\\d{8}-\\d{6}\\.png$`));
    expect(new Uint8Array(readFileSync(path))).toEqual(TINY_PNG);
    expect(run.stderr).toContain('image/png, 70 B');
    expect(run.stderr).toMatch(/attempts {2}hf\/hf-inference ✓/);
    expect((testbed.server.requests.find((request) => request.method === 'POST')!.json as { inputs: string }).inputs).toBe('A lighthouse at dawn');
  });

  it('--json names the file instead of printing the bytes', async () => {
    testbed.server.route('GET', '/api/models/stabilityai/sdxl', reply.json({ inferenceProviderMapping: { 'hf-inference': { status: 'live', providerId: 'stabilityai/sdxl', task: 'text-to-image' } } }));
    testbed.server.route('POST', '/hf-inference/models/stabilityai/sdxl', reply.bytes(TINY_PNG, { contentType: 'image/png' }));
    const out = join(testbed.home.path, 'boat.png');
    const run = await runCli(['image', '--json', '--model', 'stabilityai/sdxl', '--out', out, 'a boat'], hfEnv());
    expect(run.code, outputOf(run)).toBe(0);
    const response = JSON.parse(run.stdout) as { provider: string; files: Array<{ path: string; mediaType: string; bytes: number }>; images?: unknown };
    expect(response).toMatchObject({ provider: 'hf', trace: [{ provider: 'hf/hf-inference', outcome: 'success' }], files: [{ path: out, mediaType: 'image/png', bytes: TINY_PNG.byteLength }] });
    expect(response.images).toBeUndefined();
    expect(new Uint8Array(readFileSync(out))).toEqual(TINY_PNG);
  });
});

describe('switchyard video', () => {
  it('follows a queued Replicate job to the end, then downloads the video from the CDN without the token', async () => {
    const model = 'Wan-AI/Wan2.1-T2V-14B';
    testbed.server.route('GET', `/api/models/${model}`, reply.json({ id: model, inferenceProviderMapping: { replicate: { status: 'live', providerId: 'wan-video/wan-2.1-t2v-480p', task: 'text-to-video' } } }));
    const starting = { id: 'job1', status: 'starting', output: null };
    testbed.server.route('POST', '/replicate/v1/models/wan-video/wan-2.1-t2v-480p/predictions', reply.json(starting, { status: 201 }));
    testbed.server.route('GET', '/replicate/v1/predictions/job1', reply.json({ ...starting, status: 'succeeded', output: `${cdn.url}/out.mp4` }));
    cdn.route('GET', '/out.mp4', reply.bytes(MP4, { contentType: 'application/octet-stream' }));
    const out = join(testbed.home.path, 'waves.mp4');
    const run = await runCli(['video', '--out', out, 'waves on a beach'], hfEnv());
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    expect(new Uint8Array(readFileSync(out))).toEqual(MP4);
    // Piped, the polling shows as one line per stage instead of a bar.
    expect(run.stderr).toMatch(/hf\/replicate: (queued|in-progress)/);
    expect(run.stderr).toMatch(/attempts {2}hf\/replicate ✓/);
    expect(cdn.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
  });
});
