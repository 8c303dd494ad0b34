import type { Task } from '../spec/tasks.js';
import type { Usage } from '../spec/usage.js';
import { costWithoutPrice, hasReportedCost } from './cost-without-price.js';
import type { Cost, Pricing } from './cost.js';

// No zod here: the client prices every attempt with this, and it must load with the client's entry
// (issue 9: core under 25 kB) while priceCall's validation lives in the @switchyard/core/billing subpath.

/** How much of a subscription's monthly included quota was used before the call being priced. */
export interface SubscriptionState {
  requestsUsed: number;
  tokensUsed: number;
}

/** What {@link priceCall} needs besides the price and the usage. */
export interface PriceCallOptions {
  task: Task;
  /** Required to price a subscription that has an included quota. */
  subscriptionState?: SubscriptionState;
  /** A cost the provider reported for this call: it wins over any configured price. */
  reportedCost?: { amount: number; currency: 'USD' };
  /** Provider id, only to make the "no price known" reason say what to configure. */
  provider?: string;
  /** The provider's model id, only to make the "no price known" reason say what to configure. */
  model?: string;
}

type NonSubscriptionPricing = Exclude<Pricing, { type: 'subscription' }>;
type SubscriptionPricing = Extract<Pricing, { type: 'subscription' }>;

/**
 * `priceCall` (the billing subpath) without input validation, for callers whose inputs are already checked (the client
 * validates configured prices once). Counts that are not finite non-negative numbers (a provider
 * bug) are treated as missing.
 */
export function computeCost(pricing: Pricing | undefined, usage: Usage, options: PriceCallOptions): Cost {
  if (pricing === undefined || hasReportedCost(options)) return costWithoutPrice(pricing, usage, options);
  if (pricing.type === 'subscription') return subscriptionCost(pricing, usage, options);
  return simpleCost(pricing, usage, options.task);
}

function simpleCost(pricing: NonSubscriptionPricing, usage: Usage, task: Task): Cost {
  switch (pricing.type) {
    case 'per-request':
      return known(pricing.perRequest, 'per-request');
    case 'compute-time': {
      const seconds = countOrUndefined(usage.computeSeconds);
      if (seconds === undefined) return unknown('the provider reported no compute time, so its per-second price cannot be applied');
      return known(seconds * pricing.perSecond, 'compute-time');
    }
    case 'per-token': {
      const tokens = tokenSplit(usage, task);
      if (tokens === undefined) return unknown(`the provider reported no token counts, so its per-token price cannot be applied`);
      const cached = Math.min(countOrUndefined(usage.cachedInputTokens) ?? 0, tokens.input);
      // Without a cached price, cached input tokens cost what other input tokens cost.
      const cachedPerMillion = pricing.cachedInputPerMillion ?? pricing.inputPerMillion;
      const micro =
        (tokens.input - cached) * pricing.inputPerMillion + cached * cachedPerMillion + tokens.output * pricing.outputPerMillion;
      return known(micro / 1_000_000, 'per-token');
    }
  }
}

function subscriptionCost(pricing: SubscriptionPricing, usage: Usage, options: PriceCallOptions): Cost {
  const { includedRequests, includedTokens, overage } = pricing;
  if (includedRequests === undefined && includedTokens === undefined) return known(0, 'subscription');
  const state = options.subscriptionState;
  if (state === undefined) {
    return unknown('the subscription has an included quota but its usage so far this month was not given (subscriptionState)');
  }
  if (includedRequests !== undefined && state.requestsUsed >= includedRequests) return simpleCost(overage, usage, options.task);
  if (includedTokens === undefined) return known(0, 'subscription');
  const tokensLeft = Math.max(0, includedTokens - state.tokensUsed);
  if (tokensLeft === 0) return simpleCost(overage, usage, options.task);
  const tokens = tokenSplit(usage, options.task);
  if (tokens === undefined) {
    return unknown('the provider reported no token counts, so it is unknown whether the call fits in the subscription\'s included tokens');
  }
  const callTokens = tokens.input + tokens.output;
  if (callTokens <= tokensLeft) return known(0, 'subscription');
  const overageCost = simpleCost(overage, usage, options.task);
  if (overageCost.amount === undefined || overage.type === 'per-request') return overageCost;
  return known((overageCost.amount * (callTokens - tokensLeft)) / callTokens, overage.type);
}

/**
 * Input and output token counts, deriving a missing one from `totalTokens` when possible. Embeddings
 * have no output tokens, so only their input count is needed.
 */
function tokenSplit(usage: Usage, task: Task): { input: number; output: number } | undefined {
  const total = countOrUndefined(usage.totalTokens);
  let input = countOrUndefined(usage.inputTokens);
  let output = countOrUndefined(usage.outputTokens);
  if (task === 'embed') output ??= 0;
  if (input === undefined && total !== undefined && output !== undefined) input = Math.max(0, total - output);
  if (output === undefined && total !== undefined && input !== undefined) output = Math.max(0, total - input);
  if (input === undefined || output === undefined) return undefined;
  return { input, output };
}

/** The tokens a call used (input + output), when the usage says. */
export function callTokenCount(usage: Usage, task: Task): number | undefined {
  const tokens = tokenSplit(usage, task);
  return tokens === undefined ? undefined : tokens.input + tokens.output;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function countOrUndefined(value: number | undefined): number | undefined {
  return isCount(value) ? value : undefined;
}

function known(amount: number, basis: Pricing['type']): Cost {
  return { amount, currency: 'USD', basis };
}

function unknown(reason: string): Cost {
  return { amount: undefined, currency: 'USD', basis: 'unknown', reason };
}
