import type { Provider } from '@switchyard/core';
import type { ConformanceModels, ConformanceTask, CustomDialect } from './conformance-scenarios.js';

/** Which scenarios apply to a provider, and why the others do not. */
export interface ConformancePlan {
  chat: boolean;
  streamChat: boolean;
  toolCalls: boolean;
  completion: boolean;
  streamCompletion: boolean;
  embedding: boolean;
  image: boolean;
  /** The task the error, network, cancellation and credential scenarios use (the first applicable). */
  errorTask: ConformanceTask | undefined;
  /** One line per scenario left out, with the reason. */
  notApplicable: string[];
}

/**
 * Decides, from the provider's methods, the models given and the dialect's scripts, which scenarios
 * the suite registers. A scenario needs all three; the missing piece is named in `notApplicable`.
 */
export function planConformance(provider: Provider, models: ConformanceModels, dialect: CustomDialect): ConformancePlan {
  const notApplicable: string[] = [];
  const check = (scenario: string, method: keyof Provider, model: string | undefined, modelKey: string, script: unknown): boolean => {
    if (typeof provider[method] !== 'function') notApplicable.push(`${scenario}: the provider has no ${String(method)}()`);
    else if (!model) notApplicable.push(`${scenario}: no models.${modelKey} given`);
    else if (typeof script !== 'function') notApplicable.push(`${scenario}: the ${dialect.name} dialect has no script for it`);
    else return true;
    return false;
  };
  const chat = check('chat', 'chat', models.chat, 'chat', dialect.chat);
  const streamChat = check('streaming chat', 'streamChat', models.chat, 'chat', dialect.streamChat);
  const completion = check('completion', 'complete', models.completion, 'completion', dialect.complete);
  const streamCompletion = check('streaming completion', 'streamComplete', models.completion, 'completion', dialect.streamComplete);
  const embedding = check('embeddings', 'embed', models.embedding, 'embedding', dialect.embed);
  const image = check('text-to-image', 'textToImage', models.image, 'image', dialect.textToImage);
  const errorTask: ConformanceTask | undefined = chat ? 'chat' : completion ? 'completion' : embedding ? 'embedding' : image ? 'image' : undefined;
  if (!errorTask) notApplicable.push('errors, network, cancellation and credentials: no task applies');
  return { chat, streamChat, toolCalls: chat || streamChat, completion, streamCompletion, embedding, image, errorTask, notApplicable };
}
