// Which clients a run measures, and which of them Switchyard's targets compare it with: the
// diagnostic layer clients are measured only when named, and are never a peer.
import { describe, expect, it } from 'vitest';
import { parseBenchArguments } from './bench-profiles.mjs';
import { CLIENTS, COMPARED_CLIENTS } from './client-adapter.mjs';
import { checkTargets } from './issue-targets.mjs';

describe('parseBenchArguments', () => {
  it('measures every compared client by default, and no diagnostic one', () => {
    const { clients } = parseBenchArguments([]);
    expect(clients).toEqual(['undici', 'switchyard', 'openai', 'ai-sdk', 'huggingface', 'ollama']);
    expect(COMPARED_CLIENTS.map((client) => client.name)).toEqual(clients);
    expect(CLIENTS.filter((client) => client.diagnostic).map((client) => client.name)).toEqual(['switchyard-baseline', 'switchyard-provider', 'switchyard-transport']);
  });

  it('measures a named layer client, in table order, with the yardstick', () => {
    const { clients } = parseBenchArguments(['--quick', '--clients', 'switchyard-transport,switchyard,switchyard-provider']);
    expect(clients).toEqual(['undici', 'switchyard', 'switchyard-provider', 'switchyard-transport']);
  });

  it('refuses an unknown client, naming the known ones', () => {
    expect(() => parseBenchArguments(['--clients', 'switchyard-router'])).toThrow(/--clients takes names from: .*switchyard-transport/);
  });
});

/** @param {number} value @returns {import('./summarize-results.mjs').Figure} */
const figure = (value) => ({ value, ratio: 1 });

/** @param {number} coldStartMs @returns {import('./summarize-results.mjs').ClientSummary} */
function summary(coldStartMs) {
  return {
    chat: { cpuMicros: figure(1), p50Ms: figure(1), p99Ms: figure(1) },
    concurrent: { requestsPerSecond: figure(1), cpuMicros: figure(1) },
    stream: { cpuMicros: figure(1), firstDeltaMs: figure(1) },
    embed: { cpuMicros: figure(1), p50Ms: figure(1), p99Ms: figure(1) },
    memory: { heapGrowthMegabytes: figure(0.5), peakRssMegabytes: figure(100), requests: 2000 },
    coldStart: { sinceProcessStartMs: figure(coldStartMs), importAndFirstCallMs: figure(coldStartMs / 2), cpuMs: figure(coldStartMs) },
  };
}

describe('checkTargets', () => {
  it('compares cold start with the fastest peer, never with one of Switchyard’s own layers', () => {
    const checks = checkTargets({ undici: summary(250), switchyard: summary(210), 'switchyard-transport': summary(150), ollama: summary(200) });
    const coldStart = checks.find((check) => check.target.startsWith('cold start'));
    expect(coldStart).toEqual({ target: 'cold start no slower than the fastest peer', measured: '210 ms vs ollama-js 200 ms', met: false });
  });
});
