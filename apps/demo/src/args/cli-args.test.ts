import { describe, expect, it } from 'vitest';
import { isUsageError } from '../errors/usage-error.js';
import { parseCliArgs } from './cli-args.js';
import { parseDuration } from './parse-duration.js';

function usageMessage(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(isUsageError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  it('reads the command, the prompt words and every flag', () => {
    expect(parseCliArgs(['chat', '-p', 'ollama,embedded', '-m', 'llama3.2', '--system', 'Be brief.', '--json', '-t', '1.5s', '--max-tokens', '40', '--temperature', '0', 'Once', 'upon'])).toEqual({
      command: 'chat',
      positionals: ['Once', 'upon'],
      provider: ['ollama', 'embedded'],
      model: 'llama3.2',
      system: 'Be brief.',
      json: true,
      timeoutMs: 1500,
      maxTokens: 40,
      temperature: 0,
      out: undefined,
      help: false,
    });
  });

  it('defaults to help with no command, and to auto with no --provider', () => {
    expect(parseCliArgs([]).command).toBe('help');
    expect(parseCliArgs(['chat', 'hi']).provider).toBe('auto');
  });

  it('names what is wrong and what is accepted', () => {
    expect(usageMessage(['chta', 'hi'])).toBe('Unknown command "chta". Did you mean `switchyard chat`? Commands: chat, complete, embed, image, video, models, providers, doctor, usage, help.');
    expect(usageMessage(['chat', '--provider', 'ollama,,hf'])).toContain('--provider must be "auto", a provider id');
    expect(usageMessage(['chat', '--provider', 'ollama,ollama'])).toContain('--provider names a provider twice');
    expect(usageMessage(['chat', '--max-tokens', '0'])).toContain('--max-tokens must be at least 1');
    expect(usageMessage(['chat', '--max-tokens', 'many'])).toContain('--max-tokens must be a whole number');
    expect(usageMessage(['chat', '--temperature', '3'])).toContain('--temperature must be between 0 and 2');
    expect(usageMessage(['chat', '--model'])).toContain("argument missing");
    expect(usageMessage(['usage', '--provider', 'ollama'])).toBe('--provider does not apply to `switchyard usage` (it takes --json, --help).');
  });
});

describe('parseDuration', () => {
  it('reads seconds by default, and ms, s and m units', () => {
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
  });

  it('refuses anything else, and zero', () => {
    for (const text of ['', 'soon', '5h', '-1', '0', '1e3', '30 s']) expect(parseDuration(text)).toBeUndefined();
  });
});
