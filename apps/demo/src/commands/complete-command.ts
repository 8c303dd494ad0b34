import { requestedModel } from '../config/default-models.js';
import type { CommandContext } from './command-context.js';
import { promptText } from './prompt-text.js';
import { samplingOptions } from './sampling-options.js';
import { streamAnswer } from './stream-answer.js';

/** `switchyard complete <prompt>`: streams a text completion of the prompt. */
export async function completeCommand(context: CommandContext): Promise<void> {
  const { args } = context;
  const prompt = await promptText(context, 'a prompt');
  await streamAnswer(context, (options) =>
    context.client.streamComplete({ model: requestedModel(args.model, 'complete'), prompt, ...samplingOptions(args) }, options),
  );
}
