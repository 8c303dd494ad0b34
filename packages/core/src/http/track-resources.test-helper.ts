import { createHook } from 'node:async_hooks';

/**
 * Watches the sockets (client and server side) and the transport's own deadline timers created
 * while a test runs, so the test can assert that every one of them was closed or cleared at the
 * end. `process.getActiveResourcesInfo()` cannot do this: it ignores unref'd handles, and the
 * transport's timers and undici's idle sockets are unref'd.
 */
export function trackResources(): { open(): string[]; settle(timeoutMs?: number): Promise<string[]>; stop(): void } {
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'TCPWRAP' || type === 'TCPCONNECTWRAP') live.set(asyncId, type);
      // Only the transport's timers: undici keeps one shared timer of its own for its fast timeouts.
      else if (type === 'Timeout' && /request-lifecycle/.test(new Error().stack ?? '')) live.set(asyncId, 'transport timer');
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  hook.enable();
  const open = () => [...live.values()];
  return {
    open,
    /** Waits (a little) for closes in flight, then returns what is still open. */
    async settle(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (live.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      return open();
    },
    stop: () => hook.disable(),
  };
}
