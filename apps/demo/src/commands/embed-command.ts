import { requestedModel } from '../config/default-models.js';
import { usageError } from '../errors/usage-error.js';
import { formatFooter } from '../output/call-footer.js';
import { printJson } from '../output/print-json.js';
import { callOptionsOf, type CommandContext } from './command-context.js';

const SHOWN_VALUES = 6;

/**
 * `switchyard embed <text>...`: one vector per text (each argument, or each line of standard
 * input). Prints each vector's size and first values; `--json` prints the whole response.
 */
export async function embedCommand(context: CommandContext): Promise<void> {
  const { args, out, err } = context;
  let texts = args.positionals.filter((text) => text.trim() !== '');
  if (texts.length === 0) texts = ((await context.readStdin()) ?? '').split('\n').filter((line) => line.trim() !== '');
  if (texts.length === 0) throw usageError('`switchyard embed` needs at least one text: switchyard embed "a cat" "a dog" (or lines on standard input).');
  const narrator = context.narrate('embedding…');
  let response;
  try {
    response = await context.client.embed({ model: requestedModel(args.model, 'embed'), input: texts }, callOptionsOf(context));
  } finally {
    narrator.end();
  }
  if (args.json) {
    printJson(out, response);
    return;
  }
  response.embeddings.forEach((vector, index) => {
    const head = vector.slice(0, SHOWN_VALUES).map((value) => value.toFixed(4)).join(' ');
    out.line(`${out.style.dim(`[${index}]`)} ${vector.length} dimensions  ${head}${vector.length > SHOWN_VALUES ? ' …' : ''}  ${out.style.dim(truncate(texts[index] ?? ''))}`);
  });
  for (const line of formatFooter({ ...response, skipped: context.selection.skipped, elapsedMs: performance.now() - context.startedAt }, err.style)) err.line(line);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
