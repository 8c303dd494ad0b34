// Mirrors packages/core/README.md, section "Routing" (the opening example).
import { hfToken } from '@switchyard/auth';
import { createClient } from '@switchyard/core';
import { huggingface } from '@switchyard/provider-hf';
import { ollama } from '@switchyard/provider-ollama';

const client = createClient({
  providers: [huggingface({ token: hfToken() }), ollama()], // ids 'hf' and 'ollama'
  models: { 'llama-3.2-3b': { hf: 'meta-llama/Llama-3.2-3B-Instruct', ollama: 'llama3.2:3b' } },
  routing: { strategy: 'latency' },
  hedge: { delayMs: 1500 },
  onEvent: (event) => console.error(event.type, event),
});
const answer = await client.chat({ model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Hi' }] }); // auto
await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'Hi' }] }, { provider: 'ollama' }); // pinned
await client.chat({ model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Hi' }] }, { provider: ['ollama', 'hf'] }); // ordered
console.log(answer.text);
