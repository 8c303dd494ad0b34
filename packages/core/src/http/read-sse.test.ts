import { readSseFixture } from '@switchyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { assertRandomBytesGiveTypedErrors, byteSource, collect, encoder, splitAt } from './chunk-sources.test-helper.js';
import { readSse } from './read-sse.js';

const read = (...pieces: Array<string | Uint8Array>) => collect(readSse(byteSource(pieces)));
const data = (messages: Array<{ data: string }>) => messages.map((message) => message.data);

describe('readSse', () => {
  it('reads events, ends at data: [DONE] and ignores what follows it', async () => {
    const messages = await read('data: {"a":1}\n\n', 'data: {"b":2}\n\ndata: [DONE]\n\ndata: {"after":true}\n\n');
    expect(messages).toEqual([
      { data: '{"a":1}', event: undefined, id: undefined },
      { data: '{"b":2}', event: undefined, id: undefined },
    ]);
  });

  it('tolerates data: without a space (TGI, semantic-kernel huggingface/chatcompletion_test_stream_response.txt) and no [DONE]', async () => {
    const text = readSseFixture('semantic-kernel/huggingface/chatcompletion_test_stream_response.txt');
    expect(text.startsWith('data:{')).toBe(true);
    expect(text).not.toContain('[DONE]');
    const messages = await read(text);
    expect(messages.length).toBe(text.split('\n\n').filter((part) => part.trim()).length);
    for (const message of messages) expect(() => JSON.parse(message.data)).not.toThrow();
  });

  it('skips : comments (keep-alives) and reads CRLF line ends, event names, ids and multi-line data', async () => {
    const messages = await read(': keep-alive\r\n\r\n', 'event: error\r\nid: 7\r\ndata: line one\r\ndata:line two\r\n\r\n', ':ping\n\n');
    expect(messages).toEqual([{ event: 'error', id: '7', data: 'line one\nline two' }]);
  });

  it('delivers an event the body ended in, and honours a final data: [DONE] without newline', async () => {
    // semantic-kernel openai/*.txt end with a single "\n" after [DONE]; a cut stream ends mid-event.
    expect(data(await read('data: {"a":1}\n\ndata: {"b":'))).toEqual(['{"a":1}', '{"b":']);
    expect(data(await read('data: {"a":1}\n\ndata: {"b":2}\n'))).toEqual(['{"a":1}', '{"b":2}']);
    expect(data(await read('data: {"a":1}\n\ndata: [DONE]'))).toEqual(['{"a":1}']);
  });

  it('reassembles UTF-8 characters split across chunks, and drops a byte-order mark', async () => {
    const bytes = encoder.encode('\uFEFFdata: {"text":"héllo 🌍"}\n\n');
    const globe = bytes.indexOf(0xf0);
    const messages = await read(...splitAt(bytes, [1, 2, bytes.indexOf(0xc3) + 1, globe + 1, globe + 2, globe + 3]));
    expect(data(messages)).toEqual(['{"text":"héllo 🌍"}']);
  });

  it('validates its source at the call', () => {
    expect(() => readSse('data: x\n\n' as never)).toThrow(/readSse\(\) source: \(root\): expected an async iterable of Uint8Array chunks/);
  });

  it('returns the source when the consumer stops early', async () => {
    const source = byteSource(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']);
    for await (const message of readSse(source)) {
      expect(message.data).toBe('1');
      break;
    }
    expect(source.returned).toBe(true);
  });

  it('rejects an endless line with a typed error instead of buffering it all', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const pieces = ['data: ', ...Array.from({ length: 17 }, () => megabyte)];
    const error = await read(...pieces).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-response');
  });

  it('gives the same events however the bytes are split, even inside multi-byte characters', async () => {
    const eventText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '{', '"', ':', 'é', 'ß', '€', '🌍', '中', '\u0301'), maxLength: 24 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventText, { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (events, crlf, offsets) => {
          const newline = crlf ? '\r\n' : '\n';
          const body = encoder.encode(events.map((text) => `data: ${text}${newline}${newline}`).join('') + `data: [DONE]${newline}${newline}`);
          const whole = data(await read(body));
          const split = data(await read(...splitAt(body, offsets.map((offset) => offset % (body.length + 1)))));
          expect(whole).toEqual(events.filter((text) => text !== '[DONE]'));
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns random bytes into events or a typed error, never another kind of throw', async () => {
    await assertRandomBytesGiveTypedErrors(read);
  });
});
