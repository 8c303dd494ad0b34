import { readCassette, readFixtureText } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { defaultErrorBodyParser, htmlTitle } from './default-error-body-parser.js';

function parse(text: string, contentType = 'application/json', status = 400) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return defaultErrorBodyParser({ text, json, contentType, status, headers: {} });
}

describe('defaultErrorBodyParser', () => {
  it('reads an OpenAI error object (openai-compat-streams/openai-chat/reasoning-model-legacy-parameter-error.json)', () => {
    const text = readFixtureText('openai-compat-streams/openai-chat/reasoning-model-legacy-parameter-error.json');
    expect(parse(text)).toEqual({
      message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      code: 'unsupported_parameter',
    });
  });

  it('reads the Hub\'s {"error": "…"} (hf-hub-cassettes, a 422 from the Inference API)', () => {
    const cassette = readCassette('hf-hub-cassettes/TestTextGenerationClientVCR.test_generate_validation_error.yaml');
    const failed = cassette.interactions.find((interaction) => interaction.response.status >= 400);
    expect(failed).toBeDefined();
    const parsed = parse(failed!.response.body, 'application/json', failed!.response.status);
    expect(parsed?.message).toBeTruthy();
    expect(failed!.response.body).toContain(parsed!.message!);
  });

  it('maps well-known codes to kinds', () => {
    expect(parse('{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}')).toEqual({
      message: 'too long',
      code: 'context_length_exceeded',
      kind: 'context-length',
    });
    expect(parse('{"error":{"message":"no money","code":"insufficient_quota"}}')?.kind).toBe('quota');
    expect(parse('{"error":{"message":"The model `x` does not exist","type":"invalid_request_error","code":"model_not_found"}}')?.kind).toBe('model-not-found');
    // OpenAI's code can be null: the type is the next best thing.
    expect(parse('{"error":{"message":"bad","type":"invalid_request_error","code":null}}')?.code).toBe('invalid_request_error');
  });

  it('reads the other shapes seen in the wild', () => {
    expect(parse('{"error":"model \\"llama9\\" not found, try pulling it first"}')?.message).toBe('model "llama9" not found, try pulling it first');
    expect(parse('{"object":"error","message":"vLLM says no","type":"BadRequestError","code":400}')).toEqual({ message: 'vLLM says no', code: 'BadRequestError' });
    expect(parse('{"detail":"Not authenticated"}')?.message).toBe('Not authenticated');
    expect(parse('{"detail":[{"loc":["body","messages",0,"role"],"msg":"field required","type":"missing"}]}')?.message).toBe('body.messages.0.role: field required');
    expect(parse('[{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED"}}]')).toEqual({ message: 'Resource exhausted', code: '429' });
    expect(parse('"just a string"')?.message).toBe('just a string');
  });

  it('reads plain text and HTML pages (their title)', () => {
    expect(parse('upstream connect error', 'text/plain')?.message).toBe('upstream connect error');
    expect(parse('<html>\r\n<head><title>502 Bad Gateway</title></head><body>nginx</body></html>', 'text/html', 502)?.message).toBe('an HTML page titled "502 Bad Gateway"');
    expect(parse('<!DOCTYPE html><html><body>no title</body></html>', '')?.message).toBe('an HTML page');
    expect(htmlTitle('<title>\n  Just a   moment...\n</title>')).toBe('Just a moment...');
  });

  it('validates its input', () => {
    expect(() => defaultErrorBodyParser({ text: 42, json: undefined, contentType: '', status: 500, headers: {} } as never)).toThrow(
      /defaultErrorBodyParser\(\) input: text: expected the body text as a string/,
    );
  });

  it('returns undefined for an empty body and for JSON it does not recognise', () => {
    expect(parse('')).toBeUndefined();
    expect(parse('   ')).toBeUndefined();
    expect(parse('{"unrelated":true}')?.message).toBe('{"unrelated":true}');
  });
});
