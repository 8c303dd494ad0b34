import { SPECIFICATION_VERSION } from '../spec/provider.js';
import type { Provider } from '../spec/provider.js';

/** Why `value` is not a provider this core can use, or undefined when it is one. */
export function providerProblem(value: unknown): string | undefined {
  if (typeof value === 'function') return 'is a function: call the provider factory, e.g. ollama() rather than ollama';
  if (typeof value !== 'object' || value === null) return 'is not a provider object: pass what a provider factory returns, e.g. ollama()';
  const candidate = value as Partial<Provider> & { specificationVersion?: unknown };
  if (candidate.specificationVersion !== SPECIFICATION_VERSION) {
    return candidate.specificationVersion === undefined
      ? 'has no specificationVersion: it is not a Switchyard provider'
      : `speaks contract ${JSON.stringify(candidate.specificationVersion)} but this @switchyard/core speaks "${SPECIFICATION_VERSION}": install matching versions of @switchyard/core and the provider package`;
  }
  if (typeof candidate.id !== 'string' || candidate.id.length === 0) return 'has no id: every provider needs a non-empty string id';
  if (candidate.id === 'auto') return 'uses the reserved id "auto": give it another id';
  return undefined;
}
