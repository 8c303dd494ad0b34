import { SwitchyardError, type ToolCall, type ToolChoice, type ToolDefinition } from '@switchyard/core';
import type { OllamaWireToolCall } from './ollama-response-schemas.js';
import type { OllamaTool, OllamaToolCall } from './ollama-wire-types.js';

/**
 * A tool call from Ollama, with arguments as JSON text. Ollama sends arguments as an object and,
 * before 2025, no call id (semantic-kernel/ollama/chat_completion_function_call_response.txt): the id
 * is then synthesised from the call's position and content, so replaying the same answer gives the
 * same id. A call without arguments (MyPlugin_InvalidArguments in
 * chat_completion_multiple_function_calls_test_response.txt) gets `{}`.
 *
 * @param index the call's position within the whole answer (across stream lines).
 */
export function fromOllamaToolCall(call: OllamaWireToolCall, index: number): ToolCall {
  const raw = call.function.arguments;
  const argumentsText = raw === undefined ? '{}' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const name = call.function.name;
  const id = call.id !== undefined && call.id.length > 0 ? call.id : synthesizeToolCallId(index, name, argumentsText);
  return { id, name, arguments: argumentsText };
}

/** A stable id for a tool call the server sent without one: `call_<index>_<hash of name and arguments>`. */
export function synthesizeToolCallId(index: number, name: string, argumentsText: string): string {
  // FNV-1a (32 bit): cheap and deterministic; collisions only matter within one conversation.
  let hash = 0x811c9dc5;
  const text = `${name}\u0000${argumentsText}`;
  for (let position = 0; position < text.length; position++) {
    hash ^= text.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193);
  }
  return `call_${index}_${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * A tool call the caller hands back in the history, in Ollama's shape: the JSON text of the
 * arguments becomes an object again.
 *
 * @param where the call's path in the request, for the error message.
 */
export function toOllamaToolCall(call: ToolCall, where: string): OllamaToolCall {
  return { id: call.id, function: { name: call.name, arguments: parseArgumentsObject(call.arguments, where) } };
}

function parseArgumentsObject(text: string, where: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArguments(where, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidArguments(where, 'is not a JSON object');
  return value as Record<string, unknown>;
}

function invalidArguments(where: string, problem: string): SwitchyardError {
  return new SwitchyardError(
    'invalid-request',
    `Invalid chat request: ${where}.arguments ${problem}; Ollama takes tool arguments as a JSON object, so pass the object's JSON text (e.g. '{"city":"Paris"}').`,
    { retryable: false },
  );
}

/**
 * The tools to offer, in Ollama's shape. Ollama has no `tool_choice`: `'none'` sends no tools,
 * `{ name }` offers only that tool, and `'required'` cannot be enforced (the model may still answer
 * in text), so it offers every tool like `'auto'`.
 */
export function toOllamaTools(tools: readonly ToolDefinition[] | undefined, choice: ToolChoice | undefined): OllamaTool[] | undefined {
  if (tools === undefined || tools.length === 0 || choice === 'none') return undefined;
  const offered = typeof choice === 'object' ? tools.filter((tool) => tool.name === choice.name) : tools;
  if (offered.length === 0 && typeof choice === 'object') {
    throw new SwitchyardError(
      'invalid-request',
      `Invalid chat request: toolChoice names "${choice.name}", which is not one of the tools (${tools.map((tool) => tool.name).join(', ')}).`,
      { retryable: false },
    );
  }
  return offered.map((tool) => {
    // Assigned, not spread in: a spread per tool per call costs more than the rest of the mapping.
    // Key order as before (name, description, parameters), so the JSON sent is byte-identical.
    const definition = { name: tool.name } as OllamaTool['function'];
    if (tool.description !== undefined) definition.description = tool.description;
    definition.parameters = tool.parameters;
    return { type: 'function', function: definition };
  });
}
