// Mirrors docs/guide.md: every code block, in order, with their imports gathered at the top.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { cached, chain, env, file, hfToken } from '@switchyard/auth';
import { createClient, isSwitchyardError } from '@switchyard/core';
import { huggingface } from '@switchyard/provider-hf';
import { ollama } from '@switchyard/provider-ollama';
import { groq, openaiCompatible, together } from '@switchyard/provider-openai-compat';

// "Choosing providers"
const client = createClient({
  providers: [
    ollama(), // free and local: first
    ...(process.env.GROQ_API_KEY ? [groq({ apiKey: process.env.GROQ_API_KEY })] : []),
    huggingface({ token: hfToken() }),
  ],
  models: {
    'llama-3.1-8b': { ollama: 'llama3.1:8b', groq: 'llama-3.1-8b-instant', hf: 'meta-llama/Llama-3.1-8B-Instruct' },
  },
});

const answer = await client.chat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Name three rivers.' }] });
console.log(answer.text, answer.provider, answer.model, answer.cost);

// "`auto` or explicit selection"
await client.chat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Hi' }] }); // auto
await client.chat({ model: 'llama3.1:8b', messages: [{ role: 'user', content: 'Hi' }] }, { provider: 'ollama' }); // pinned
await client.chat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Hi' }] }, { provider: ['groq', 'hf'] }); // ordered

const traced = await client.chat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Hi' }] });
for (const attempt of traced.trace) console.log(attempt.provider, attempt.outcome, attempt.errorKind ?? '', `${attempt.durationMs} ms`);

// "Failover, retries and timeouts"
const patient = createClient({
  providers: [ollama(), huggingface({ token: hfToken() })],
  timeouts: { firstTokenMs: 20_000, byProvider: { ollama: { firstTokenMs: 120_000 } } }, // a cold model load is slow
  retry: { maxRetries: 1 },
  hedge: { delayMs: 2_000 }, // no first token after 2 s: start the next candidate too, keep the faster
});

try {
  const reply = await patient.chat(
    { model: 'meta-llama/Llama-3.1-8B-Instruct', messages: [{ role: 'user', content: 'Hi' }] },
    { signal: AbortSignal.timeout(45_000), timeouts: { idleMs: 10_000 } },
  );
  console.log(reply.text);
} catch (error) {
  if (!isSwitchyardError(error)) throw error;
  console.error(error.kind, error.timeoutPhase ?? '', error.message);
  for (const attempt of error.attempts ?? []) console.error(' ', attempt.provider, attempt.errorKind, attempt.status ?? '');
}

// "Credentials"
const lab = openaiCompatible({
  id: 'lab',
  baseURL: 'https://vllm.lab.example.com/v1',
  apiKey: cached(chain(env('LAB_API_KEY'), file('~/.config/lab/key')), { ttlMs: 60_000 }),
});
const hosted = together({ apiKey: env('TOGETHER_API_KEY') });
export const keyed = createClient({ providers: [lab, hosted] });

// "Costs and budgets"
const metered = createClient({
  providers: [ollama(), groq({ apiKey: env('GROQ_API_KEY') })],
  pricing: {
    groq: { 'llama-3.1-8b-instant': { type: 'per-token', inputPerMillion: 0.05, outputPerMillion: 0.08 } },
    ollama: { type: 'compute-time', perSecond: 0.00002 }, // what your GPU hour costs, per second
  },
  budget: [
    { limitUsd: 5, window: 'day' },
    { limitUsd: 1, window: 'hour', provider: 'groq', warnAt: 0.8 },
  ],
  quotas: { groq: { requestsPerMinute: 30, tokensPerMinute: 6_000 } },
  routing: { strategy: 'cost' }, // the cheapest estimate first
  onEvent: (event) => {
    if (event.type === 'budget-warning' || event.type === 'budget-exhausted') console.warn(event.type, event.budget, event.spentUsd);
  },
});

const priced = await metered.chat({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 200 });
console.log(priced.cost); // e.g. { amount: …, currency: 'USD', basis: 'per-token' } when Groq answered
const { totals } = metered.usage();
console.log(totals.requests, totals.costUsd, totals.unknownCostRequests); // costUsd is a lower bound while unknownCostRequests > 0

// "Serving a stream to a browser": a web Request/Response framework
export async function POST(request: Request): Promise<Response> {
  const { question } = (await request.json()) as { question: string };
  const stream = client.streamChat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: question }] }, { signal: request.signal });
  return new Response(stream.toReadableStream(), {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  });
}

// … with Node's http module
createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  const { question } = JSON.parse(body) as { question: string };
  const stream = client.streamChat({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: question }] });
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events = Readable.fromWeb(stream.toReadableStream());
  response.on('close', () => events.destroy()); // the browser left: cancels the call
  events.pipe(response);
}).listen(3000);

// … and in the browser
export async function ask(question: string, onText: (text: string) => void): Promise<void> {
  const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ question }) });
  if (!response.ok || !response.body) throw new Error(`The server answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
      const message = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = message.slice(message.indexOf('data: ') + 'data: '.length);
      if (message.startsWith('event: error')) {
        const failure = JSON.parse(data) as { kind: string; message: string; committed: boolean };
        throw new Error(`${failure.kind}: ${failure.message}`);
      }
      const event = JSON.parse(data) as { type: string; text?: string };
      if (event.type === 'text' && event.text) onText(event.text);
    }
  }
}
