import { expect, it } from 'vitest';
import { runConcurrently } from './run-concurrently.mjs';

it('makes exactly `count` calls with never more than `concurrency` in flight', async () => {
  let inFlight = 0;
  let most = 0;
  let calls = 0;
  await runConcurrently(50, 8, async () => {
    calls++;
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
  });
  expect(calls).toBe(50);
  expect(most).toBe(8);
});

it('rejects with the first failure', async () => {
  await expect(runConcurrently(5, 2, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
});
