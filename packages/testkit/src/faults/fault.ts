import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { checkInput } from '../input/check-input.js';
import { buildReply, reply, sseEvent, toBytes } from '../server/reply.js';
import { isReply, type Reply } from '../server/reply-types.js';

const encoder = new TextEncoder();

const replySchema = z.custom<Reply>(isReply, 'expected a reply built with reply.* or fault.*');
const afterChunksSchema = z.object({ afterChunks: z.number().int().nonnegative() }).strict();
const delayMsSchema = z.number().int().nonnegative().max(600_000);
const errorStatusSchema = z.number().int().min(400, 'a fault status is 400–599').max(599, 'a fault status is 400–599');
const statusOptionsSchema = z
  .object({
    retryAfter: z.union([z.number().nonnegative(), z.string().min(1), z.date()]).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
  })
  .strict();
const eventsSchema = z.array(z.union([z.string(), z.record(z.string(), z.unknown())]));
const splitUtf8OptionsSchema = z
  .object({ format: z.enum(['sse', 'ndjson', 'json', 'text']).optional(), delayMs: delayMsSchema.optional() })
  .strict();
const wrongContentTypeOptionsSchema = z.object({ reply: replySchema.optional(), contentType: z.string().min(1).optional() }).strict();
const oversizedOptionsSchema = z.object({ contentType: z.string().min(1).optional(), streaming: z.boolean().optional() }).strict();

/** Options of `fault.status`. */
export type StatusFaultOptions = z.input<typeof statusOptionsSchema>;
/** Options of `fault.splitUtf8`. */
export type SplitUtf8Options = z.input<typeof splitUtf8OptionsSchema>;
/** Options of `fault.wrongContentType`. */
export type WrongContentTypeOptions = z.input<typeof wrongContentTypeOptionsSchema>;
/** Options of `fault.oversizedBody`. */
export type OversizedBodyOptions = z.input<typeof oversizedOptionsSchema>;

/** An OpenAI-style streamed chat chunk, the default payload of the stream faults. */
function chatChunk(content: string): object {
  return { id: 'chatcmpl-testkit', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] };
}

const DEFAULT_STREAM_EVENTS = [chatChunk('Hello'), chatChunk(', wor')];

/** 64 KiB of `x`, shared by every oversized body so a huge reply costs one small buffer. */
const PADDING = encoder.encode('x'.repeat(65_536));

/**
 * Fault injection. Every fault is a {@link Reply}, so it goes wherever a reply goes: a route, a
 * sequence (`[fault.status(429, { retryAfter: 1 }), reply.json(ok)]`) or a handler's result. Faults
 * that take a reply wrap any reply, including another fault.
 */
export const fault = {
  /** Reads the request, then resets the connection (TCP RST) before any response byte. */
  resetBeforeHeaders(): Reply {
    return buildReply({ chunks: [], ending: 'reset-before-headers' }, {});
  },

  /** Sends the status, headers and the first `afterChunks` chunks of `streamingReply`, then resets the connection. */
  resetMidStream(streamingReply: Reply, options: { afterChunks: number }): Reply {
    const source = checkInput(replySchema, streamingReply, 'fault.resetMidStream() reply');
    const { afterChunks } = checkInput(afterChunksSchema, options, 'fault.resetMidStream() options');
    return { ...source, chunks: source.chunks.slice(0, afterChunks), ending: 'reset' };
  },

  /** Waits `delayMs` after reading the request before sending the status and headers of `slowReply` (default an empty JSON object). */
  slowHeaders(delayMs: number, slowReply: Reply = reply.json({})): Reply {
    checkInput(delayMsSchema, delayMs, 'fault.slowHeaders() delayMs');
    const source = checkInput(replySchema, slowReply, 'fault.slowHeaders() reply');
    return { ...source, headersDelayMs: delayMs };
  },

  /**
   * Sends the status, headers and first `afterChunks` chunks, then nothing more and never ends: an
   * idle (or headers, with `afterChunks: 0` on a non-streaming reply) timeout must fire.
   */
  stall(streamingReply: Reply, options: { afterChunks: number }): Reply {
    const source = checkInput(replySchema, streamingReply, 'fault.stall() reply');
    const { afterChunks } = checkInput(afterChunksSchema, options, 'fault.stall() options');
    return { ...source, chunks: source.chunks.slice(0, afterChunks), ending: 'stall' };
  },

  /**
   * An error status (400–599) with an OpenAI-style JSON error body unless `body` is given (a string
   * is sent as text, anything else as JSON). `retryAfter` sets `Retry-After`: a number is seconds, a
   * `Date` becomes an HTTP date, a string is sent as it is.
   */
  status(status: number, options: StatusFaultOptions = {}): Reply {
    checkInput(errorStatusSchema, status, 'fault.status() status');
    const parsed = checkInput(statusOptionsSchema, options, 'fault.status() options');
    const headers: Record<string, string> = {};
    if (parsed.retryAfter !== undefined) headers['retry-after'] = retryAfterValue(parsed.retryAfter);
    Object.assign(headers, parsed.headers);
    const reason = STATUS_CODES[status] ?? 'Error';
    const body = parsed.body ?? {
      error: { message: `testkit: scripted ${status} ${reason}`, ...openAiError(status) },
    };
    if (typeof body === 'string') return reply.text(body, { status, headers });
    return reply.json(body, { status, headers });
  },

  /** A 200 `application/json` response whose body is not valid JSON (cut off mid-object by default). */
  malformedJson(body = '{"id":"chatcmpl-testkit","choices":[{"index":0,"message":{"role":"assistant","content":"Hel'): Reply {
    checkInput(z.string(), body, 'fault.malformedJson() body');
    return reply.text(body, { contentType: 'application/json' });
  },

  /**
   * An SSE stream that stops inside an event and ends the response normally, with no `[DONE]`: the
   * given events (default two OpenAI chat chunks) and then half of one more.
   */
  truncatedSse(events: ReadonlyArray<string | object> = DEFAULT_STREAM_EVENTS): Reply {
    checkInput(eventsSchema, events, 'fault.truncatedSse() events');
    const cutEvent = 'data: {"id":"chatcmpl-testkit","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ld';
    return reply.sseRaw([...events.map(sseEvent), cutEvent]);
  },

  /**
   * A body whose UTF-8 bytes are split inside multi-byte characters (the first and the last one),
   * each part in its own write `delayMs` apart (default 25 ms) so they reach the client as separate
   * reads. `format` (default `sse`): `sse` sends `data: <payload>\n\n` then `data: [DONE]\n\n`;
   * `ndjson` one JSON line; `json` a JSON body; `text` the string itself. A string payload is sent
   * as is in `sse` and `text`, and as a JSON string in `ndjson` and `json`.
   */
  splitUtf8(payload: string | object, options: SplitUtf8Options = {}): Reply {
    checkInput(z.union([z.string(), z.record(z.string(), z.unknown())]), payload, 'fault.splitUtf8() payload');
    const { format = 'sse', delayMs = 25 } = checkInput(splitUtf8OptionsSchema, options, 'fault.splitUtf8() options');
    const asText = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const asJson = JSON.stringify(payload);
    const contentTypes = { sse: 'text/event-stream', ndjson: 'application/x-ndjson', json: 'application/json', text: 'text/plain; charset=utf-8' };
    const body = { sse: `data: ${asText}\n\n`, ndjson: `${asJson}\n`, json: asJson, text: asText }[format];
    if (format === 'sse' && asText.includes('\n')) {
      checkInput(z.never({ message: 'an SSE payload cannot contain a newline' }), payload, 'fault.splitUtf8() payload');
    }
    const bytes = encoder.encode(body);
    const cuts = splitPoints(bytes);
    if (cuts.length === 0) {
      checkInput(z.never({ message: 'include at least one non-ASCII character (é, 🌍) to split' }), payload, 'fault.splitUtf8() payload');
    }
    const chunks: Uint8Array[] = [];
    let start = 0;
    for (const cut of cuts) {
      chunks.push(bytes.subarray(start, cut));
      start = cut;
    }
    chunks.push(bytes.subarray(start));
    if (format === 'sse') chunks.push(toBytes('data: [DONE]\n\n'));
    return buildReply({ chunks, streaming: true, chunkDelayMs: delayMs }, { 'content-type': contentTypes[format] });
  },

  /**
   * A 200 response with a content type the client did not ask for: by default a captive-portal HTML
   * page where JSON was expected; with `reply`, that reply with its `content-type` replaced.
   */
  wrongContentType(options: WrongContentTypeOptions = {}): Reply {
    const parsed = checkInput(wrongContentTypeOptionsSchema, options, 'fault.wrongContentType() options');
    const source =
      parsed.reply ?? reply.text('<!doctype html><html><body><h1>Sign in to continue</h1></body></html>', { contentType: 'text/html' });
    return { ...source, headers: { ...source.headers, 'content-type': parsed.contentType ?? source.headers['content-type'] ?? 'text/html' } };
  },

  /** An HTML error page like the ones proxies and load balancers (nginx, Cloudflare) put in front of an API. Default 502. */
  htmlErrorPage(status = 502): Reply {
    checkInput(errorStatusSchema, status, 'fault.htmlErrorPage() status');
    const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
    const page = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    return reply.text(page, { status, contentType: 'text/html' });
  },

  /**
   * A 200 JSON body of at least `bytes` bytes (`{"padding":"xxx…"}`), sent in 64 KiB writes with
   * `content-length` (or chunked with `streaming: true`), to test the client's body-size limit.
   */
  oversizedBody(bytes: number, options: OversizedBodyOptions = {}): Reply {
    checkInput(z.number().int().positive().max(2 ** 40), bytes, 'fault.oversizedBody() bytes');
    const parsed = checkInput(oversizedOptionsSchema, options, 'fault.oversizedBody() options');
    const chunks: Uint8Array[] = [toBytes('{"padding":"')];
    for (let written = 0; written < bytes; written += PADDING.byteLength) chunks.push(PADDING);
    chunks.push(toBytes('"}'));
    return buildReply(
      { chunks, streaming: parsed.streaming ?? false },
      { 'content-type': parsed.contentType ?? 'application/json' },
    );
  },
};

function retryAfterValue(value: number | string | Date): string {
  if (value instanceof Date) return value.toUTCString();
  return typeof value === 'number' ? String(Math.ceil(value)) : value;
}

/** The `type` and `code` OpenAI puts in an error body for each status. */
function openAiError(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

/**
 * Byte offsets just after the first byte of the first and of the last multi-byte character, so the
 * cut lands inside a character and a decoder fed chunk by chunk must carry bytes over.
 */
function splitPoints(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  for (let index = 0; index < bytes.length; index += 1) {
    // A lead byte of a multi-byte sequence is 11xxxxxx.
    if (((bytes[index] as number) & 0xc0) === 0xc0) starts.push(index + 1);
  }
  if (starts.length === 0) return [];
  const first = starts[0] as number;
  const last = starts[starts.length - 1] as number;
  return first === last ? [first] : [first, last];
}
