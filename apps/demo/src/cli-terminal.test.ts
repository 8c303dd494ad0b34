import { readNdjsonFixture, reply, fault } from '@switchyard/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { outputOf, runCli, useCliTestbed } from './test-support/run-cli.js';
import { TmuxSession, cliCommandLine, rawTerminalOutput } from './test-support/terminal-session.js';

// What a person at a terminal sees (tmux, a real pseudo-terminal): a spinner while no token has
// come, then the text as it streams. And what a terminal is sent: colour codes on a terminal only,
// never with NO_COLOR, never when piped.

const ollamaStream = readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt') as Array<{ message?: { content?: string } }>;
const ollamaText = ollamaStream.map((line) => line.message?.content ?? '').join('');
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

const testbed = useCliTestbed();

beforeEach(() => {
  // Ollama loading the model: no headers for 1.5 s, then the recorded answer, one line every 200 ms.
  testbed.server.route('POST', '/api/chat', fault.slowHeaders(1_500, reply.ndjson(ollamaStream, { delayMs: 200 })));
});

describe('in a terminal', () => {
  it('shows a spinner naming the provider until the first token, then streams the text, then the footer', async () => {
    const session = await TmuxSession.start(cliCommandLine(['chat', '--provider', 'ollama', 'Say something'], testbed.home.env({ OLLAMA_HOST: testbed.server.url })), `switchyard-demo-${process.pid}`);
    try {
      const screens = await session.watch((screen) => screen.includes('[exit 0]'), 40_000);
      const waiting = screens.filter((screen) => SPINNER.test(screen) && screen.includes('waiting for ollama · llama3.2…'));
      expect(waiting.length).toBeGreaterThan(0);
      // The spinner turns: more than one frame was on screen while waiting.
      expect(new Set(waiting.map((screen) => SPINNER.exec(screen)![0])).size).toBeGreaterThan(1);
      // Nothing of the answer shows while the spinner does.
      expect(waiting.every((screen) => !screen.includes(ollamaText.slice(0, 8)))).toBe(true);
      // The text streamed: some screen held a part of the answer, not yet all of it, and no spinner.
      const partial = screens.filter((screen) => {
        const line = screen.split('\n').find((row) => ollamaText.startsWith(row.trimEnd()) && row.trim().length > 0);
        return line !== undefined && line.trimEnd().length < ollamaText.trimEnd().length;
      });
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.every((screen) => !SPINNER.test(screen))).toBe(true);
      const last = screens.at(-1)!;
      expect(last).toContain(ollamaText.trimEnd());
      expect(last).toContain('✓ ollama · phi3');
      expect(last).not.toMatch(SPINNER);
      // On a terminal without NO_COLOR, the footer is coloured.
      expect(await session.screen(true)).toMatch(/\u001b\[[0-9;]*m/);
    } finally {
      await session.close();
    }
  });

  it('Ctrl-C while waiting stops the call at once: "Interrupted", exit code 130', async () => {
    testbed.server.reset();
    testbed.server.route('POST', '/api/chat', fault.slowHeaders(30_000, reply.ndjson(ollamaStream)));
    const session = await TmuxSession.start(cliCommandLine(['chat', '--provider', 'ollama', 'Say something'], testbed.home.env({ OLLAMA_HOST: testbed.server.url })), `switchyard-demo-int-${process.pid}`);
    try {
      await session.watch((screen) => screen.includes('waiting for ollama · llama3.2…'), 30_000);
      await session.sendKeys('C-c');
      const last = (await session.watch((screen) => screen.includes('[exit'), 10_000)).at(-1)!;
      expect(last).toContain('✗ Interrupted (Ctrl-C).');
      expect(last).toContain('[exit 130]');
    } finally {
      await session.close();
    }
  });

  it('with NO_COLOR the terminal is sent no escape code at all, though the spinner still turns', async () => {
    const env = testbed.home.env({ OLLAMA_HOST: testbed.server.url, NO_COLOR: '1' });
    const { output, code } = await rawTerminalOutput(cliCommandLine(['chat', '--provider', 'ollama', 'Say something'], env), 40_000);
    expect(code).toBe(0);
    expect(output).toMatch(SPINNER);
    expect(output).toContain('\r');
    expect(output).not.toContain('\u001b');
    expect(output.replaceAll('\r\n', '\n')).toContain(ollamaText);

    // The same run without NO_COLOR does colour: the check above is not vacuous.
    const coloured = await rawTerminalOutput(cliCommandLine(['chat', '--provider', 'ollama', 'Say something'], testbed.home.env({ OLLAMA_HOST: testbed.server.url })), 40_000);
    expect(coloured.output).toMatch(/\u001b\[[0-9;]*m/);
  });

  it('piped, no escape code and no spinner, on either stream', async () => {
    testbed.server.reset();
    testbed.server.route('POST', '/api/chat', reply.ndjson(ollamaStream));
    const run = await runCli(['chat', '--provider', 'ollama', 'Say something'], testbed.home.env({ OLLAMA_HOST: testbed.server.url }));
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toBe(`${ollamaText}\n`);
    expect(run.stdout + run.stderr).not.toContain('\u001b');
    expect(run.stdout + run.stderr).not.toMatch(SPINNER);
    expect(run.stderr).not.toContain('\r');
  });
});
