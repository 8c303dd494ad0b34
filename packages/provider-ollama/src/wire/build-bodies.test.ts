import { describe, expect, it } from 'vitest';
import { isSwitchyardError, type ChatRequest } from '@switchyard/core';
import { apiDocRequestBody } from '../test-support/api-doc-examples.js';
import { ollamaRequestValidators } from '../test-support/ollama-openapi.js';
import { buildChatBody, buildEmbedBody, buildGenerateBody } from './build-bodies.js';

const validators = ollamaRequestValidators();
const defaults = { providerId: 'ollama' };

function expectValid(path: string, body: unknown): void {
  const validate = validators.get(path);
  if (validate === undefined) throw new Error(`openapi.yaml has no request schema for ${path}`);
  const valid = validate(body);
  expect(validate.errors ?? [], `${path} body: ${JSON.stringify(body)}`).toEqual([]);
  expect(valid).toBe(true);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const weatherTool = {
  name: 'get_weather',
  description: 'Get the weather in a given city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: 'The city to get the weather for' } },
    required: ['city'],
  },
};

describe('buildChatBody', () => {
  it('maps every portable field to Ollama names, and the body passes openapi.yaml (closed)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const request: ChatRequest = {
      model: 'alias',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image', data: png, mediaType: 'image/png' }, { type: 'text', text: 'and the weather?' }] },
        { role: 'assistant', content: '', reasoning: 'need a tool', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '11 degrees' },
      ],
      tools: [weatherTool],
      toolChoice: 'auto',
      responseFormat: { type: 'json-schema', schema: { type: 'object', properties: { answer: { type: 'string' } } } },
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxTokens: 128,
      stop: ['\n\n'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      reasoning: 'high',
      providerOptions: { ollama: { num_ctx: 8192, keep_alive: '10m', options: { min_p: 0.05 } }, other: { ignored: true } },
    };
    const body = buildChatBody(request, 'llama3.2:3b', false, { providerId: 'ollama', keepAlive: '1h' });
    expect(body).toEqual({
      model: 'llama3.2:3b',
      stream: false,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'what is this?\nand the weather?', images: ['iVBORw=='] },
        {
          role: 'assistant',
          content: '',
          thinking: 'need a tool',
          tool_calls: [{ id: 'call_1', function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
        },
        { role: 'tool', content: '11 degrees', tool_call_id: 'call_1', tool_name: 'get_weather' },
      ],
      tools: [{ type: 'function', function: weatherTool }],
      format: { type: 'object', properties: { answer: { type: 'string' } } },
      options: {
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        num_predict: 128,
        stop: ['\n\n'],
        seed: 7,
        presence_penalty: 0.5,
        frequency_penalty: 0.25,
        min_p: 0.05,
        num_ctx: 8192,
      },
      think: 'high',
      keep_alive: '10m',
    });
    expectValid('/api/chat', body);
  });

  it('sends the same body as the api.md "Streaming with tools" request', () => {
    const body = buildChatBody(
      { model: 'llama3.2', messages: [{ role: 'user', content: 'what is the weather in tokyo?' }], tools: [weatherTool] },
      'llama3.2',
      true,
      defaults,
    );
    expect(body).toEqual(apiDocRequestBody('Generate a chat completion', 'Chat request (Streaming with tools)'));
    expectValid('/api/chat', body);
  });

  it('sends the api.md "With history, with tools" conversation, tool_name included', () => {
    const body = buildChatBody(
      {
        model: 'llama3.2',
        messages: [
          { role: 'user', content: 'what is the weather in Toronto?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_0_x', name: 'get_weather', arguments: '{"city":"Toronto"}' }] },
          { role: 'tool', toolCallId: 'call_0_x', content: '11 degrees celsius' },
        ],
        tools: [weatherTool],
      },
      'llama3.2',
      false,
      defaults,
    );
    expect(body).toMatchObject(apiDocRequestBody('Generate a chat completion', 'Chat request (With history, with tools)') as object);
    expectValid('/api/chat', body);
  });

  it('maps JSON mode, a keep-alive in seconds and reasoning on/off', () => {
    const body = buildChatBody(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], responseFormat: { type: 'json' }, reasoning: false },
      'm',
      true,
      { providerId: 'ollama', keepAlive: -1 },
    );
    expect(body).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, format: 'json', think: false, keep_alive: '-1s' });
    expectValid('/api/chat', body);
  });

  it('honours tool choice: none sends no tools, a name sends only that tool', () => {
    const other = { name: 'other', parameters: { type: 'object' } };
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], tools: [weatherTool, other] };
    expect(buildChatBody({ ...base, toolChoice: 'none' }, 'm', false, defaults).tools).toBeUndefined();
    expect(buildChatBody({ ...base, toolChoice: { name: 'other' } }, 'm', false, defaults).tools).toEqual([{ type: 'function', function: other }]);
    const error = thrown(() => buildChatBody({ ...base, toolChoice: { name: 'missing' } }, 'm', false, defaults));
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
  });

  it('reads providerOptions under the provider id, overlaying providerOptions.ollama', () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      providerOptions: { ollama: { num_ctx: 2048, keep_alive: '1m' }, 'gpu-box': { num_ctx: 4096 } },
    };
    const body = buildChatBody(request, 'm', false, { providerId: 'gpu-box' });
    expect(body.options).toEqual({ num_ctx: 4096 });
    expect(body.keep_alive).toBe('1m');
  });

  it('refuses a misspelt providerOptions key, an image by URL and arguments that are not a JSON object', () => {
    const typo = thrown(() => buildChatBody({ model: 'm', messages: [{ role: 'user', content: 'x' }], providerOptions: { ollama: { numCtx: 1 } } }, 'm', false, defaults));
    expect(isSwitchyardError(typo) && typo.kind).toBe('invalid-request');
    expect((typo as Error).message).toMatch(/providerOptions\.ollama.*"numCtx".*options: \{/);

    const url = thrown(() =>
      buildChatBody({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png?token=secret' }] }] }, 'm', false, defaults),
    );
    expect(isSwitchyardError(url) && url.kind).toBe('unsupported');
    expect((url as Error).message).not.toContain('secret');

    const dataUrl = buildChatBody({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image', url: 'data:image/png;base64,iVBORw==' }] }] }, 'm', false, defaults);
    expect(dataUrl.messages[0]?.images).toEqual(['iVBORw==']);

    const args = thrown(() =>
      buildChatBody({ model: 'm', messages: [{ role: 'assistant', toolCalls: [{ id: 'a', name: 'f', arguments: '[1]' }] }] }, 'm', false, defaults),
    );
    expect(isSwitchyardError(args) && args.kind).toBe('invalid-request');
    expect((args as Error).message).toContain('messages[0].toolCalls[0].arguments');
  });
});

describe('buildGenerateBody', () => {
  it('sends the same body as the api.md suffix request', () => {
    const body = buildGenerateBody({ model: 'x', prompt: 'def compute_gcd(a, b):', suffix: '    return result', temperature: 0 }, 'codellama:code', false, defaults);
    expect(body).toEqual(apiDocRequestBody('Generate a completion', 'Request (with suffix)'));
    expectValid('/api/generate', body);
  });

  it('sends the api.md structured-output request from providerOptions.format', () => {
    const expected = apiDocRequestBody('Generate a completion', 'Request (Structured outputs)') as { format: Record<string, unknown>; prompt: string };
    const body = buildGenerateBody({ model: 'x', prompt: expected.prompt, providerOptions: { ollama: { format: expected.format } } }, 'llama3.1:8b', false, defaults);
    expect(body).toEqual(expected);
    expectValid('/api/generate', body);
  });

  it('passes system, template, raw, think and keep_alive', () => {
    const body = buildGenerateBody(
      { model: 'x', prompt: 'p', maxTokens: 5, providerOptions: { ollama: { system: 's', template: '{{ .Prompt }}', raw: true, think: 'max', keep_alive: 0 } } },
      'x',
      true,
      defaults,
    );
    expect(body).toEqual({ model: 'x', prompt: 'p', stream: true, system: 's', template: '{{ .Prompt }}', raw: true, think: 'max', keep_alive: '0s', options: { num_predict: 5 } });
    expectValid('/api/generate', body);
  });
});

describe('buildEmbedBody', () => {
  it('sends a batch in one request, keep_alive as the string openapi.yaml requires', () => {
    const body = buildEmbedBody(
      { model: 'x', input: ['Why is the sky blue?', 'Why is the grass green?'], dimensions: 256, providerOptions: { ollama: { truncate: false, keep_alive: 300 } } },
      'all-minilm',
      defaults,
    );
    expect(body).toEqual({ model: 'all-minilm', input: ['Why is the sky blue?', 'Why is the grass green?'], dimensions: 256, truncate: false, keep_alive: '300s' });
    expectValid('/api/embed', body);
    expect(buildEmbedBody({ model: 'x', input: 'Why is the sky blue?' }, 'all-minilm', defaults)).toEqual(apiDocRequestBody('Generate Embeddings', 'Request'));
  });

  it('refuses chat-only keys', () => {
    const error = thrown(() => buildEmbedBody({ model: 'x', input: 'a', providerOptions: { ollama: { think: true } } }, 'x', defaults));
    expect(isSwitchyardError(error) && error.kind).toBe('invalid-request');
  });
});

describe('the closed openapi.yaml validators', () => {
  it('reject a misspelt field, so the checks above are meaningful', () => {
    const validate = validators.get('/api/chat');
    expect(validate?.({ model: 'm', messages: [], keepAlive: '5m' })).toBe(false);
    expect(validate?.({ model: 'm', messages: [{ role: 'user', content: 'x', image: [] }] })).toBe(false);
    expect(validators.get('/api/embed')?.({ model: 'm', input: 'x', keep_alive: 5 })).toBe(false);
  });
});
