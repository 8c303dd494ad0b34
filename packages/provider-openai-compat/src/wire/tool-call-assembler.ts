import { SwitchyardError } from '@switchyard/core';
import type { ChatStreamEvent, ToolCall } from '@switchyard/core';
import { isJsonObject, stringOrNumberText } from './json-fields.js';

interface PartialToolCall {
  /** Position in the answer, 0-based, whatever index the server used. */
  readonly position: number;
  id: string;
  /** The server's own `index`, when it sent one. */
  serverIndex: number | undefined;
  name: string;
  arguments: string;
}

/**
 * Assembles streamed `delta.tool_calls` fragments into complete tool calls. A fragment belongs to
 * the call with the same non-empty `id`; failing that, to the call with the same `index`; failing
 * that, to the latest call. This absorbs, by fixture:
 * - continuations that carry only `index` (OpenAI, DeepSeek: `deepseek/deepseek-tool-call.chunks.txt`);
 * - a first `index` of 1 (Anthropic's compatible endpoint: `openai-compatible-chat/anthropic-fallback-tool-call.sse`);
 * - no `index` at all (Mistral: `mistral/mistral-tool-call.chunks.txt`);
 * - `id: ""` continuations (Alibaba: `alibaba/alibaba-tool-call.chunks.txt`) and `name: ""` ones
 *   (`mistral/mistral-incremental-tool-call.chunks.txt`);
 * - numeric ids and arguments sent as an object (old TGI).
 * Calls are finalised only by {@link ToolCallAssembler.finish}, at the end of the stream.
 */
export class ToolCallAssembler {
  readonly #calls: PartialToolCall[] = [];
  readonly #byId = new Map<string, PartialToolCall>();

  /** How many calls have started. */
  get size(): number {
    return this.#calls.length;
  }

  /** Adds one fragment and returns the `tool-call-delta` event it makes, if it carried anything. */
  push(fragment: unknown): ChatStreamEvent | undefined {
    if (!isJsonObject(fragment)) {
      throw new SwitchyardError('invalid-response', 'A streamed tool call fragment is not a JSON object; the server sent a malformed chunk.');
    }
    const id = stringOrNumberText(fragment.id);
    const serverIndex = typeof fragment.index === 'number' ? fragment.index : undefined;
    const fn = isJsonObject(fragment.function) ? fragment.function : undefined;
    const name = typeof fn?.name === 'string' ? fn.name : '';
    const argumentsDelta = argumentsText(fn?.arguments);

    let call = this.#find(id, serverIndex);
    const started = call === undefined;
    if (call === undefined) {
      call = { position: this.#calls.length, id: id || `call_${this.#calls.length}`, serverIndex, name: '', arguments: '' };
      this.#calls.push(call);
      this.#byId.set(call.id, call);
    } else if (call.serverIndex === undefined && serverIndex !== undefined) {
      call.serverIndex = serverIndex;
    }
    const named = name !== '' && call.name === '';
    if (named) call.name = name;
    call.arguments += argumentsDelta;
    if (!started && !named && argumentsDelta === '') return undefined;
    return {
      type: 'tool-call-delta',
      index: call.position,
      id: call.id,
      ...(named ? { name } : {}),
      argumentsDelta,
    };
  }

  /**
   * The complete calls, in order. Empty arguments become `"{}"` (servers send `""` for a function
   * without parameters). Throws `invalid-response` for a call that never received a name.
   */
  finish(): ToolCall[] {
    return this.#calls.map((call) => {
      if (!call.name) {
        throw new SwitchyardError('invalid-response', `Streamed tool call ${call.position} ("${call.id}") ended without a function name; the server sent an incomplete tool call.`);
      }
      return { id: call.id, name: call.name, arguments: call.arguments || '{}' };
    });
  }

  #find(id: string, serverIndex: number | undefined): PartialToolCall | undefined {
    if (id) return this.#byId.get(id);
    if (serverIndex !== undefined) return this.#calls.find((call) => call.serverIndex === serverIndex);
    return this.#calls.at(-1);
  }
}

/** Tool-call arguments as JSON text: strings as sent, objects (old TGI) serialised. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}
