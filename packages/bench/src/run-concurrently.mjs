// @ts-check

/**
 * Makes `count` calls with at most `concurrency` in flight: that many lanes, each starting the next
 * call as soon as its previous one settles (a rejection ends the run).
 * @param {number} count
 * @param {number} concurrency
 * @param {() => Promise<void>} call
 */
export async function runConcurrently(count, concurrency, call) {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
