/** Colours for one output stream: each function returns its text unchanged when colour is off. */
export interface TerminalStyle {
  readonly colour: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** What decides colour: the stream, and the environment's say. */
export interface ColourInputs {
  isTTY: boolean | undefined;
  noColor: boolean;
  dumbTerminal: boolean;
}

/** Colour only on a terminal, never with `NO_COLOR` (https://no-color.org) or `TERM=dumb`. */
export function colourWanted(inputs: ColourInputs): boolean {
  return inputs.isTTY === true && !inputs.noColor && !inputs.dumbTerminal;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** The style for a stream; with colour off no escape code is ever written. */
export function createStyle(colour: boolean): TerminalStyle {
  return colour
    ? { colour, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) }
    : { colour, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
}
