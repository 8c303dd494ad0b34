// @ts-check
// What every adapter does with a stream's text deltas, and the yardstick's own SSE reading, in one
// place so that each client is measured doing the same work on its deltas.

/**
 * Collects text deltas and calls `onFirstDelta` when the first non-empty one arrives.
 * @param {() => void} onFirstDelta
 */
export function collectDeltas(onFirstDelta) {
  let text = '';
  return {
    /** @param {string | null | undefined} delta */
    add(delta) {
      if (!delta) return;
      if (text === '') onFirstDelta();
      text += delta;
    },
    get text() {
      return text;
    },
  };
}

/**
 * What a minimal hand-written client does with an OpenAI stream: split Server-Sent Events on blank
 * lines, one `JSON.parse` per event, keep `choices[0].delta.content`. The yardstick's stream reader.
 * @param {AsyncIterable<Uint8Array>} body
 * @param {() => void} [onFirstDelta]
 * @returns {Promise<string>} the whole text
 */
export async function readRawSseText(body, onFirstDelta = () => {}) {
  const decoder = new TextDecoder();
  const deltas = collectDeltas(onFirstDelta);
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let boundary = buffered.indexOf('\n\n');
    while (boundary !== -1) {
      const event = buffered.slice(0, boundary);
      buffered = buffered.slice(boundary + 2);
      if (event.startsWith('data: ') && event !== 'data: [DONE]') deltas.add(JSON.parse(event.slice(6)).choices[0]?.delta?.content);
      boundary = buffered.indexOf('\n\n');
    }
  }
  return deltas.text;
}
