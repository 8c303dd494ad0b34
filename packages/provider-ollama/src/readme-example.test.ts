import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as core from '@switchyard/core';
import { readNdjsonFixture, reply, startTestServer, type TestServer } from '@switchyard/testkit';
import { expectBodiesMatchOpenApi } from './test-support/recorded-bodies.js';
import * as provider from './index.js';

// The README's first example, run as written against a loopback server standing in for Ollama
// (reached through OLLAMA_HOST, as the example relies on), so the copy-paste example keeps working.

let server: TestServer;
let previousHost: string | undefined;
beforeAll(async () => {
  server = await startTestServer();
  previousHost = process.env.OLLAMA_HOST;
  process.env.OLLAMA_HOST = server.url;
});
afterAll(async () => {
  if (previousHost === undefined) delete process.env.OLLAMA_HOST;
  else process.env.OLLAMA_HOST = previousHost;
  await server.close();
});

function readmeExample(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('```ts\n');
  return readme.slice(start + 6, readme.indexOf('```', start + 6));
}

it('the README example runs and prints what it says', async () => {
  server.route('POST', '/api/chat', (request) =>
    (request.json as { stream?: boolean }).stream
      ? reply.ndjson(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response_stream.txt'))
      : reply.json(readNdjsonFixture('semantic-kernel/ollama/chat_completion_test_response.txt')[0] as object),
  );
  const modules: Record<string, unknown> = { '@switchyard/core': core, '@switchyard/provider-ollama': provider };
  // `import { a, b } from 'x';` becomes `const { a, b } = modules['x'];` so the body can run as a function.
  const body = readmeExample().replace(/^import \{([^}]*)\} from '([^']+)';$/gm, "const {$1} = modules['$2'];");
  const printed: unknown[] = [];
  const written: string[] = [];
  const fakeConsole = { log: (...values: unknown[]) => printed.push(...values) };
  const fakeProcess = { stdout: { write: (text: string) => written.push(text) } };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...names: string[]) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('modules', 'console', 'process', body)(modules, fakeConsole, fakeProcess);

  expect(printed[0]).toBe('This is test completion response');
  expect(printed[1]).toMatchObject({ inputTokens: 38, outputTokens: 45, totalTokens: 83, computeSeconds: 0.740574544 });
  expect(printed[2]).toMatchObject({ loadDurationMs: 54.99425 });
  expect(written.join('')).toBe('This is test completion response');
  expect(server.requests.map((request) => (request.json as { keep_alive?: string }).keep_alive)).toEqual(['10m', '10m']);
  expect(expectBodiesMatchOpenApi(server.requests)).toBe(2);
});
