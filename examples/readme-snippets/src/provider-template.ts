// Mirrors examples/provider-template/README.md, sections "Example" and "Testing it, and checking
// the installed package".
import { createClient } from '@switchyard/core';
import { describeProviderConformance } from '@switchyard/testkit/conformance';
import { acme } from 'switchyard-provider-acme';
import { ACME_CONFORMANCE_MODELS, acmeConformanceDialect } from 'switchyard-provider-acme/conformance';

const apiKey = process.env.ACME_API_KEY;
if (!apiKey) throw new Error('Set ACME_API_KEY to the key from the Acme console.');

const client = createClient({ providers: [acme({ apiKey })] });

const answer = await client.chat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Name three rivers.' }] });
console.log(answer.text, answer.usage, answer.cost); // cost: what Acme reported (basis "reported")

const stream = client.streamChat({ model: 'acme-chat-1', messages: [{ role: 'user', content: 'Count to five.' }] });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);

const { embeddings } = await client.embed({ model: 'acme-embed-1', input: ['first text', 'second text'] });
console.log(embeddings.length); // 2
await client.close();

export function registerSuite(): void {
  describeProviderConformance({
    name: 'acme',
    createProvider: ({ baseURL, apiKey }) => acme({ baseURL, apiKey }),
    dialect: acmeConformanceDialect,
    models: { ...ACME_CONFORMANCE_MODELS },
    createClient,
  });
}
