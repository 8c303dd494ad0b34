import { lazySchema } from '@switchyard/core';
import type { z } from 'zod';
import type { Task } from '@switchyard/core';

/** One Inference Provider able to serve a Hub model, as the Hub's `inferenceProviderMapping` lists it. */
export interface MappedProvider {
  /** The provider's name on Hugging Face: `'together'`, `'fal-ai'`, `'hf-inference'`… */
  provider: string;
  /** The provider's own model id (`'meta-llama/Meta-Llama-3-8B-Instruct-Turbo'`, `'fal-ai/flux/dev'`). */
  providerId: string;
  /** `'live'` for everyone; `'staging'` only for the provider's own organisation. */
  status: 'live' | 'staging';
  /** The Hub task the mapping is for: `'conversational'`, `'text-to-image'`… */
  task: string;
  /** Set for LoRA adapters served on a base model (`'lora'`). */
  adapter?: string;
  adapterWeightsPath?: string;
}

/** The Hub task name each Switchyard task maps to in `inferenceProviderMapping`. */
export const HUB_TASK: Readonly<Record<Task, string>> = {
  chat: 'conversational',
  complete: 'text-generation',
  embed: 'feature-extraction',
  'text-to-image': 'text-to-image',
  'text-to-video': 'text-to-video',
};

// Built on first use (core's lazySchema: zod is loaded then, not at import). Loose on purpose: the
// Hub adds fields over time, and an entry we cannot read is skipped rather
// than failing the whole lookup.
const entrySchema = lazySchema((z) =>
  z.looseObject({
    status: z.string(),
    providerId: z.string().min(1),
    task: z.string(),
    adapter: z.string().optional(),
    adapterWeightsPath: z.string().optional(),
  }),
);

const listEntrySchema = lazySchema((z) => entrySchema().extend({ provider: z.string().min(1) }));

/** The part of `GET /api/models/{id}?expand[]=inferenceProviderMapping` this package reads. */
export const modelMappingResponseSchema = lazySchema((z) =>
  z.looseObject({
    id: z.string().optional(),
    // The cassettes (recorded Jan–Apr 2025) hold the dict shape `{provider: {...}}`; the Hub now also
    // answers with a list `[{provider, ...}]`. Both keep the user's preference order.
    inferenceProviderMapping: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  }),
);

/** The body above, as parsed. */
export type ModelMappingResponse = z.infer<ReturnType<typeof modelMappingResponseSchema>>;

/**
 * Every usable mapping of a model for `task`, in order: `live` entries first, then `staging`, each
 * group in the order the Hub gave (the user's preference order when the request carried their
 * token). Entries in `error` or any status this package does not know are dropped, as are entries
 * for another task or that do not parse.
 */
export function usableMappings(response: ModelMappingResponse, task: Task): MappedProvider[] {
  const raw = response.inferenceProviderMapping;
  if (raw === undefined) return [];
  const entries: MappedProvider[] = [];
  const hubTask = HUB_TASK[task];
  const consider = (provider: string, value: unknown) => {
    const parsed = entrySchema().safeParse(value);
    if (!parsed.success) return;
    const { status, providerId, task: entryTask, adapter, adapterWeightsPath } = parsed.data;
    if (status !== 'live' && status !== 'staging') return;
    if (entryTask !== hubTask) return;
    entries.push({
      provider,
      providerId,
      status,
      task: entryTask,
      ...(adapter === undefined ? {} : { adapter }),
      ...(adapterWeightsPath === undefined ? {} : { adapterWeightsPath }),
    });
  };
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const parsed = listEntrySchema().safeParse(item);
      if (parsed.success) consider(parsed.data.provider, parsed.data);
    }
  } else {
    for (const [provider, value] of Object.entries(raw)) consider(provider, value);
  }
  return [...entries.filter((entry) => entry.status === 'live'), ...entries.filter((entry) => entry.status === 'staging')];
}

/** Every provider name in the mapping with its status and task, for error messages ("together: error"). */
export function describeMapping(response: ModelMappingResponse): string {
  const raw = response.inferenceProviderMapping;
  if (raw === undefined) return 'no inferenceProviderMapping';
  const items: string[] = [];
  const describe = (provider: string, value: unknown) => {
    const entry = value as { status?: unknown; task?: unknown } | null;
    items.push(`${provider} (${String(entry?.status ?? '?')}, ${String(entry?.task ?? '?')})`);
  };
  if (Array.isArray(raw)) {
    for (const item of raw) describe(String((item as { provider?: unknown } | null)?.provider ?? '?'), item);
  } else {
    for (const [provider, value] of Object.entries(raw)) describe(provider, value);
  }
  return items.length === 0 ? 'no provider' : items.join(', ');
}
