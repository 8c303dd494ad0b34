import { readFileSync } from 'node:fs';
import JSON5 from 'json5';
import { fixturePath } from '@switchyard/testkit';

/** One fenced code block of Ollama's api.md, with the headings above it. */
export interface ApiDocBlock {
  /** Headings from the top down, e.g. `['Generate a chat completion', 'Examples', 'Chat request (No streaming)', 'Response']`. */
  headings: string[];
  language: string;
  text: string;
}

let cached: ApiDocBlock[] | undefined;

/** Every fenced block of ../shared/fixtures/ollama/docs/api.md, in document order. */
export function apiDocBlocks(): ApiDocBlock[] {
  if (cached !== undefined) return cached;
  const markdown = readFileSync(fixturePath('ollama/docs/api.md'), 'utf8');
  const blocks: ApiDocBlock[] = [];
  const headings: string[] = [];
  let fence: { language: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (line.startsWith('```')) {
        blocks.push({ headings: [...headings], language: fence.language, text: fence.lines.join('\n') });
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    const opening = /^```(\w*)/.exec(line);
    if (opening !== null) {
      fence = { language: opening[1] ?? '', lines: [] };
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading !== null) {
      const level = (heading[1] ?? '#').length;
      headings.length = level - 1;
      headings[level - 1] = (heading[2] ?? '').trim();
    }
  }
  cached = blocks;
  return blocks;
}

/**
 * The JSON values of the response blocks under a section whose headings include every one of
 * `path` (in order). A block may hold several objects one after another (the pull example's final
 * statuses), and the `json5` ones (show, generate with suffix) are read as JSON5, with the
 * `[...]` placeholder api.md uses for an elided array read as an empty array.
 */
export function apiDocValues(...path: string[]): unknown[] {
  const matches = apiDocBlocks().filter((block) => (block.language === 'json' || block.language === 'json5') && containsInOrder(block.headings, path));
  if (matches.length === 0) throw new Error(`api.md has no JSON block under ${path.join(' > ')}`);
  return matches.flatMap((block) => splitTopLevelValues(block.text.replace(/\[\.\.\.\]/g, '[]')).map((text) => JSON5.parse(text) as unknown));
}

/** The JSON body of the curl request under a section (`-d '{...}'`), comments stripped. */
export function apiDocRequestBody(...path: string[]): unknown {
  const block = apiDocBlocks().find((candidate) => candidate.language === 'shell' && containsInOrder(candidate.headings, path) && candidate.text.includes("-d '"));
  if (block === undefined) throw new Error(`api.md has no curl request under ${path.join(' > ')}`);
  const body = block.text.slice(block.text.indexOf("-d '") + 4, block.text.lastIndexOf("'"));
  return JSON5.parse(body) as unknown;
}

function containsInOrder(headings: readonly string[], path: readonly string[]): boolean {
  let from = 0;
  for (const wanted of path) {
    const found = headings.indexOf(wanted, from);
    if (found === -1) return false;
    from = found + 1;
  }
  return true;
}

/** Splits `{...}\n{...}` into its top-level values, honouring strings and nesting. */
function splitTopLevelValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let start = -1;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '/' && text[index + 1] === '/') index = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
    else if (char === '{' || char === '[') {
      if (depth === 0) start = index;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) values.push(text.slice(start, index + 1));
    }
  }
  return values;
}
