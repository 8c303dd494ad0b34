import { SPECIFICATION_VERSION, type Provider } from '@switchyard/core';

/** A provider that posts an OpenAI chat body to `baseUrl`: enough to see a refused connection fail over. */
export function openAiWireProvider(id: string, baseUrl: string): Provider {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    kind: 'local',
    async chat(request, context) {
      const response = await context.http.request({ method: 'POST', url: `${baseUrl}/v1/chat/completions`, json: { model: context.model, messages: request.messages } });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      return { model: context.model, text: body.choices[0]!.message.content, toolCalls: [], finishReason: 'stop', usage: {} };
    },
  };
}
