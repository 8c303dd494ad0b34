// Mirrors packages/provider-hf/README.md, sections "Use it" and "Dedicated endpoints".
import { writeFile } from 'node:fs/promises';
import { createClient } from '@switchyard/core';
import { hfToken } from '@switchyard/auth';
import { huggingface } from '@switchyard/provider-hf';

// hfToken() reads HF_TOKEN, then HUGGING_FACE_HUB_TOKEN, $HF_TOKEN_PATH, $HF_HOME/token, ~/.cache/huggingface/token.
const client = createClient({ providers: [huggingface({ token: hfToken() })] });

const answer = await client.chat({
  model: 'meta-llama/Llama-3.1-8B-Instruct',
  messages: [{ role: 'user', content: 'In one sentence: what is a railway switchyard?' }],
});
console.log(answer.text);
console.log(answer.trace.map((attempt) => `${attempt.provider}: ${attempt.outcome}`), answer.cost);

const picture = await client.textToImage({ model: 'black-forest-labs/FLUX.1-schnell', prompt: 'A lighthouse at dawn' });
await writeFile('lighthouse.png', picture.images[0]!.data);

await client.close();

// "Dedicated endpoints"
huggingface({ token: hfToken(), id: 'my-tgi', endpointUrl: 'https://xyz.us-east-1.aws.endpoints.huggingface.cloud' });
