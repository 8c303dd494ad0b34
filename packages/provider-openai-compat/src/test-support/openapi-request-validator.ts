import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '@switchyard/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The request bodies the provider sends, by the OpenAPI schema name that describes them. */
export type OpenAIRequestSchema = 'CreateChatCompletionRequest' | 'CreateCompletionRequest' | 'CreateEmbeddingRequest' | 'CreateImageRequest';

/** Checks a request body against OpenAI's published schema; returns the problems (empty when valid). */
export type RequestBodyValidator = (schema: OpenAIRequestSchema, body: unknown) => string[];

let validator: RequestBodyValidator | undefined;

/**
 * Loads `fixtures/openai-openapi/openapi.yaml` (from the shared folder, once per process) into a
 * JSON Schema 2020-12 validator. The spec still carries OpenAPI 3.0's `nullable: true`, which 2020-12
 * does not know: each one is rewritten to allow `null` explicitly before compiling.
 */
export function openAIRequestValidator(): RequestBodyValidator {
  if (validator !== undefined) return validator;
  const spec = loadSpec(sharedPath('fixtures', 'openai-openapi', 'openapi.yaml'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
  ajv.addSchema({ $id: 'openai-openapi', components: rewriteNullable(spec.components) });
  const compiled = new Map<OpenAIRequestSchema, ReturnType<Ajv2020['compile']>>();
  validator = (schema, body) => {
    let validate = compiled.get(schema);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `openai-openapi#/components/schemas/${schema}` });
      compiled.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  };
  return validator;
}

/**
 * Parses the 3 MB YAML spec, or reads the JSON copy a previous test process left in the temp folder
 * (keyed by the file's size and modification time): parsing the YAML takes seconds of CPU, and
 * every test file that validates bodies runs in its own worker.
 */
function loadSpec(path: string): { components: unknown } {
  const { size, mtimeMs } = statSync(path);
  const cached = join(tmpdir(), `switchyard-openai-openapi-${size}-${Math.round(mtimeMs)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as { components: unknown };
  } catch {
    const spec = parse(readFileSync(path, 'utf8')) as { components: unknown };
    // Written under a unique name, then renamed, so a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ components: spec.components }));
    renameSync(partial, cached);
    return spec;
  }
}

/** Replaces every `nullable: true` with an explicit `null` alternative (type list, enum member or anyOf). */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) out[key] = rewriteNullable(value);
  if (nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
