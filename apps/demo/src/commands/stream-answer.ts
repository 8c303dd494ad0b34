import type { CallOptions, ChatStream, Cost, Trace, Usage } from '@switchyard/core';
import { formatFooter } from '../output/call-footer.js';
import { printJson } from '../output/print-json.js';
import { callOptionsOf, skippedProvidersJson, type CommandContext } from './command-context.js';

/** What a streamed answer resolves to: chat and completion responses share these fields. */
interface StreamedResponse {
  text: string;
  provider: string;
  model: string;
  usage: Usage;
  cost: Cost;
  trace: Trace;
}

/**
 * Streams an answer to standard output as it arrives: a spinner until the first token, the text,
 * then the footer on standard error. With `--json`, nothing but the final response (trace and cost
 * included) is printed, as one JSON document.
 */
export async function streamAnswer<TResponse extends StreamedResponse>(
  context: CommandContext,
  start: (options: CallOptions) => ChatStream<TResponse>,
): Promise<void> {
  const { args, out, err } = context;
  const narrator = context.narrate('starting…');
  let response: TResponse;
  let lastCharacter = '\n';
  try {
    const stream = start(callOptionsOf(context));
    let started = false;
    for await (const event of stream) {
      if (event.type !== 'text' && event.type !== 'reasoning') continue;
      if (event.text === '') continue;
      if (!started) {
        started = true;
        narrator.contentStarted();
      }
      if (args.json) continue;
      // Reasoning goes to standard error, dimmed: standard output carries the answer only.
      if (event.type === 'reasoning') err.write(err.style.dim(event.text));
      else {
        out.write(event.text);
        lastCharacter = event.text.at(-1)!;
      }
    }
    response = await stream.response;
  } finally {
    narrator.end();
    // A cut stream still ends its line, so the error report starts on a fresh one.
    if (!args.json && lastCharacter !== '\n') out.write('\n');
  }
  if (args.json) {
    printJson(out, { ...response, skippedProviders: skippedProvidersJson(context.selection) });
    return;
  }
  for (const line of formatFooter({ ...response, skipped: context.selection.skipped, elapsedMs: performance.now() - context.startedAt }, err.style)) err.line(line);
}
