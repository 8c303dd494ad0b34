// @ts-check
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Runs one of this folder's scripts in a fresh Node process and parses the JSON line it prints.
 * The process is killed after `timeoutMs`, so a client that hangs fails the run instead of stalling it.
 * @param {string} script file name in this folder
 * @param {string[]} args
 * @param {{ nodeFlags?: string[], timeoutMs: number }} options
 * @returns {Promise<any>}
 */
export async function runChildJson(script, args, { nodeFlags = [], timeoutMs }) {
  const child = spawn(process.execPath, [...nodeFlags, fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${script} ${args[0] ?? ''} ${signal === 'SIGKILL' ? `killed after ${timeoutMs} ms` : `exited with code ${code}`}`);
  const lastLine = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(lastLine);
  } catch {
    throw new Error(`${script} ${args[0] ?? ''} printed no JSON result: ${JSON.stringify(output.slice(-200))}`);
  }
}
