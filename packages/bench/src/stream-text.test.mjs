import { expect, it } from 'vitest';
import { collectDeltas, readRawSseText } from './stream-text.mjs';

const encoder = new TextEncoder();
/** @param {string[]} pieces */
async function* chunks(pieces) {
  for (const piece of pieces) yield encoder.encode(piece);
}

it('reads the deltas of an SSE body whose events and characters are split across chunks', async () => {
  /** @param {string} text */
  const event = (text) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;
  const body = `${event('')}${event('héllo ')}${event('wörld')}data: {"choices":[],"usage":{}}\n\ndata: [DONE]\n\n`;
  const bytes = encoder.encode(body);
  // Cut inside an event, between the two bytes of "é".
  const cut = encoder.encode(body.slice(0, body.indexOf('é'))).length + 1;
  let firstDeltas = 0;
  const text = await readRawSseText(
    (async function* () {
      yield bytes.slice(0, cut);
      yield bytes.slice(cut);
    })(),
    () => firstDeltas++,
  );
  expect(text).toBe('héllo wörld');
  expect(firstDeltas).toBe(1);
  expect(await readRawSseText(chunks([event('a'), event('b')]))).toBe('ab');
});

it('collects deltas, skipping empty ones, and reports the first non-empty one once', () => {
  let firstDeltas = 0;
  const deltas = collectDeltas(() => firstDeltas++);
  for (const delta of ['', null, undefined, 'a', 'b']) deltas.add(delta);
  expect(deltas.text).toBe('ab');
  expect(firstDeltas).toBe(1);
});
