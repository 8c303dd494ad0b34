import { readFixtureText, readNdjsonFixture } from '@switchyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../errors/switchyard-error.js';
import { assertRandomBytesGiveTypedErrors, byteSource, collect, encoder, splitAt } from './chunk-sources.test-helper.js';
import { readNdjson } from './read-ndjson.js';

const read = (...pieces: Array<string | Uint8Array>) => collect(readNdjson(byteSource(pieces)));

describe('readNdjson', () => {
  it('reads an Ollama /api/chat stream (semantic-kernel ollama/chat_completion_test_response_stream.txt)', async () => {
    const path = 'semantic-kernel/ollama/chat_completion_test_response_stream.txt';
    expect(await read(readFixtureText(path))).toEqual(readNdjsonFixture(path));
  });

  it('skips blank lines, accepts CRLF and a last line without a newline', async () => {
    expect(await read('{"a":1}\r\n\r\n', '\n{"b":2}\n', '   \n{"c":3}')).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('names the 1-based line of a line that is not JSON', async () => {
    const error = await read('{"a":1}\n\n{"b":oops}\n').catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-response');
    expect((error as Error).message).toMatch(/^NDJSON line 3 is not valid JSON .*: \{"b":oops\}$/);
  });

  it('reports a body cut inside its last line', async () => {
    const error = await read('{"a":1}\n{"done":fal').catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-response');
    expect((error as Error).message).toContain('line 2');
  });

  it('returns the source when the consumer stops early', async () => {
    const source = byteSource(['{"a":1}\n', '{"b":2}\n']);
    for await (const value of readNdjson(source)) {
      expect(value).toEqual({ a: 1 });
      break;
    }
    expect(source.returned).toBe(true);
  });

  it('gives the same values however the bytes are split, even inside multi-byte characters', async () => {
    const value = fc.record({ text: fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', 'é', '€', '🌍', '中'), maxLength: 16 }), n: fc.integer() });
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 10 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 20 }), async (values, crlf, offsets) => {
        const body = encoder.encode(values.map((item) => JSON.stringify(item)).join(crlf ? '\r\n' : '\n'));
        const split = await read(...splitAt(body, offsets.map((offset) => offset % (body.length + 1))));
        expect(split).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('turns random bytes into values or a typed error, never another kind of throw', async () => {
    await assertRandomBytesGiveTypedErrors(read);
  });
});
