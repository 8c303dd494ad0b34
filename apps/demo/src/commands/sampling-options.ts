import type { SamplingOptions } from '@switchyard/core';
import type { CliArgs } from '../args/cli-args.js';

/** `--max-tokens` and `--temperature` as request fields, only those given. */
export function samplingOptions(args: Pick<CliArgs, 'maxTokens' | 'temperature'>): Pick<SamplingOptions, 'maxTokens' | 'temperature'> {
  return {
    ...(args.maxTokens === undefined ? {} : { maxTokens: args.maxTokens }),
    ...(args.temperature === undefined ? {} : { temperature: args.temperature }),
  };
}
