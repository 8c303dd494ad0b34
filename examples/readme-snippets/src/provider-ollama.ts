// Mirrors packages/provider-ollama/README.md, sections "Use", "providerOptions.ollama" and
// "Model management".
import { createClient } from '@switchyard/core';
import { ollama } from '@switchyard/provider-ollama';

const client = createClient({ providers: [ollama({ keepAlive: '10m' })] });

const answer = await client.chat({
  model: 'llama3.2',
  messages: [{ role: 'user', content: 'Why is the sky blue? One sentence.' }],
  temperature: 0,
});
console.log(answer.text);
console.log(answer.usage); // { inputTokens, outputTokens, totalTokens, computeSeconds }
console.log(answer.providerMetadata.ollama); // { loadDurationMs, totalDurationMs, outputTokensPerSecond, … }

const stream = client.streamChat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Count to five.' }] });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);

// "providerOptions.ollama"
await client.chat({
  model: 'qwen3:8b',
  messages: [{ role: 'user', content: 'Summarise this long report…' }],
  providerOptions: { ollama: { num_ctx: 32768, keep_alive: '30m', options: { repeat_penalty: 1.1 } } },
});

// "Model management"
const models = await client.listModels('ollama'); // GET /api/tags
const health = await client.health('ollama'); // GET /api/version: { ok, latencyMs, version }
console.log(models, health);

const local = ollama();
await local.pullModel('llama3.2', { onProgress: (event) => console.log(event.stage, event.completed, event.total) });
const details = await local.showModel('llama3.2'); // { capabilities, contextLength, parameters, template, … }
const loaded = await local.runningModels(); // [{ id, sizeBytes, vramBytes, expiresAt, contextLength, … }]
const version = await local.version({ timeoutMs: 2_000 });
console.log(details, loaded, version);

await client.close();
