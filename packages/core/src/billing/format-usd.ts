/** Dollars for messages: cents for amounts of a dollar or more, four decimals below (`$0.0042`). */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(Math.abs(amount) >= 1 || amount === 0 ? 2 : 4)}`;
}
