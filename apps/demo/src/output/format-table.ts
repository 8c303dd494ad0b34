import type { TerminalStyle } from '../terminal/terminal-style.js';
import { visibleLength as width } from '../terminal/visible-length.js';

/** Lines of a plain-text table: a dimmed header row, columns padded to their widest cell. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, style: TerminalStyle): string[] {
  const widths = headers.map((header, column) => Math.max(width(header), ...rows.map((row) => width(row[column] ?? ''))));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [style.dim(format(headers)), ...rows.map(format)];
}
