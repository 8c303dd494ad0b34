// Types of packages/bench/src/warm-up.mjs for this TypeScript benchmark: this package typechecks
// without allowJs, so it cannot read that module's JSDoc. Keep in step with it (the module itself
// is typechecked and unit-tested in packages/bench; a declaration next to it would hide it from
// that check).

/** One workload's warm-up, in calls of that workload, the same for every client. */
export interface WarmUpRule {
  callsPerRound: number;
  minCalls: number;
  maxCalls: number;
}
export type WarmUpState = 'warming' | 'steady' | 'capped';
/** What one warm-up round of one side did. */
export interface WarmUpRound {
  count: number;
  cpuMicros: number;
  latencyMs?: number;
}
export interface WarmUpResult {
  state: WarmUpState;
  rounds: number;
  calls: number;
  cpuMicros: number;
  cpuPerCall: number[];
  latencyMs: number[];
}
export const WARM_UP_WINDOW: number;
export const WARM_UP_TOLERANCE: number;
export const WARM_UP_RULES: { chat: WarmUpRule; concurrent: WarmUpRule; stream: WarmUpRule; streamOnly: WarmUpRule; embed: WarmUpRule };
export function hasSettled(values: readonly number[]): boolean;
export function warmUpState(series: readonly (readonly number[])[], calls: number, rule: WarmUpRule): WarmUpState;
export function warmUp(names: readonly string[], runRound: (name: string, count: number) => Promise<WarmUpRound>, rule: WarmUpRule): Promise<Record<string, WarmUpResult>>;
export function describeWarmUp(name: string, result: WarmUpResult): string;
