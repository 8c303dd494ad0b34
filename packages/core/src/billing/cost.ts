/** How a price is charged. */
export type Pricing =
  | {
      type: 'per-token';
      /** USD per million input tokens. */
      inputPerMillion: number;
      /** USD per million output tokens. */
      outputPerMillion: number;
      /** USD per million cached input tokens, when the provider discounts them. */
      cachedInputPerMillion?: number;
    }
  | { type: 'per-request'; perRequest: number }
  | { type: 'compute-time'; perSecond: number }
  | {
      type: 'subscription';
      /** Fixed USD per month, not attributed to single calls. */
      monthlyFee: number;
      /** Requests included per month before overage applies. */
      includedRequests?: number;
      /** Tokens (input + output) included per month before overage applies. */
      includedTokens?: number;
      /** What a call costs once the included quota is used up. */
      overage: Exclude<Pricing, { type: 'subscription' }>;
    };

/** The basis a cost was computed on. */
export type CostBasis = Pricing['type'] | 'reported';

/**
 * The cost of one call. Never a silent zero: when no price is known the amount is `undefined`
 * and `basis` is `'unknown'` with the reason.
 */
export type Cost =
  | { amount: number; currency: 'USD'; basis: CostBasis }
  | { amount: undefined; currency: 'USD'; basis: 'unknown'; reason: string }
  /**
   * A failed attempt the provider does not charge for: the request never left the client (refused
   * connection, client-side budget or quota), or the server rejected it with an error status and
   * reported no usage. `reason` says which.
   */
  | { amount: 0; currency: 'USD'; basis: 'not-billed'; reason: string };
