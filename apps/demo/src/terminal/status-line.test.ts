import { describe, expect, it } from 'vitest';
import { StatusLine, formatBytes } from './status-line.js';
import { createStyle } from './terminal-style.js';

function recorder(columns = 100) {
  const writes: string[] = [];
  return { stream: { columns, write: (text: string) => writes.push(text) }, writes };
}

describe('StatusLine', () => {
  it('draws and erases with carriage returns and spaces only: no escape code without colour', () => {
    const { stream, writes } = recorder();
    const line = new StatusLine(stream, createStyle(false));
    line.spin('waiting for ollama · llama3.2…');
    line.progress('embedded: downloading', 512 * 1024, 1024 * 1024, 'bytes');
    line.log('✗ ollama: connection refused');
    line.clear();
    const output = writes.join('');
    expect(output).not.toContain('\u001b');
    expect(writes[0]).toBe('\r⠋ waiting for ollama · llama3.2…');
    expect(writes[1]).toBe(`\r${'█'.repeat(12)}${'░'.repeat(12)}  50% 512 KB / 1.0 MB  embedded: downloading`);
    // The log line lands on a clean line (the bar erased first), and the bar comes back under it.
    expect(writes.slice(2, 5)).toEqual([`\r${' '.repeat(writes[1]!.length - 1)}\r`, '✗ ollama: connection refused\n', writes[1]]);
    expect(writes.at(-1)).toBe(`\r${' '.repeat(writes[1]!.length - 1)}\r`);
  });

  it('pads over a longer previous line and cuts a line to the terminal width', () => {
    const { stream, writes } = recorder(20);
    const line = new StatusLine(stream, createStyle(false));
    line.spin('a label far longer than twenty columns');
    expect(writes[0]).toBe('\r⠋ a label far long…');
    line.spin('short');
    expect(writes[1]).toBe(`\r⠋ short${' '.repeat(12)}`);
    line.clear();
  });

  it('colours only with a colour style', () => {
    const { stream, writes } = recorder();
    const line = new StatusLine(stream, createStyle(true));
    line.spin('waiting');
    line.clear();
    expect(writes[0]).toBe('\r\u001b[36m⠋\u001b[39m waiting');
  });
});

describe('formatBytes', () => {
  it('picks a unit', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(1_185_376), formatBytes(3 * 1024 ** 3)]).toEqual(['12 B', '2 KB', '1.1 MB', '3.00 GB']);
  });
});
