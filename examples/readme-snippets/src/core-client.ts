// Mirrors packages/core/README.md, section "Client" (the runnable echo-provider example), and the
// `toReadableStream` line of its "Streams" section. If this stops compiling, the README is wrong.
import { createClient, type Provider } from '@switchyard/core';

const echo: Provider = {
  specificationVersion: 'switchyard.provider.v1',
  id: 'echo',
  kind: 'local',
  async chat(request) {
    const last = request.messages.at(-1);
    const text = typeof last?.content === 'string' ? last.content : '';
    return { model: request.model, text: `echo: ${text}`, toolCalls: [], finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };
  },
};

const client = createClient({ providers: [echo], pricing: { echo: { type: 'per-request', perRequest: 0.001 } } });
const answer = await client.chat({ model: 'any', messages: [{ role: 'user', content: 'hi' }] });
console.log(answer.text, answer.provider, answer.cost, answer.trace);
console.log(client.usage().totals);

// "Streams"
const stream = client.streamChat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'Count to five.' }] });
for await (const event of stream) if (event.type === 'text') process.stdout.write(event.text);
const response = await stream.response;
console.log(response.usage);
export const serve = (): Response => new Response(client.streamChat({ model: 'any', messages: [{ role: 'user', content: 'hi' }] }).toReadableStream(), { headers: { 'content-type': 'text/event-stream' } });

// "Timeouts"
createClient({
  providers: [echo],
  timeouts: { firstTokenMs: 20_000, byProvider: { echo: { firstTokenMs: 120_000 } }, byTask: { embed: { totalMs: 15_000 } } },
});
await client.close();
