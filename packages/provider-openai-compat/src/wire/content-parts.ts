import { isJsonObject } from './json-fields.js';
import type { ThinkTagSink } from './think-tag-splitter.js';

/**
 * Reads a content-part array into answer text and reasoning: `{type:"text", text}` parts are text,
 * `{type:"thinking", thinking:[{type:"text", text}] | "…"}` parts are reasoning (Mistral's Magistral,
 * fixtures `mistral/mistral-reasoning.json` and `.chunks.txt`). Other part types are skipped.
 */
export function readContentParts(parts: readonly unknown[], sink: ThinkTagSink): void {
  for (const part of parts) {
    if (!isJsonObject(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      if (part.text) sink.text(part.text);
    } else if (part.type === 'thinking') {
      const thinking = part.thinking;
      if (typeof thinking === 'string') {
        if (thinking) sink.reasoning(thinking);
      } else if (Array.isArray(thinking)) {
        for (const inner of thinking) {
          if (isJsonObject(inner) && typeof inner.text === 'string' && inner.text) sink.reasoning(inner.text);
        }
      }
    }
  }
}
