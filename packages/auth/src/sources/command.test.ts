import { isSwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { isCredentialAbsent } from '../support/credential-absent-error.js';
import { failureOf } from '../test-support/failure-of.js';
import { command } from './command.js';

const NODE = process.execPath;
const TOKEN = 'cmd-token-0123456789abcdefXYZ';

describe('command()', () => {
  it('returns the trimmed standard output, run without a shell', async () => {
    // `$HOME` and `;` would be interpreted by a shell; here they reach the program verbatim.
    const source = command([NODE, '-e', 'process.stdout.write("  " + process.argv[1] + "\\n")', `${TOKEN};$HOME`]);
    const resolved = await source();
    expect(resolved.secret.reveal()).toBe(`${TOKEN};$HOME`);
    expect(resolved.source).toMatch(/^command .*node.* -e /);
  });

  it('treats empty output as absent', async () => {
    const error = await failureOf(command([NODE, '-e', 'process.stdout.write("\\n ")'])());
    expect(isCredentialAbsent(error)).toBe(true);
    expect(error.message).toContain('printed nothing');
  });

  it('reports a non-zero exit with its last stderr line and never the output', async () => {
    // The script assembles the token so that it is not in argv (which the message quotes).
    const script = 'const t = ["cmd-token-0123456789", "abcdefXYZ"].join(""); process.stdout.write(t); console.error("warming up"); console.error(`error: not signed in (${t})`); process.exit(3)';
    const error = await failureOf(command([NODE, '-e', script])());
    expect(isSwitchyardError(error) && error.kind).toBe('auth');
    expect(isCredentialAbsent(error)).toBe(false);
    expect(error.message).toMatch(/exited with code 3: error: not signed in \(\[REDACTED\]\)\. Run it by hand to see why\.$/);
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('kills a command that runs past timeoutMs, grandchildren included, and says so', async () => {
    // The grandchild inherits stdout: without killing the process group the pipe would stay open for 30 s.
    const script = `require("node:child_process").spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "inherit" }); setTimeout(() => {}, 30000)`;
    const started = Date.now();
    const error = await failureOf(command([NODE, '-e', script], { timeoutMs: 500 })());
    const elapsed = Date.now() - started;
    expect(error.message).toContain('did not finish within 500 ms and was stopped');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('names a program that does not exist', async () => {
    const error = await failureOf(command(['switchyard-no-such-program-x', 'read'])());
    expect(error.message).toBe('The credential command switchyard-no-such-program-x read failed: program "switchyard-no-such-program-x" not found: install it or give its full path.');
  });

  it('reports a command killed by a signal', async () => {
    const error = await failureOf(command([NODE, '-e', 'process.kill(process.pid, "SIGTERM")'])());
    expect(error.message).toContain('was killed by SIGTERM');
  });

  it('rejects output too large to be a token', async () => {
    const error = await failureOf(command([NODE, '-e', 'process.stdout.write("x".repeat(200000))'])());
    expect(error.message).toContain('printed more than 65536 bytes');
  });

  it('rejects invalid arguments', () => {
    expect(() => command([])).toThrow(/Invalid command\(\) arguments: argv: give the program/);
    expect(() => command([''])).toThrow(/argv\[0\]/);
    expect(() => command(['op'], { timeoutMs: -1 })).toThrow(/options.timeoutMs/);
    expect(() => command('op read x' as never)).toThrow(/Invalid command\(\) arguments/);
  });
});
