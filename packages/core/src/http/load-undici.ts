/** The undici module's namespace. */
export type Undici = typeof import('undici');

let loaded: Undici | undefined;
let loading: Promise<Undici> | undefined;

/**
 * undici on first use: importing it costs about 100 ms, which a CLI that never makes a request (or
 * a test that only builds requests) should not pay. Later calls return the cached module.
 */
export function loadUndici(): Promise<Undici> | Undici {
  if (loaded) return loaded;
  loading ??= import('undici').then((module) => (loaded = module));
  return loading;
}
