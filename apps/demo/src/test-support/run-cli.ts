import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusedUrl, sharedPath, startTestServer, type TestServer } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The built CLI: the tests run exactly what `pnpm run demo` and users run. */
export const CLI_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

/** What a CLI run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway home folder per test file: no real token, ledger or config can leak in or out. */
export interface CliHome {
  readonly path: string;
  /** A clean environment for the CLI: this home, the shared tiny model, Ollama refused unless set. */
  env(overrides?: Record<string, string | undefined>): Record<string, string>;
  remove(): void;
}

/** Creates a {@link CliHome} under the system temp folder. */
export function createCliHome(): CliHome {
  const path = mkdtempSync(join(tmpdir(), 'switchyard-demo-test-'));
  return {
    path,
    env(overrides = {}) {
      const base: Record<string, string | undefined> = {
        PATH: process.env.PATH,
        HOME: path,
        XDG_STATE_HOME: join(path, 'state'),
        XDG_CACHE_HOME: join(path, 'cache'),
        // The real stories260K model from ../shared/models: the embedded provider never downloads in tests.
        SWITCHYARD_MODELS_DIR: sharedPath('models'),
        ...overrides,
      };
      return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the built CLI as a subprocess with `env` as its whole environment, standard input empty
 * (or `input`), output piped. Killed after `timeoutMs` so a hang fails the test instead of stalling it.
 */
export function runCli(args: readonly string[], env: Record<string, string>, options: { input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env, cwd: options.cwd ?? env.HOME, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`switchyard ${args.join(' ')} did not finish within ${options.timeoutMs ?? 45_000} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 45_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** What most end-to-end test files share: a throwaway home, one loopback server, a refused address. */
export interface CliTestbed {
  readonly home: CliHome;
  readonly server: TestServer;
  /** An address where nothing listens (Ollama not running). */
  readonly refused: string;
}

/**
 * Sets up a {@link CliTestbed} for the calling test file: created before its tests, the server's
 * routes and recordings cleared before each, everything closed and removed after.
 */
export function useCliTestbed(): CliTestbed {
  let home: CliHome | undefined;
  let server: TestServer | undefined;
  let refused: string | undefined;
  beforeAll(async () => {
    home = createCliHome();
    server = await startTestServer();
    refused = await refusedUrl();
  });
  beforeEach(() => server?.reset());
  afterAll(async () => {
    await server?.close();
    home?.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The CLI testbed is used before its beforeAll ran.');
    return value;
  };
  return {
    get home() {
      return ready(home);
    },
    get server() {
      return ready(server);
    },
    get refused() {
      return ready(refused);
    },
  };
}

/** A run's output, for assertion messages: a wrong exit code shows what the CLI said. */
export function outputOf(run: CliRun): string {
  return `exit code ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
