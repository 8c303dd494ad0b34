import type { CallOptions, Cost, GeneratedMedia, Trace, Usage } from '@switchyard/core';
import { requestedModel } from '../config/default-models.js';
import { formatFooter } from '../output/call-footer.js';
import { printJson } from '../output/print-json.js';
import { formatBytes } from '../terminal/status-line.js';
import { callOptionsOf, skippedProvidersJson, type CommandContext } from './command-context.js';
import { promptText } from './prompt-text.js';
import { writeMediaFiles } from './media-files.js';

interface MediaResponse {
  provider: string;
  model: string;
  usage: Usage;
  cost: Cost;
  trace: Trace;
  providerMetadata: Record<string, Record<string, unknown>>;
}

/**
 * `switchyard image <prompt>` and `switchyard video <prompt>`: generates, writes the files, prints
 * their paths on standard output (one per line), then the footer. Progress bars follow queued
 * jobs and downloads. `--json` prints the response with the file paths instead of the bytes.
 */
export async function mediaCommand(context: CommandContext, kind: 'image' | 'video'): Promise<void> {
  const { args, out, err } = context;
  const prompt = await promptText(context, 'a prompt');
  const narrator = context.narrate(`generating ${kind}…`);
  let response: MediaResponse & { media: readonly GeneratedMedia[] };
  try {
    const options: CallOptions = callOptionsOf(context);
    if (kind === 'image') {
      const { images, ...result } = await context.client.textToImage({ model: requestedModel(args.model, 'text-to-image'), prompt }, options);
      response = { ...result, media: images };
    } else {
      const { videos, ...result } = await context.client.textToVideo({ model: requestedModel(args.model, 'text-to-video'), prompt }, options);
      response = { ...result, media: videos };
    }
  } finally {
    narrator.end();
  }
  const files = await writeMediaFiles(response.media, kind, args.out);
  if (args.json) {
    const { media: _media, ...rest } = response;
    printJson(out, { ...rest, files, skippedProviders: skippedProvidersJson(context.selection) });
    return;
  }
  for (const file of files) out.line(file.path);
  err.line(err.style.dim(files.map((file) => `${file.mediaType}, ${formatBytes(file.bytes)}`).join('; ')));
  for (const line of formatFooter({ ...response, skipped: context.selection.skipped, elapsedMs: performance.now() - context.startedAt }, err.style)) err.line(line);
}
