import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { fixturePath } from '@switchyard/testkit';

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/**
 * Fields the provider sends that api.md documents but openapi.yaml's schemas do not list yet
 * (`thinking` and `tool_name` on messages: api.md "Generate a chat completion"; `template` on
 * generate: api.md "Generate a completion"; `tool_call_id` and a tool call's `id`: sent back so
 * servers from 2025 on can match results to calls).
 */
const DOCUMENTED_EXTRAS: Record<string, string[]> = {
  ChatMessage: ['thinking', 'tool_name', 'tool_call_id'],
  ToolCall: ['id'],
  GenerateRequest: ['template'],
};

/**
 * Validators for the request bodies of ../shared/fixtures/ollama/docs/openapi.yaml, keyed by path
 * (`/api/chat`…). Closed: every object schema that lists its properties rejects others (unless it
 * says `additionalProperties`), so a misspelt field fails instead of passing as an extra.
 */
export function ollamaRequestValidators(): Map<string, ValidateFunction> {
  const document = parse(readFileSync(fixturePath('ollama/docs/openapi.yaml'), 'utf8')) as OpenApiDocument;
  const schemas = structuredClone(document.components.schemas);
  for (const [name, schema] of Object.entries(schemas)) close(schema, DOCUMENTED_EXTRAS[name] ?? []);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of ['float', 'double', 'int32', 'int64']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'ollama-openapi', components: { schemas } });
  const validators = new Map<string, ValidateFunction>();
  for (const [path, operations] of Object.entries(document.paths)) {
    const reference = operations.post?.requestBody?.content?.['application/json']?.schema?.$ref;
    if (reference === undefined) continue;
    const validator = ajv.getSchema(`ollama-openapi${reference}`);
    if (validator !== undefined) validators.set(path, validator);
  }
  return validators;
}

function close(schema: Record<string, unknown>, extras: readonly string[]): void {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties !== undefined && schema.additionalProperties === undefined) {
    for (const extra of extras) properties[extra] ??= {};
    schema.additionalProperties = false;
  }
  for (const value of Object.values(properties ?? {})) close(value, []);
  if (typeof schema.items === 'object' && schema.items !== null) close(schema.items as Record<string, unknown>, []);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) close(branch as Record<string, unknown>, []);
  }
}
