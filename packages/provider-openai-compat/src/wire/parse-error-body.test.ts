import { readFileSync } from 'node:fs';
import { sharedPath } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { parseOpenAIErrorBody } from './parse-error-body.js';

function parse(json: unknown, status = 400, contentType = 'application/json') {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return parseOpenAIErrorBody({ text, json: typeof json === 'string' ? undefined : json, contentType, status, headers: {} });
}

describe('parseOpenAIErrorBody', () => {
  it('reads {error:{message,type,code,param}} and names the rejected field (openai-chat fixture)', () => {
    const json = JSON.parse(readFileSync(sharedPath('fixtures', 'openai-compat-streams', 'openai-chat', 'reasoning-model-legacy-parameter-error.json'), 'utf8')) as unknown;
    const parsed = parse(json);
    expect(parsed?.message).toBe("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
    expect(parsed?.code).toBe('unsupported_parameter');
    expect(parsed?.kind).toBeUndefined();
  });

  it('adds the field when the message does not name it (openai-image fixture)', () => {
    const json = JSON.parse(readFileSync(sharedPath('fixtures', 'openai-compat-streams', 'openai-image', 'gpt-image-response-format-error.json'), 'utf8')) as unknown;
    expect(parse(json)?.message).toBe("Unknown parameter: 'response_format'.");
    expect(parse({ error: { message: 'Invalid value.', param: 'temperature', type: 'invalid_request_error' } })?.message).toBe('Invalid value. (field "temperature")');
  });

  it('reads {error:"…"} (TGI), {detail:[…]} (FastAPI), {object:"error"} (vLLM), {message} and plain text', () => {
    expect(parse({ error: 'Input validation error: `temperature` must be strictly positive', error_type: 'validation' }, 422)?.message).toContain('`temperature` must be strictly positive');
    expect(parse({ detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] }, 422)?.message).toContain('messages: field required');
    expect(parse({ object: 'error', message: 'Only one of max_tokens or max_completion_tokens', type: 'BadRequestError', param: null, code: 400 })?.message).toBe('Only one of max_tokens or max_completion_tokens');
    expect(parse({ message: 'Invalid API key' }, 401)?.message).toBe('Invalid API key');
    expect(parse('upstream connect error', 503, 'text/plain')?.message).toBe('upstream connect error');
    expect(parse('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', 502, 'text/html')?.message).toContain('502 Bad Gateway');
  });

  it('recognises context-length errors from every server wording', () => {
    const cases: unknown[] = [
      { error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' } },
      { object: 'error', message: "This model's maximum context length is 2048 tokens. However, you requested 2100 tokens.", type: 'BadRequestError', code: 400 },
      { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 5000, n_ctx: 4096 } },
      { error: 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`', error_type: 'validation' },
      { error: { message: 'Please reduce the length of the messages or completion.', type: 'invalid_request_error', code: 'context_length_exceeded' } },
      { error: { object: 'error', type: 'invalid_request_error', message: 'The prompt is too long: 40000, model maximum context length: 32768' } },
    ];
    for (const body of cases) expect(parse(body)?.kind).toBe('context-length');
  });

  it('recognises content filtering (Azure, OpenAI images) and model-not-found, but never overrides 401/403/429', () => {
    expect(parse({ error: { message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", code: 'content_filter', innererror: { code: 'ResponsibleAIPolicyViolation' } } })?.kind).toBe('content-filter');
    expect(parse({ error: { message: 'Your request was rejected as a result of our safety system.', code: 'content_policy_violation' } })?.kind).toBe('content-filter');
    expect(parse({ object: 'error', message: 'The model `llama-9` does not exist.', type: 'NotFoundError', code: 404 }, 404)?.kind).toBe('model-not-found');
    expect(parse({ error: { message: 'The model `gpt-9` does not exist or you do not have access to it.', code: 'model_not_found' } }, 404)?.kind).toBe('model-not-found');
    expect(parse({ error: { message: 'Rate limit reached: too many tokens per minute, reduce the length of the messages' } }, 429)?.kind).toBeUndefined();
  });

  it('returns undefined for an empty body', () => {
    expect(parse('', 500, 'text/plain')).toBeUndefined();
  });
});
