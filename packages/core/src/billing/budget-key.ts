import { windowKey } from './time-window.js';
import type { BudgetLimit } from './budget-limit.js';

/** The store key and identity of one budget: its name, or its scope, window and limit. */
export function budgetKey(budget: BudgetLimit): string {
  return budget.name !== undefined ? `name:${budget.name}` : `${budget.provider ?? '*'}:${windowKey(budget.window)}:${budget.limitUsd}`;
}
