/** The commands of the `switchyard` CLI, in the order `--help` lists them. */
export const COMMANDS = ['chat', 'complete', 'embed', 'image', 'video', 'models', 'providers', 'doctor', 'usage', 'help'] as const;

/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** Flags every command takes. */
const COMMON_FLAGS = ['json', 'help'] as const;

/** Which flags make sense for which command: anything else is a usage error, not silently ignored. */
export const FLAGS_BY_COMMAND: Readonly<Record<CommandName, readonly string[]>> = {
  chat: [...COMMON_FLAGS, 'provider', 'model', 'system', 'timeout', 'max-tokens', 'temperature'],
  complete: [...COMMON_FLAGS, 'provider', 'model', 'timeout', 'max-tokens', 'temperature'],
  embed: [...COMMON_FLAGS, 'provider', 'model', 'timeout'],
  image: [...COMMON_FLAGS, 'provider', 'model', 'timeout', 'out'],
  video: [...COMMON_FLAGS, 'provider', 'model', 'timeout', 'out'],
  models: [...COMMON_FLAGS, 'provider', 'timeout'],
  providers: [...COMMON_FLAGS, 'provider', 'timeout'],
  doctor: [...COMMON_FLAGS, 'timeout'],
  usage: [...COMMON_FLAGS],
  help: [...COMMON_FLAGS],
};
