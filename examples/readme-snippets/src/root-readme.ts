// Mirrors the repository's README.md, its one TypeScript example (after the package list).
import { createClient } from '@switchyard/core';
import { hfToken } from '@switchyard/auth';
import { huggingface } from '@switchyard/provider-hf';
import { ollama } from '@switchyard/provider-ollama';

const client = createClient({
  providers: [ollama(), huggingface({ token: hfToken() })], // priority order
  models: { 'llama-3.2-3b': { ollama: 'llama3.2:3b', hf: 'meta-llama/Llama-3.2-3B-Instruct' } },
  onEvent: (event) => { if (event.type === 'failover') console.error(`failover: ${event.from.provider} → ${event.to.provider} (${event.errorKind})`); },
});

// provider: 'auto' (default) tries Ollama, then fails over to Hugging Face, within each task's deadlines.
const stream = client.streamChat({ model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Name three rivers.' }] });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);
const { provider, usage, cost, trace } = await stream.response;
console.log(provider, usage, cost, trace);
