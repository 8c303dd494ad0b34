import { validateFast } from '../spec/fast-validate.js';
import { headerValue, looksLikeResponseHeaders, responseHeadersSchema, type ResponseHeaders } from './parse-retry-after.js';

/**
 * Headers servers use for the id support asks for, most specific first: `x-request-id` (OpenAI,
 * Hugging Face router, vLLM), `request-id` (Anthropic), `x-amzn-requestid` / `x-amz-request-id`
 * (AWS gateways), `x-amz-cf-id` (CloudFront in front of the Hub, seen in hf-hub-cassettes),
 * `cf-ray` (Cloudflare, in front of Groq and others), `x-trace-id`.
 */
const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-trace-id',
  'cf-ray',
  'x-amz-cf-id',
] as const;

/** The server's request id from the first known header present, for error reports and traces. */
export function requestIdFromHeaders(headers: ResponseHeaders): string | undefined {
  // Read on every response (HttpResponse.requestId): undici's headers pass the precheck, no zod parse.
  validateFast(headers, looksLikeResponseHeaders, responseHeadersSchema, 'requestIdFromHeaders() headers');
  for (const name of REQUEST_ID_HEADERS) {
    const value = headerValue(headers, name);
    if (value) return value;
  }
  return undefined;
}
