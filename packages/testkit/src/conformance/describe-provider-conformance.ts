import { randomBytes } from 'node:crypto';
import type { ChatRequest, ChatStreamEvent } from '@switchyard/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fault } from '../faults/fault.js';
import { checkInput } from '../input/check-input.js';
import { refusedUrl } from '../server/refused-url.js';
import type { Reply } from '../server/reply-types.js';
import { startTestServer, type TestServer } from '../server/test-server.js';
import type { ConformanceCallOptions, ConformanceClient } from './conformance-client.js';
import { findLeaks, isSwitchyardErrorLike, rejectionOf, type ObservedError } from './conformance-checks.js';
import { planConformance } from './conformance-plan.js';
import {
  conformanceScenarios,
  type ConformanceTask,
  type CustomDialect,
  type ErrorScenario,
} from './conformance-scenarios.js';
import { conformanceOptionsSchema, type ProviderConformanceOptions } from './conformance-options.js';
import { conformanceDialects } from './dialects.js';

const USER_TEXT = 'Say hello to the conformance suite';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] },
};

/**
 * Registers a vitest suite that checks a provider against the Switchyard contract through the real
 * client and transport: a loopback server scripted in the provider's wire format answers each
 * scenario (chat text, usage and finish; streaming; tool calls; completion; embeddings; images;
 * 401/404/429/500 and malformed JSON mapped to error kinds; refused connections; cancellation; no
 * credential in any error, event or trace). Scenarios the provider does not implement are not
 * registered, and are listed through `log`.
 *
 * @example
 * import { createClient } from '@switchyard/core';
 * import { describeProviderConformance } from '@switchyard/testkit/conformance';
 * describeProviderConformance({
 *   name: 'openai-compat',
 *   createProvider: ({ baseURL, apiKey }) => openaiCompatible({ id: 'local', baseURL, apiKey }),
 *   dialect: 'openai',
 *   models: { chat: 'gpt-4o-mini', embedding: 'text-embedding-3-small' },
 *   createClient,
 * });
 */
export function describeProviderConformance(options: ProviderConformanceOptions): void {
  const { name, createProvider, models, createClient } = checkInput(conformanceOptionsSchema, options, 'describeProviderConformance() options') as ProviderConformanceOptions;
  const dialect: CustomDialect = typeof options.dialect === 'string' ? conformanceDialects[options.dialect] : options.dialect;
  const log = options.log ?? ((message: string) => console.info(message));
  // The random part is what must never show up: a redacted prefix like `sk-conf…` is fine.
  const secretPart = randomBytes(12).toString('hex');
  const apiKey = `sk-conformance-${secretPart}`;
  const probe = createProvider({ baseURL: dialect.baseURL('http://127.0.0.1:9'), apiKey });
  const plan = planConformance(probe, models, dialect);
  if (plan.notApplicable.length > 0) log(`[conformance] ${name}: not applicable: ${plan.notApplicable.join('; ')}`);

  describe(`${name} provider conformance (${dialect.name} dialect)`, () => {
    let server: TestServer;
    const clients: ConformanceClient[] = [];
    const events: unknown[] = [];

    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(() => {
      server.reset();
      events.length = 0;
      for (const route of dialect.supportRoutes?.(models) ?? []) server.route(route.method, route.path, route.reply);
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      expect(findLeaks(events, [secretPart]), 'the credential appeared in a client event').toEqual([]);
    });

    function connect(baseURL = dialect.baseURL(server.url)): { client: ConformanceClient; call: ConformanceCallOptions } {
      const provider = createProvider({ baseURL, apiKey });
      const client = createClient({ providers: [provider], retry: { maxRetries: 0 }, onEvent: (event) => events.push(event) });
      clients.push(client);
      return { client, call: { provider: provider.id } };
    }

    function script(task: ConformanceTask, stream: boolean, scripted: Reply): void {
      const model = modelFor(task);
      const endpoint = dialect.endpoint(task, model, stream);
      server.route(endpoint.method, endpoint.path, scripted);
    }

    function modelFor(task: ConformanceTask): string {
      const model = models[task];
      if (!model) throw new Error(`conformance: no models.${task}`);
      return model;
    }

    function expectSentToServer(fragment: string): void {
      const bodies = server.requests.map((request) => request.body);
      expect(bodies.some((body) => body.includes(fragment)), `no request to the server carried ${JSON.stringify(fragment)}`).toBe(true);
    }

    function chatRequest(extra: Partial<ChatRequest> = {}): ChatRequest {
      return { model: modelFor('chat'), messages: [{ role: 'user', content: USER_TEXT }], ...extra };
    }

    async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
      const seen: ChatStreamEvent[] = [];
      for await (const event of stream) seen.push(event);
      return seen;
    }

    function textOf(seen: readonly ChatStreamEvent[]): string[] {
      return seen.flatMap((event) => (event.type === 'text' ? [event.text] : []));
    }

    if (plan.chat) {
      it('chat: answers with text, usage and finish reason', async () => {
        const scenario = conformanceScenarios.chat(modelFor('chat'));
        script('chat', false, dialect.chat?.(scenario) as Reply);
        const { client, call } = connect();
        const response = await client.chat(chatRequest(), call);
        expect(response.text).toBe(scenario.text);
        expect(response.finishReason).toBe('stop');
        expect(response.usage).toMatchObject(scenario.usage);
        expect(response.provider).toBe(call.provider);
        expect(response.toolCalls).toEqual([]);
        expectSentToServer(USER_TEXT);
      });
    }

    if (plan.streamChat) {
      it('streaming chat: text deltas concatenate, then usage and finish', async () => {
        const scenario = conformanceScenarios.chat(modelFor('chat'));
        script('chat', true, dialect.streamChat?.(scenario) as Reply);
        const { client, call } = connect();
        const stream = client.streamChat(chatRequest(), call);
        const seen = await collect(stream);
        const texts = textOf(seen);
        expect(texts.length).toBeGreaterThanOrEqual(2);
        expect(texts.join('')).toBe(scenario.text);
        expect(seen.some((event) => event.type === 'finish' && event.finishReason === 'stop')).toBe(true);
        const response = await stream.response;
        expect(response.text).toBe(scenario.text);
        expect(response.finishReason).toBe('stop');
        expect(response.usage).toMatchObject(scenario.usage);
        expectSentToServer(USER_TEXT);
      });

      it('streaming chat: a stream cut after the first chunks fails with stream-interrupted, no text duplicated', async () => {
        const scenario = conformanceScenarios.chat(modelFor('chat'));
        script('chat', true, fault.resetMidStream(dialect.streamChat?.(scenario) as Reply, { afterChunks: 2 }));
        const { client, call } = connect();
        const received: string[] = [];
        const error = await rejectionOf(async () => {
          for await (const event of client.streamChat(chatRequest(), call)) if (event.type === 'text') received.push(event.text);
        });
        const observed = expectKind(error, ['stream-interrupted'], secretPart);
        expect(observed.committed).toBe(true);
        expect(scenario.text.startsWith(received.join(''))).toBe(true);
        expect(received.join('').length).toBeGreaterThan(0);
      });
    }

    if (plan.chat) {
      it('tool calls: returns each call with name, JSON arguments and a tool-calls finish', async () => {
        const scenario = conformanceScenarios.toolChat(modelFor('chat'));
        script('chat', false, dialect.chat?.(scenario) as Reply);
        const { client, call } = connect();
        const response = await client.chat(chatRequest({ tools: [WEATHER_TOOL], toolChoice: 'auto' }), call);
        expectToolCalls(response.toolCalls, scenario.toolCalls);
        expect(response.finishReason).toBe('tool-calls');
        expectSentToServer(WEATHER_TOOL.name);
      });
    }

    if (plan.streamChat) {
      it('tool calls: a streamed call is assembled and finalized at the end', async () => {
        const scenario = conformanceScenarios.toolChat(modelFor('chat'));
        script('chat', true, dialect.streamChat?.(scenario) as Reply);
        const { client, call } = connect();
        const stream = client.streamChat(chatRequest({ tools: [WEATHER_TOOL], toolChoice: 'auto' }), call);
        const seen = await collect(stream);
        const finalized = seen.flatMap((event) => (event.type === 'tool-call' ? [event.toolCall] : []));
        expectToolCalls(finalized, scenario.toolCalls);
        const response = await stream.response;
        expectToolCalls(response.toolCalls, scenario.toolCalls);
        expect(response.finishReason).toBe('tool-calls');
      });
    }

    if (plan.completion) {
      it('completion: answers with text, usage and finish reason', async () => {
        const scenario = conformanceScenarios.completion(modelFor('completion'));
        script('completion', false, dialect.complete?.(scenario) as Reply);
        const { client, call } = connect();
        const response = await client.complete({ model: scenario.model, prompt: 'Tell me a story', maxTokens: 3 }, call);
        expect(response.text).toBe(scenario.text);
        expect(response.finishReason).toBe('length');
        expect(response.usage).toMatchObject(scenario.usage);
        expectSentToServer('Tell me a story');
      });
    }

    if (plan.streamCompletion) {
      it('streaming completion: text deltas concatenate, then finish', async () => {
        const scenario = conformanceScenarios.completion(modelFor('completion'));
        script('completion', true, dialect.streamComplete?.(scenario) as Reply);
        const { client, call } = connect();
        const stream = client.streamComplete({ model: scenario.model, prompt: 'Tell me a story', maxTokens: 3 }, call);
        const seen = await collect(stream);
        expect(textOf(seen).join('')).toBe(scenario.text);
        const response = await stream.response;
        expect(response.text).toBe(scenario.text);
        expect(response.finishReason).toBe('length');
      });
    }

    if (plan.embedding) {
      it('embeddings: one vector per input, in order', async () => {
        const scenario = conformanceScenarios.embedding(modelFor('embedding'));
        script('embedding', false, dialect.embed?.(scenario) as Reply);
        const { client, call } = connect();
        const response = await client.embed({ model: scenario.model, input: [...scenario.inputs] }, call);
        expect(response.embeddings).toEqual(scenario.embeddings);
        expect(response.provider).toBe(call.provider);
        expectSentToServer(scenario.inputs[1] ?? '');
      });
    }

    if (plan.image) {
      it('text-to-image: returns the image bytes with their media type', async () => {
        const scenario = conformanceScenarios.image(modelFor('image'));
        script('image', false, dialect.textToImage?.(scenario) as Reply);
        const { client, call } = connect();
        const response = await client.textToImage({ model: scenario.model, prompt: scenario.prompt }, call);
        expect(response.images).toHaveLength(1);
        expect(response.images[0]?.mediaType).toBe(scenario.mediaType);
        expect(Array.from(response.images[0]?.data ?? [])).toEqual(Array.from(scenario.image));
        expectSentToServer(scenario.prompt);
      });
    }

    const errorTask = plan.errorTask;
    if (errorTask) {
      const errorModel = modelFor(errorTask);
      const callErrorTask = (client: ConformanceClient, call: ConformanceCallOptions): Promise<unknown> => {
        switch (errorTask) {
          case 'chat':
            return client.chat(chatRequest(), call);
          case 'completion':
            return client.complete({ model: errorModel, prompt: 'Tell me a story' }, call);
          case 'embedding':
            return client.embed({ model: errorModel, input: ['first text'] }, call);
          case 'image':
            return client.textToImage({ model: errorModel, prompt: 'a tiny square' }, call);
        }
      };
      const statusCases: Array<{ scenario: ErrorScenario; kinds: string[] }> = [
        { scenario: { task: errorTask, model: errorModel, status: 401, meaning: 'auth', message: 'Invalid API key provided.' }, kinds: ['auth'] },
        {
          scenario: { task: errorTask, model: errorModel, status: 404, meaning: 'model-not-found', message: `The model ${errorModel} does not exist.` },
          kinds: ['model-not-found', 'not-found'],
        },
        {
          scenario: { task: errorTask, model: errorModel, status: 429, meaning: 'rate-limit', message: 'Rate limit reached.', retryAfterSeconds: 2 },
          kinds: ['rate-limit'],
        },
        { scenario: { task: errorTask, model: errorModel, status: 500, meaning: 'server', message: 'The server had an error.' }, kinds: ['server'] },
      ];
      const allErrors: unknown[] = [];

      for (const { scenario, kinds } of statusCases) {
        it(`errors (${errorTask}): ${scenario.status} becomes ${kinds.join(' or ')}`, async () => {
          script(errorTask, false, dialect.error(scenario));
          const { client, call } = connect();
          const error = await rejectionOf(callErrorTask(client, call));
          allErrors.push(error);
          const observed = expectKind(error, kinds, secretPart);
          expect(observed.status).toBe(scenario.status);
          if (scenario.retryAfterSeconds !== undefined) expect(observed.retryAfterMs).toBe(scenario.retryAfterSeconds * 1000);
        });
      }

      it(`errors (${errorTask}): a malformed JSON body becomes invalid-response`, async () => {
        script(errorTask, false, fault.malformedJson());
        const { client, call } = connect();
        const error = await rejectionOf(callErrorTask(client, call));
        allErrors.push(error);
        expectKind(error, ['invalid-response'], secretPart);
      });

      it(`errors (${errorTask}): a refused connection becomes network before send`, async () => {
        const { client, call } = connect(dialect.baseURL(await refusedUrl()));
        const error = await rejectionOf(callErrorTask(client, call));
        allErrors.push(error);
        const observed = expectKind(error, ['network'], secretPart);
        expect(observed.networkPhase).toBe('pre-send');
      });

      it(`errors (${errorTask}): aborting the caller's AbortSignal ends the call with aborted`, async () => {
        script(errorTask, false, fault.slowHeaders(30_000, fault.status(500)));
        const { client, call } = connect();
        const controller = new AbortController();
        const started = performance.now();
        const pending = rejectionOf(callErrorTask(client, { ...call, signal: controller.signal }));
        await expect.poll(() => server.requests.length).toBeGreaterThan(0);
        controller.abort();
        const error = await pending;
        allErrors.push(error);
        expectKind(error, ['aborted'], secretPart);
        expect(performance.now() - started).toBeLessThan(5_000);
      });

      if (plan.streamChat) {
        it('errors (streaming chat): aborting mid-stream ends the iteration with aborted', async () => {
          const scenario = conformanceScenarios.chat(modelFor('chat'));
          const slow = { ...(dialect.streamChat?.(scenario) as Reply), chunkDelayMs: 10_000 };
          script('chat', true, slow);
          const { client, call } = connect();
          const controller = new AbortController();
          const error = await rejectionOf(async () => {
            for await (const event of client.streamChat(chatRequest(), { ...call, signal: controller.signal })) {
              if (event.type === 'text') controller.abort();
            }
          });
          allErrors.push(error);
          expectKind(error, ['aborted'], secretPart);
        });
      }

      it('credentials: the key never appears in any error message, JSON, inspect output, trace or event', async () => {
        // Self-contained: produce every error kind again, then scan them with those of the tests above.
        const errors = [...allErrors];
        const scripted: Reply[] = [...statusCases.map(({ scenario }) => dialect.error(scenario)), fault.malformedJson()];
        for (const reply of scripted) {
          server.reset();
          for (const route of dialect.supportRoutes?.(models) ?? []) server.route(route.method, route.path, route.reply);
          script(errorTask, false, reply);
          const { client, call } = connect();
          errors.push(await rejectionOf(callErrorTask(client, call)));
        }
        const refused = connect(dialect.baseURL(await refusedUrl()));
        errors.push(await rejectionOf(callErrorTask(refused.client, refused.call)));
        expect(errors.every(isSwitchyardErrorLike)).toBe(true);
        expect(findLeaks([...errors, ...errors.map((error) => (error as { attempts?: unknown }).attempts)], [secretPart])).toEqual([]);
        expect(findLeaks(events, [secretPart])).toEqual([]);
      });
    }
  });
}

/** Checks the error's kind, and that it shows no credential (the suite-wide scan runs at the end too). */
function expectKind(error: unknown, kinds: readonly string[], secret: string): ObservedError {
  expect(isSwitchyardErrorLike(error), `expected a SwitchyardError, got ${String(error)}`).toBe(true);
  const observed = error as ObservedError;
  expect(kinds, `error kind (message: ${observed.message})`).toContain(observed.kind);
  expect(findLeaks([error], [secret]), 'the credential appears in the error').toEqual([]);
  return observed;
}

function expectToolCalls(actual: ReadonlyArray<{ id: string; name: string; arguments: string }>, expected: ReadonlyArray<{ name: string; arguments: string }>): void {
  expect(actual.map((call) => call.name)).toEqual(expected.map((call) => call.name));
  actual.forEach((call, index) => {
    expect(typeof call.id === 'string' && call.id.length > 0, 'a tool call has a non-empty id').toBe(true);
    expect(JSON.parse(call.arguments)).toEqual(JSON.parse(expected[index]?.arguments ?? 'null'));
  });
}
