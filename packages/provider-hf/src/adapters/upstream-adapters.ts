import type { Task } from '@switchyard/core';
import { ADAPTER_MEMBER } from '../upstream/upstream-adapter.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { falAi } from './fal-ai.js';
import { hfInference } from './hf-inference.js';
import { hyperbolic } from './hyperbolic.js';
import { nebius } from './nebius.js';
import { novita } from './novita.js';
import { nscale } from './nscale.js';
import { replicate } from './replicate.js';
import { together } from './together.js';
import { wavespeed } from './wavespeed.js';

const chatAt = (path: string): UpstreamAdapter => ({ chatPath: () => path });

/**
 * Every provider behind the router this package knows how to call, by its Hugging Face name. Chat
 * paths are the ones the recorded routed chats use (`hf-hub-cassettes`, e.g. fireworks-ai under
 * `/inference/v1`); a provider missing here is still reachable for chat through the router's generic
 * endpoint with `model:<provider>`, but not for the other tasks (its mapping entries are skipped).
 */
export const UPSTREAM_ADAPTERS: ReadonlyMap<string, UpstreamAdapter> = new Map<string, UpstreamAdapter>([
  ['hf-inference', hfInference],
  ['fal-ai', falAi],
  ['replicate', replicate],
  ['together', together],
  ['nscale', nscale],
  ['novita', novita],
  ['wavespeed', wavespeed],
  ['cerebras', chatAt('/v1/chat/completions')],
  ['fireworks-ai', chatAt('/inference/v1/chat/completions')],
  ['groq', chatAt('/openai/v1/chat/completions')],
  ['hyperbolic', hyperbolic],
  ['nebius', nebius],
  ['sambanova', chatAt('/v1/chat/completions')],
]);

/** Whether this package can send `task` to `provider` (chat: always, through the generic endpoint). */
export function canServe(provider: string, task: Task): boolean {
  if (task === 'chat') return true;
  const adapter = UPSTREAM_ADAPTERS.get(provider);
  return adapter !== undefined && adapter[ADAPTER_MEMBER[task]] !== undefined;
}
