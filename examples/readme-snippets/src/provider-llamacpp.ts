// Mirrors packages/provider-llamacpp/README.md, the opening example.
import { createClient } from '@switchyard/core';
import { llamaCpp } from '@switchyard/provider-llamacpp';

const embedded = llamaCpp({
  id: 'embedded',
  models: { stories: 'hf:ggml-org/models/tinyllamas/stories260K.gguf' },
  modelsDir: process.env.SWITCHYARD_MODELS_DIR ?? './models',
});
const client = createClient({ providers: [embedded] });

const stream = client.streamChat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 40 });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);
console.log('\n', (await stream.response).usage);

await client.close();
await embedded.dispose();
