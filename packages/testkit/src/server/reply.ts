import { z } from 'zod';
import { checkInput } from '../input/check-input.js';
import { REPLY_MARKER, type Reply } from './reply-types.js';

const encoder = new TextEncoder();

const statusSchema = z.number().int().min(200, 'use a final status (200–599)').max(599);
const headersSchema = z.record(z.string(), z.string()).optional();
const delaySchema = z.number().int().nonnegative().max(600_000).optional();
const eventSchema = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]);

const jsonOptionsSchema = z.object({ status: statusSchema.optional(), headers: headersSchema }).strict();
const textOptionsSchema = z
  .object({ status: statusSchema.optional(), contentType: z.string().min(1).optional(), headers: headersSchema })
  .strict();
const sseOptionsSchema = z
  .object({ done: z.boolean().optional(), delayMs: delaySchema, headers: headersSchema, status: statusSchema.optional() })
  .strict();
const sseRawOptionsSchema = z
  .object({ delayMs: delaySchema, contentType: z.string().min(1).optional(), headers: headersSchema, status: statusSchema.optional() })
  .strict();
const ndjsonOptionsSchema = z
  .object({ delayMs: delaySchema, headers: headersSchema, status: statusSchema.optional() })
  .strict();
const bytesOptionsSchema = z
  .object({ contentType: z.string().min(1), status: statusSchema.optional(), headers: headersSchema })
  .strict();

/** Options shared by `reply.json`. */
export type JsonReplyOptions = z.input<typeof jsonOptionsSchema>;
/** Options of `reply.text`. */
export type TextReplyOptions = z.input<typeof textOptionsSchema>;
/** Options of `reply.sse`. */
export type SseReplyOptions = z.input<typeof sseOptionsSchema>;
/** Options of `reply.sseRaw`. */
export type SseRawReplyOptions = z.input<typeof sseRawOptionsSchema>;
/** Options of `reply.ndjson`. */
export type NdjsonReplyOptions = z.input<typeof ndjsonOptionsSchema>;
/** Options of `reply.bytes`. */
export type BytesReplyOptions = z.input<typeof bytesOptionsSchema>;

/** The parts of a reply a builder chooses; the rest get defaults. */
export interface ReplyParts {
  status?: number;
  headers?: Record<string, string> | undefined;
  chunks: readonly Uint8Array[];
  streaming?: boolean;
  chunkDelayMs?: number | undefined;
  headersDelayMs?: number;
  ending?: Reply['ending'];
}

/** Assembles a {@link Reply}; `defaultHeaders` are overridden by same-named (case-insensitive) `parts.headers`. */
export function buildReply(parts: ReplyParts, defaultHeaders: Record<string, string>): Reply {
  const headers: Record<string, string> = { ...defaultHeaders };
  if (parts.headers) for (const [name, value] of Object.entries(parts.headers)) headers[name.toLowerCase()] = value;
  return {
    [REPLY_MARKER]: true,
    status: parts.status ?? 200,
    headers,
    chunks: parts.chunks,
    streaming: parts.streaming ?? false,
    chunkDelayMs: parts.chunkDelayMs ?? 0,
    headersDelayMs: parts.headersDelayMs ?? 0,
    ending: parts.ending ?? 'end',
  };
}

/** Encodes a string as UTF-8; byte arrays pass through untouched (no copy). */
export function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/** Serialises one stream event: strings are sent as they are, anything else as JSON. */
function eventText(event: unknown): string {
  return typeof event === 'string' ? event : JSON.stringify(event);
}

/** Formats one SSE message the way OpenAI-compatible servers do: `data: <payload>\n\n`. */
export function sseEvent(event: string | object): string {
  return `data: ${eventText(event)}\n\n`;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/**
 * Builders for scripted responses. Each validates its arguments and serialises the body once, so a
 * reply can answer thousands of requests (benchmarks) without re-encoding.
 *
 * @example
 * server.route('POST', '/v1/chat/completions', reply.json({ choices: [] }, { headers: { 'x-request-id': 'req_1' } }));
 */
export const reply = {
  /** A JSON body (`application/json`, with `content-length`). */
  json(body: unknown, options: JsonReplyOptions = {}): Reply {
    const parsed = checkInput(jsonOptionsSchema, options, 'reply.json() options');
    const text = JSON.stringify(body);
    if (text === undefined) checkInput(z.never({ message: 'body must be JSON-serialisable' }), body, 'reply.json() body');
    return buildReply({ ...parsed, chunks: [encoder.encode(text)] }, { 'content-type': 'application/json' });
  },

  /** A text body; `contentType` defaults to `text/plain; charset=utf-8`. */
  text(body: string, options: TextReplyOptions = {}): Reply {
    checkInput(z.string(), body, 'reply.text() body');
    const parsed = checkInput(textOptionsSchema, options, 'reply.text() options');
    return buildReply(
      { status: parsed.status, headers: parsed.headers, chunks: [encoder.encode(body)] },
      { 'content-type': parsed.contentType ?? 'text/plain; charset=utf-8' },
    );
  },

  /**
   * A Server-Sent Events stream: each event is written as `data: <json or string>\n\n` in its own
   * write, then `data: [DONE]\n\n` unless `done: false`.
   */
  sse(events: ReadonlyArray<string | object>, options: SseReplyOptions = {}): Reply {
    checkInput(z.array(eventSchema), events, 'reply.sse() events');
    const parsed = checkInput(sseOptionsSchema, options, 'reply.sse() options');
    const chunks = events.map((event) => encoder.encode(sseEvent(event)));
    if (parsed.done ?? true) chunks.push(encoder.encode('data: [DONE]\n\n'));
    return buildReply(
      { status: parsed.status, headers: parsed.headers, chunks, streaming: true, chunkDelayMs: parsed.delayMs },
      SSE_HEADERS,
    );
  },

  /** Chunks written exactly as given, one write each (for SSE framing quirks and split bytes). */
  sseRaw(chunks: ReadonlyArray<string | Uint8Array>, options: SseRawReplyOptions = {}): Reply {
    checkInput(z.array(z.union([z.string(), z.instanceof(Uint8Array)])), chunks, 'reply.sseRaw() chunks');
    const parsed = checkInput(sseRawOptionsSchema, options, 'reply.sseRaw() options');
    return buildReply(
      {
        status: parsed.status,
        headers: parsed.headers,
        chunks: chunks.map(toBytes),
        streaming: true,
        chunkDelayMs: parsed.delayMs,
      },
      { ...SSE_HEADERS, 'content-type': parsed.contentType ?? SSE_HEADERS['content-type'] },
    );
  },

  /** Newline-delimited JSON (`application/x-ndjson`, as Ollama streams), one line per write. */
  ndjson(lines: ReadonlyArray<string | object>, options: NdjsonReplyOptions = {}): Reply {
    checkInput(z.array(eventSchema), lines, 'reply.ndjson() lines');
    const parsed = checkInput(ndjsonOptionsSchema, options, 'reply.ndjson() options');
    return buildReply(
      {
        status: parsed.status,
        headers: parsed.headers,
        chunks: lines.map((line) => encoder.encode(`${eventText(line)}\n`)),
        streaming: true,
        chunkDelayMs: parsed.delayMs,
      },
      { 'content-type': 'application/x-ndjson' },
    );
  },

  /** Raw bytes (images, video) with the given content type. The array is sent without copying. */
  bytes(data: Uint8Array, options: BytesReplyOptions): Reply {
    checkInput(z.instanceof(Uint8Array), data, 'reply.bytes() data');
    const parsed = checkInput(bytesOptionsSchema, options, 'reply.bytes() options');
    return buildReply(
      { status: parsed.status, headers: parsed.headers, chunks: [data] },
      { 'content-type': parsed.contentType },
    );
  },
};
