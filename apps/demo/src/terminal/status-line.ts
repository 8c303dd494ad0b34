import type { TerminalStyle } from './terminal-style.js';
import { visibleLength } from './visible-length.js';

/** The part of a stream the status line needs (process.stderr, or a test double's real pty). */
export interface StatusStream {
  write(text: string): unknown;
  readonly columns?: number;
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;
const BAR_WIDTH = 24;

/**
 * One live line at the bottom of a terminal: a spinner or a progress bar, redrawn in place with a
 * carriage return and erased with spaces, so no cursor-control escape code is ever needed (the
 * only escape codes are colours, which the style leaves out under `NO_COLOR`). Only for a
 * terminal: when the stream is piped the caller uses {@link StatusLine.log} lines instead.
 */
export class StatusLine {
  readonly #stream: StatusStream;
  readonly #style: TerminalStyle;
  #timer: NodeJS.Timeout | undefined;
  #frame = 0;
  #label = '';
  /** Characters currently drawn, to erase exactly them. */
  #drawnWidth = 0;
  #content: (() => string) | undefined;

  constructor(stream: StatusStream, style: TerminalStyle) {
    this.#stream = stream;
    this.#style = style;
  }

  /** Shows an animated spinner with `label` until {@link clear}. */
  spin(label: string): void {
    this.#label = label;
    this.#content = () => `${this.#style.cyan(SPINNER_FRAMES[this.#frame % SPINNER_FRAMES.length]!)} ${this.#label}`;
    this.#draw();
    if (!this.#timer) {
      this.#timer = setInterval(() => {
        this.#frame += 1;
        this.#draw();
      }, FRAME_MS);
      // The spinner must never keep a finished command alive.
      this.#timer.unref();
    }
  }

  /**
   * Shows a progress bar; without a total, a spinner with the amount done so far. `bytes` amounts
   * print as sizes, others (queue positions, steps) as plain numbers.
   */
  progress(label: string, completed: number | undefined, total: number | undefined, unit: 'bytes' | 'count'): void {
    const amount = unit === 'bytes' ? formatBytes : String;
    if (total === undefined || total <= 0 || completed === undefined) {
      this.spin(completed === undefined ? label : `${label} ${amount(completed)}`);
      return;
    }
    this.#stopTimer();
    const fraction = Math.min(1, Math.max(0, completed / total));
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${this.#style.cyan('█'.repeat(filled))}${this.#style.dim('░'.repeat(BAR_WIDTH - filled))}`;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    this.#content = () => `${bar} ${percent} ${amount(completed)} / ${amount(total)}  ${label}`;
    this.#draw();
  }

  /** Prints a permanent line above the live one (which is redrawn below it). */
  log(line: string): void {
    this.#erase();
    this.#stream.write(`${line}\n`);
    if (this.#content) this.#draw();
  }

  /** Erases the live line and stops animating. */
  clear(): void {
    this.#stopTimer();
    this.#erase();
    this.#content = undefined;
  }

  #draw(): void {
    if (!this.#content) return;
    const columns = this.#stream.columns ?? 80;
    const text = fitVisible(this.#content(), Math.max(10, columns - 1));
    const width = visibleLength(text);
    // Pad over the rest of a longer previous line instead of an erase-line escape code.
    const padding = ' '.repeat(Math.max(0, this.#drawnWidth - width));
    this.#stream.write(`\r${text}${padding}`);
    this.#drawnWidth = width;
  }

  #erase(): void {
    if (this.#drawnWidth === 0) return;
    this.#stream.write(`\r${' '.repeat(this.#drawnWidth)}\r`);
    this.#drawnWidth = 0;
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Cuts a line to `width` visible characters, keeping colour codes intact. */
function fitVisible(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  let visible = 0;
  let result = '';
  for (const part of text.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith('\u001b[')) {
      result += part;
      continue;
    }
    for (const character of part) {
      if (visible >= width - 1) break;
      result += character;
      visible += 1;
    }
  }
  return `${result}…${text.includes('\u001b[') ? '\u001b[0m' : ''}`;
}

/** `1.2 MB`, `610 KB`, `12 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}
