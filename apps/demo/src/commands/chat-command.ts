import type { ChatMessage } from '@switchyard/core';
import { requestedModel } from '../config/default-models.js';
import type { CommandContext } from './command-context.js';
import { promptText } from './prompt-text.js';
import { samplingOptions } from './sampling-options.js';
import { streamAnswer } from './stream-answer.js';

/** `switchyard chat <prompt>`: streams a chat answer, with `--system` as the system message. */
export async function chatCommand(context: CommandContext): Promise<void> {
  const { args } = context;
  const prompt = await promptText(context, 'a prompt');
  const messages: ChatMessage[] = [...(args.system ? [{ role: 'system' as const, content: args.system }] : []), { role: 'user', content: prompt }];
  await streamAnswer(context, (options) =>
    context.client.streamChat({ model: requestedModel(args.model, 'chat'), messages, ...samplingOptions(args) }, options),
  );
}
