// Runs a command in a consumer folder the way a user's shell would: no workspace binaries on PATH,
// no npm_* variables inherited from the `pnpm run` that started us, a hard timeout that kills the
// whole process group, and the output kept for the failure report.
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';

/** The environment of a shell outside the repository: `repoRoot`'s `node_modules/.bin` removed from PATH. */
export function consumerEnv(repoRoot, extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    // pnpm run sets npm_config_*, npm_package_* and npm_lifecycle_*: a consumer's npm must not see them.
    if (/^npm_/i.test(name) || /^pnpm_/i.test(name) || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry && !entry.startsWith(repoRoot))
    .join(delimiter);
  return { ...env, ...extra };
}

/**
 * Runs `command args` in `cwd`; resolves `{ code, output, ms }` (never rejects). `output` is stdout
 * and stderr interleaved, for the report. After `timeoutMs` the process group gets SIGKILL.
 */
export function runCommand(command, args, { cwd, env, timeoutMs }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    let finished = false;
    const finish = (code) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({ code: timedOut ? 'timeout' : code, output: timedOut ? `${output}\n[killed after ${timeoutMs} ms]` : output, ms: performance.now() - started });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(String(error)));
      finish('spawn-error');
    });
    child.on('close', (code) => finish(code));
  });
}

/** The last `lines` lines of `text`, indented, for a failure report. */
export function tail(text, lines = 25) {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `      ${line}`)
    .join('\n');
}
