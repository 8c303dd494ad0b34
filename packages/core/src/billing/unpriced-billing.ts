import { settleAttempt } from './bill-attempt.js';
import { checkSettlement } from './check-settlement.js';
import type { AttemptSettlement, BilledCall, BilledCandidate, BillingAdmission, BillingTicket, ClientBilling } from './client-billing.js';
import { costWithoutPrice } from './cost-without-price.js';
import type { Cost } from './cost.js';
import type { Meter } from './meter.js';

/**
 * Billing for a client where nothing has a price, a budget or a quota: no client `pricing`, `budget`,
 * `quotas` or `store` option, and no provider with `pricing()` or `routes()`. Every attempt is
 * admitted; its cost is what {@link Billing} would answer without a price (the provider-reported cost,
 * or `unknown` / `not-billed` with the reason) and it is metered the same way. It keeps the price
 * tables, budgets and quota counters out of the client's entry: `Billing` is loaded only when the
 * options need it (issue 9: core under 25 kB).
 */
export class UnpricedBilling implements ClientBilling {
  readonly #meter: Meter;

  constructor(meter: Meter) {
    this.#meter = meter;
  }

  get answersNow(): boolean {
    return true;
  }

  estimateCost(): number | undefined {
    return undefined;
  }

  async admit(candidate: BilledCandidate, call: BilledCall): Promise<BillingAdmission> {
    return this.admitNow(candidate, call);
  }

  admitNow(candidate: BilledCandidate, call: BilledCall): BillingAdmission {
    const ticket: BillingTicket = Object.freeze({ candidateKey: candidate.key, model: candidate.model, task: call.task, pricing: undefined, estimatedCostUsd: undefined });
    return { admitted: true, ticket };
  }

  async finish(ticket: BillingTicket, settlement: AttemptSettlement): Promise<Cost> {
    return this.finishNow(ticket, settlement);
  }

  finishNow(ticket: BillingTicket, settlement: AttemptSettlement): Cost {
    checkSettlement(settlement);
    const cost = settleAttempt(undefined, settlement, { task: ticket.task, provider: ticket.candidateKey, model: ticket.model }, costWithoutPrice);
    this.#meter.record({ provider: ticket.candidateKey, model: ticket.model, outcome: settlement.outcome, usage: settlement.usage, cost });
    return cost;
  }
}
