import { describe, expect, it } from 'vitest';
import { WARM_UP_RULES, WARM_UP_WINDOW, describeWarmUp, hasSettled, warmUp, warmUpState } from './warm-up.mjs';

const rule = { callsPerRound: 100, minCalls: 600, maxCalls: 3_000 };

describe('hasSettled', () => {
  it('needs two full windows before it can tell', () => {
    expect(hasSettled([])).toBe(false);
    expect(hasSettled([100, 100, 100, 100, 100])).toBe(false);
    expect(hasSettled([100, 100, 100, 100, 100, 100])).toBe(true);
  });

  it('is false while the last window is more than 10% below the one before', () => {
    // medians 200 then 170: 15% lower, still falling
    expect(hasSettled([200, 210, 190, 170, 160, 180])).toBe(false);
    // medians 200 then 181: within 10%
    expect(hasSettled([200, 210, 190, 181, 175, 190])).toBe(true);
  });

  it('compares medians, so one disturbed round in a window does not decide', () => {
    // a neighbour's burst in the older window (900) would make a mean fall by far more than 10%
    expect(hasSettled([100, 900, 100, 100, 95, 98])).toBe(true);
    // and one in the last window a mean rise
    expect(hasSettled([100, 100, 100, 100, 900, 98])).toBe(true);
    // one quick round in the last window does not make a flat series look like it is still falling
    expect(hasSettled([100, 100, 100, 40, 100, 100])).toBe(true);
  });

  it('is false after a rise of more than 10%: a disturbed window says nothing about the client', () => {
    expect(hasSettled([100, 100, 100, 300, 280, 310])).toBe(false);
    expect(hasSettled([100, 100, 100, 109, 110, 108])).toBe(true);
  });

  it('looks only at the last two windows', () => {
    expect(hasSettled([1_000, 900, 800, 120, 118, 121, 119, 120, 118])).toBe(true);
    expect(hasSettled([120, 118, 121, 119, 120, 118, 60, 58, 61])).toBe(false);
  });
});

describe('warmUpState', () => {
  const flat = [100, 100, 100, 100, 100, 100];
  const falling = [600, 500, 400, 300, 200, 100];

  it('is warming below the floor, however flat the rounds', () => {
    expect(warmUpState([flat], 599, rule)).toBe('warming');
    expect(warmUpState([flat], 600, rule)).toBe('steady');
  });

  it('needs every series flat (CPU and latency)', () => {
    expect(warmUpState([flat, falling], 1_000, rule)).toBe('warming');
    expect(warmUpState([falling, flat], 1_000, rule)).toBe('warming');
    expect(warmUpState([flat, flat], 1_000, rule)).toBe('steady');
  });

  it('stops at the cap while still falling, and says so', () => {
    expect(warmUpState([falling], 2_999, rule)).toBe('warming');
    expect(warmUpState([falling], 3_000, rule)).toBe('capped');
    expect(warmUpState([flat], 3_000, rule)).toBe('steady');
  });

  it('has, for every workload, a floor of at least two windows and below its cap', () => {
    for (const { callsPerRound, minCalls, maxCalls } of Object.values(WARM_UP_RULES)) {
      expect(minCalls).toBeGreaterThanOrEqual(2 * WARM_UP_WINDOW * callsPerRound);
      expect(minCalls).toBeLessThan(maxCalls);
    }
  });
});

describe('warmUp', () => {
  /**
   * Sides whose CPU per call falls by a fixed factor every round until a floor value: `slow` keeps
   * falling for longer than `quick`.
   * @param {Record<string, { start: number, floor: number }>} models
   */
  function simulated(models) {
    /** @type {string[]} */
    const calls = [];
    /** @type {Record<string, number>} */
    const rounds = {};
    /** @param {string} name @param {number} count */
    const runRound = async (name, count) => {
      calls.push(name);
      const model = /** @type {{ start: number, floor: number }} */ (models[name]);
      const round = (rounds[name] = (rounds[name] ?? 0) + 1);
      const perCall = Math.max(model.floor, model.start * 0.7 ** (round - 1));
      return { count, cpuMicros: perCall * count };
    };
    return { runRound, calls };
  }

  it('runs each side until its own CPU per call stops falling, past the floor', async () => {
    const { runRound } = simulated({ quick: { start: 200, floor: 100 }, slow: { start: 3_000, floor: 100 } });
    const results = await warmUp(['quick', 'slow'], runRound, rule);
    const quick = /** @type {import('./warm-up.mjs').WarmUpResult} */ (results.quick);
    const slow = /** @type {import('./warm-up.mjs').WarmUpResult} */ (results.slow);
    // quick costs 200, 140, then 100 from round 3 on: past the floor (600 calls) at round 6, but
    // rounds 2–4 (median 100) against 5–7 only at round 7
    expect(quick.state).toBe('steady');
    expect(quick.rounds).toBe(7);
    expect(quick.calls).toBe(700);
    // slow reaches its floor value at round 11 (3000 × 0.7^10 < 100); rounds 10–12 still have a
    // 121 in the window before, so the windows are level at round 15
    expect(slow.state).toBe('steady');
    expect(slow.rounds).toBe(15);
    expect(slow.cpuPerCall.at(-1)).toBe(100);
    expect(slow.cpuPerCall[0]).toBe(3_000);
    expect(slow.cpuMicros).toBeCloseTo(slow.cpuPerCall.reduce((sum, value) => sum + value * 100, 0), 6);
  });

  it('interleaves the sides, rotating which goes first, and keeps a steady side running, uncounted, until all are done', async () => {
    const { runRound, calls } = simulated({ a: { start: 100, floor: 100 }, b: { start: 100, floor: 100 }, c: { start: 5_000, floor: 100 } });
    const results = await warmUp(['a', 'b', 'c'], runRound, rule);
    expect(calls.slice(0, 9)).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    // a and b settle at their sixth round but keep running as long as c warms up: none sits idle
    expect(results.a?.rounds).toBe(6);
    expect(results.b?.rounds).toBe(6);
    expect(results.a?.calls).toBe(600);
    expect(results.a?.cpuPerCall).toHaveLength(6);
    const cRounds = /** @type {number} */ (results.c?.rounds);
    expect(cRounds).toBeGreaterThan(6);
    expect(calls.filter((name) => name === 'c')).toHaveLength(cRounds);
    // the last pass is the one that settled c: every side ran in every pass
    for (const name of ['a', 'b']) expect(calls.filter((called) => called === name)).toHaveLength(cRounds);
  });

  it('stops a side that never settles at the cap and reports it capped', async () => {
    const { runRound } = simulated({ never: { start: 1e9, floor: 0 } });
    const results = await warmUp(['never'], runRound, { ...rule, callsPerRound: 500 });
    expect(results.never).toMatchObject({ state: 'capped', rounds: 6, calls: 3_000 });
  });

  it('waits for the latency series too when rounds report one', async () => {
    let round = 0;
    // CPU flat from the start, so only the latency series keeps it warming
    const results = await warmUp(['x'], async () => ({ count: 100, cpuMicros: 10_000, latencyMs: Math.max(1, 256 / 2 ** round++) }), rule);
    expect(results.x?.state).toBe('steady');
    // latency 256, 128, … 2, then 1 from round 9: rounds 8–10 are the first window with median 1, matched by 11–13
    expect(results.x?.rounds).toBe(13);
    expect(results.x?.latencyMs).toHaveLength(13);
  });

  it('describes a result in one line', () => {
    const line = describeWarmUp('undici', { state: 'steady', rounds: 6, calls: 600, cpuMicros: 120_000, cpuPerCall: [400, 200, 100, 100, 100, 100], latencyMs: [] });
    expect(line).toBe('undici: steady after 600 calls in 6 rounds, 120 ms CPU (400 → 100 µs/call)');
  });
});
