import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { bindTransport, createClient, createTransport, type CallContext } from '@switchyard/core';
import { ollama } from '../src/index.js';

const child = spawn(process.execPath, [fileURLToPath(new URL('../ollama-bench-server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout!, 'data')) as [Buffer];
const origin = `http://127.0.0.1:${line.toString().trim()}`;
const messages = [{ role: 'user' as const, content: 'hi' }];
const agent = new Agent();
const http = createTransport({ proxy: false });
const provider = ollama({ baseURL: origin });
const client = createClient({ providers: [ollama({ baseURL: origin })] });
const context = (): CallContext => ({
  http: bindTransport(http, { provider: 'ollama', model: 'llama3.2' }),
  signal: new AbortController().signal,
  timeouts: { connectMs: 1e4, headersMs: 6e4, firstTokenMs: 6e4, idleMs: 6e4, totalMs: 6e5 },
  deadline: Date.now() + 6e5, attempt: 1, task: 'chat', model: 'llama3.2', idempotent: false, emit: () => {},
});
const variants: Record<string, () => Promise<unknown>> = {
  raw: async () => { const { body } = await request(`${origin}/api/chat`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'llama3.2', messages, stream: false }) }); await body.json(); },
  transport: async () => { const r = await http.request({ method: 'POST', url: `${origin}/api/chat`, json: { model: 'llama3.2', messages, stream: false } }); await r.json(); },
  provider: async () => provider.chat({ model: 'llama3.2', messages }, context()),
  client: async () => client.chat({ model: 'llama3.2', messages }, { provider: 'ollama' }),
};
async function cpu(fn: () => Promise<unknown>, n: number) { const s = process.cpuUsage(); for (let i = 0; i < n; i++) await fn(); const u = process.cpuUsage(s); return (u.user + u.system) / n; }
for (const [name, fn] of Object.entries(variants)) await cpu(fn, 300);
for (let round = 0; round < 3; round++) for (const [name, fn] of Object.entries(variants)) console.log(round, name, (await cpu(fn, 400)).toFixed(1));
if (process.env.PROFILE) { const { Session } = await import('node:inspector/promises'); }
await client.close(); await http.close(); await agent.close(); child.stdin!.end();
