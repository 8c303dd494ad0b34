import type { StatusLine } from '../terminal/status-line.js';
import type { TerminalStyle } from '../terminal/terminal-style.js';

/** The part of a writable stream the CLI uses (process.stdout / process.stderr). */
export interface WritableTerminal {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Where a command prints: text as it comes, or whole lines, with the stream's own style. */
export interface Output {
  readonly style: TerminalStyle;
  readonly isTTY: boolean;
  write(text: string): void;
  line(text?: string): void;
}

/**
 * An output over a stream. Standard error's lines go through the status line when there is one,
 * so a line printed while the spinner turns lands above it instead of through it.
 */
export function createOutput(stream: WritableTerminal, style: TerminalStyle, statusLine?: StatusLine): Output {
  return {
    style,
    isTTY: stream.isTTY === true,
    write: (text) => {
      stream.write(text);
    },
    line: (text = '') => {
      if (statusLine) statusLine.log(text);
      else stream.write(`${text}\n`);
    },
  };
}
