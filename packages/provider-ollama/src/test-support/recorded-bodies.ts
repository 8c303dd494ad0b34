import { expect } from 'vitest';
import type { RecordedRequest } from '@switchyard/testkit';
import { ollamaRequestValidators } from './ollama-openapi.js';

const validators = ollamaRequestValidators();

/**
 * Checks every body the server recorded against openapi.yaml's (closed) request schema for its
 * path. GETs carry no body. Returns how many bodies were checked, so a test can insist on some.
 */
export function expectBodiesMatchOpenApi(requests: readonly RecordedRequest[]): number {
  let checked = 0;
  for (const request of requests) {
    if (request.method === 'GET') {
      expect(request.body, `GET ${request.path} has no body`).toBe('');
      continue;
    }
    const validate = validators.get(request.path);
    if (validate === undefined) throw new Error(`openapi.yaml has no request schema for ${request.path}`);
    const valid = validate(request.json);
    expect(validate.errors ?? [], `${request.method} ${request.path} body ${request.body}`).toEqual([]);
    expect(valid).toBe(true);
    checked++;
  }
  return checked;
}
