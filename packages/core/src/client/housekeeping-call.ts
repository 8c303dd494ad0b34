import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Operation, TimeoutOverrides } from '../policy/timeout-policy.js';
import { timeoutOverridesSchema } from '../policy/timeout-policy.js';
import type { CallContext } from '../spec/call-context.js';
import type { Provider } from '../spec/provider.js';
import { isId } from '../spec/fast-validate.js';
import { clientSchemas } from '../spec/load-schemas.js';
import { validateInput } from '../spec/validate-input.js';
import { CallRun } from './call-run.js';
import type { ClientRuntime } from './client-runtime.js';

/** Options of `listModels` and `health`: one provider, one attempt. */
export interface HousekeepingOptions {
  signal?: AbortSignal;
  timeouts?: TimeoutOverrides;
}

const housekeepingOptionsSchema = () => clientSchemas().housekeepingOptions;
const providerIdSchema = () => clientSchemas().providerId;

/**
 * Runs `listModels` or `health` on one named provider: a single attempt under the operation's
 * short deadlines, not routed, metered or counted by the breaker (a health check is how one learns
 * that a provider is back). Its `CallContext` has task `'chat'` and model `''`: neither is a task.
 */
export async function runHousekeeping<T>(
  runtime: ClientRuntime,
  providerId: string,
  operation: Extract<Operation, 'list-models' | 'health'>,
  rawOptions: HousekeepingOptions | undefined,
  call: (provider: Provider, context: CallContext) => Promise<T>,
): Promise<T> {
  if (!isId(providerId)) validateInput(providerIdSchema, providerId, `${operation} provider id`);
  // Without options (the common call) there is nothing to parse: zod's output would be `{}`.
  const options = rawOptions === undefined ? {} : (validateInput(housekeepingOptionsSchema, rawOptions, `${operation} options`) as HousekeepingOptions);
  const provider = runtime.providers.find((candidate) => candidate.id === providerId);
  if (!provider) {
    throw new SwitchyardError('invalid-request', `Unknown provider "${providerId}"; configured providers: ${runtime.providers.map((entry) => `"${entry.id}"`).join(', ')}.`, {
      retryable: false,
    });
  }
  const run = new CallRun(runtime, {
    operation,
    task: 'chat',
    requestedModel: '',
    idempotent: true,
    options: options.timeouts ? { timeouts: options.timeouts } : {},
    signal: options.signal,
    request: {},
  });
  const target = { key: provider.id, provider, model: '' };
  const scope = run.scope(target, 1);
  const context = run.context(scope, target);
  try {
    return await scope.guard(Promise.resolve().then(() => call(provider, context)));
  } finally {
    scope.dispose();
  }
}
