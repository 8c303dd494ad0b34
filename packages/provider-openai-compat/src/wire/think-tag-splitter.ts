const OPEN_TAG = '<think>';
const CLOSE_TAG = '</think>';

type SplitterState = 'detect' | 'thinking' | 'answer-start' | 'answer';

/** Receives the pieces a {@link ThinkTagSplitter} separates. */
export interface ThinkTagSink {
  text(text: string): void;
  reasoning(text: string): void;
}

/**
 * Separates an inline `<think>…</think>` block at the start of a streamed answer into reasoning.
 * DeepSeek-R1 and Qwen3 served by vLLM, TGI, llama.cpp or Together without a reasoning parser put
 * their thinking in `content` this way. Only a block that opens the answer counts (a `<think>` later
 * in the text is the model talking about the tag), and tags split across chunks are reassembled.
 * Once the answer is known not to start with a tag, text passes through without copying.
 */
export class ThinkTagSplitter {
  #state: SplitterState = 'detect';
  #pending = '';

  /** Feeds one content delta. */
  push(delta: string, sink: ThinkTagSink): void {
    if (this.#state === 'answer') {
      if (delta) sink.text(delta);
      return;
    }
    if (this.#state === 'detect') this.#detect(delta, sink);
    else if (this.#state === 'thinking') this.#think(delta, sink);
    else this.#startAnswer(delta, sink);
  }

  /** Flushes what was held back: an unterminated block is reasoning, an undecided prefix is text. */
  end(sink: ThinkTagSink): void {
    const pending = this.#pending;
    this.#pending = '';
    if (!pending) return;
    if (this.#state === 'thinking') sink.reasoning(pending);
    else if (this.#state === 'detect') sink.text(pending);
  }

  #detect(delta: string, sink: ThinkTagSink): void {
    const seen = this.#pending + delta;
    const start = seen.trimStart();
    if (start.length < OPEN_TAG.length && OPEN_TAG.startsWith(start)) {
      this.#pending = seen; // empty, whitespace or a partial "<thi": wait for more
      return;
    }
    this.#pending = '';
    if (start.startsWith(OPEN_TAG)) {
      this.#state = 'thinking';
      this.#think(start.slice(OPEN_TAG.length), sink);
      return;
    }
    this.#state = 'answer';
    sink.text(seen);
  }

  #think(delta: string, sink: ThinkTagSink): void {
    const seen = this.#pending + delta;
    const close = seen.indexOf(CLOSE_TAG);
    if (close >= 0) {
      this.#pending = '';
      if (close > 0) sink.reasoning(seen.slice(0, close));
      this.#state = 'answer-start';
      this.#startAnswer(seen.slice(close + CLOSE_TAG.length), sink);
      return;
    }
    const held = partialCloseTagLength(seen);
    this.#pending = held ? seen.slice(seen.length - held) : '';
    const reasoning = held ? seen.slice(0, seen.length - held) : seen;
    if (reasoning) sink.reasoning(reasoning);
  }

  // The blank lines models put between `</think>` and the answer are layout, not answer text.
  #startAnswer(delta: string, sink: ThinkTagSink): void {
    const answer = delta.trimStart();
    if (!answer) return;
    this.#state = 'answer';
    sink.text(answer);
  }
}

/** How many trailing characters of `text` could be the start of `</think>`. */
function partialCloseTagLength(text: string): number {
  const longest = Math.min(CLOSE_TAG.length - 1, text.length);
  for (let length = longest; length > 0; length--) {
    if (text.endsWith(CLOSE_TAG.slice(0, length))) return length;
  }
  return 0;
}

/**
 * Splits a complete answer that opens with `<think>…</think>` into reasoning and text. Returns
 * `undefined` when the answer does not start with a think block.
 */
export function splitThinkTags(content: string): { reasoning: string; text: string } | undefined {
  const start = content.trimStart();
  if (!start.startsWith(OPEN_TAG)) return undefined;
  const close = start.indexOf(CLOSE_TAG, OPEN_TAG.length);
  if (close < 0) return { reasoning: start.slice(OPEN_TAG.length), text: '' };
  return { reasoning: start.slice(OPEN_TAG.length, close), text: start.slice(close + CLOSE_TAG.length).trimStart() };
}
