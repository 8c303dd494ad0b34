// Mirrors packages/core/README.md, section "Billing" (pricing models, the meter, budgets, quotas and
// the Billing facade examples).
import { Billing, BudgetGuard, Meter, QuotaLimiter, estimateUsage, priceCall } from '@switchyard/core/billing';

priceCall({ type: 'per-token', inputPerMillion: 0.15, outputPerMillion: 0.6 }, { inputTokens: 1000, outputTokens: 500 }, { task: 'chat' });
priceCall({ type: 'compute-time', perSecond: 0.0012 }, { inputTokens: 12 }, { task: 'text-to-image' });
const plan = { type: 'subscription', monthlyFee: 9, includedRequests: 1000, overage: { type: 'per-request', perRequest: 0.002 } } as const;
priceCall(plan, {}, { task: 'chat', subscriptionState: { requestsUsed: 999, tokensUsed: 0 } });
priceCall(plan, {}, { task: 'chat', subscriptionState: { requestsUsed: 1000, tokensUsed: 0 } });

const meter = new Meter();
meter.record({ provider: 'groq', model: 'llama-3.1-8b-instant', outcome: 'success', usage: { inputTokens: 12, outputTokens: 40 }, cost: { amount: 0.00004, currency: 'USD', basis: 'per-token' } });
meter.snapshot().providers.groq?.models['llama-3.1-8b-instant'];

const guard = new BudgetGuard({
  budgets: [{ limitUsd: 5, window: 'day' }, { limitUsd: 1, window: 'hour', provider: 'openai' }],
  onEvent: (event) => console.warn(event.type, event.budget, event.spentUsd),
});
const reservation = await guard.reserve('openai', 0.002);
await guard.settle(reservation, 0.0017);
await guard.release(reservation);

const quotas = new QuotaLimiter({ limits: { groq: { requestsPerMinute: 30, tokensPerMinute: 6000 } } });
const quotaAnswer = await quotas.tryAcquire('groq', { tokens: 900 });
if (!quotaAnswer.ok) console.log(quotaAnswer.reason, quotaAnswer.freesAt);
const lease = await quotas.acquire('groq', { tokens: 900, deadline: Date.now() + 30_000, signal: AbortSignal.timeout(30_000) });
await quotas.settle(lease, 640);

const billing = new Billing({
  pricing: { groq: { type: 'per-token', inputPerMillion: 0.05, outputPerMillion: 0.08 } },
  budget: { limitUsd: 5, window: 'day' },
  quotas: { groq: { requestsPerMinute: 30 } },
});
const request = { model: 'llama-3.1-8b-instant', messages: [{ role: 'user' as const, content: 'Hello' }], maxTokens: 100 };
const candidate = { key: 'groq', provider: { id: 'groq' }, model: 'llama-3.1-8b-instant' };
const admission = await billing.admit(candidate, { task: 'chat', estimate: estimateUsage('chat', request) });
if (admission.admitted) {
  const cost = await billing.finish(admission.ticket, { outcome: 'success', usage: { inputTokens: 9, outputTokens: 12 } });
  console.log(cost, billing.usage().totals);
}
