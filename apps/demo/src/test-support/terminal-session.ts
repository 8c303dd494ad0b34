import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI_PATH } from './run-cli.js';

const run = promisify(execFile);

/** Quotes one word for `sh`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `env -i K=V … node dist/cli.js args…` as one shell command: the CLI sees exactly `env`. */
export function cliCommandLine(args: readonly string[], env: Record<string, string>): string {
  const assignments = Object.entries(env).map(([key, value]) => shellQuote(`${key}=${value}`));
  return ['env', '-i', ...assignments, shellQuote(process.execPath), shellQuote(CLI_PATH), ...args.map(shellQuote)].join(' ');
}

/**
 * A detached tmux session on its own server (private socket, no user config) running one command in
 * a real pseudo-terminal of a fixed size: the screen can be captured at any moment, as a person
 * would see it, with or without its colour attributes.
 */
export class TmuxSession {
  readonly #socket: string;
  readonly #name = 'demo';

  private constructor(socket: string) {
    this.#socket = socket;
  }

  /** Starts `command` in an 100×24 pane; the pane stays open after it exits so the last screen can be read. */
  static async start(command: string, socket: string): Promise<TmuxSession> {
    const session = new TmuxSession(socket);
    await session.#tmux(['-f', '/dev/null', 'new-session', '-d', '-s', session.#name, '-x', '100', '-y', '24', `${command}; echo "[exit $?]"; sleep 600`]);
    return session;
  }

  /** The visible screen, as text (`withEscapes`: with the SGR codes of its colours). */
  async screen(withEscapes = false): Promise<string> {
    const { stdout } = await this.#tmux(['capture-pane', '-p', ...(withEscapes ? ['-e'] : []), '-t', this.#name]);
    return stdout;
  }

  /** Polls the screen until `done` holds, keeping every distinct screen seen; fails after `timeoutMs`. */
  async watch(done: (screen: string) => boolean, timeoutMs: number, intervalMs = 50): Promise<string[]> {
    const screens: string[] = [];
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (screens.at(-1) !== screen) screens.push(screen);
      if (done(screen)) return screens;
      if (performance.now() > deadline) throw new Error(`The terminal never showed what was expected within ${timeoutMs} ms; last screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Types keys into the pane, in tmux's names (`C-c` is Ctrl-C). */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.#tmux(['send-keys', '-t', this.#name, ...keys]);
  }

  /** Stops the session's tmux server (and the command in it). */
  async close(): Promise<void> {
    await this.#tmux(['kill-server']).catch(() => undefined);
  }

  #tmux(args: readonly string[]) {
    return run('tmux', ['-L', this.#socket, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' } });
  }
}

/**
 * Runs a command in a pseudo-terminal with util-linux `script` and returns every byte the program
 * wrote to it, escape codes included (what a terminal would be sent).
 */
export function rawTerminalOutput(command: string, timeoutMs: number): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`script did not finish within ${timeoutMs} ms; output so far:\n${output}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
    child.stdin.end();
  });
}
