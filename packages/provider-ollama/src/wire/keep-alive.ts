import type { z } from 'zod';
import { lazySchema, schemaOnFirstUse } from '@switchyard/core';

// Go's time.ParseDuration syntax, which Ollama uses for string keep-alives ("5m", "1h30m", "0").
export const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

/** A keep-alive as callers give it: a Go duration string, or a number of seconds (negative: forever). Built on first use. */
export const keepAliveSchema = schemaOnFirstUse(lazySchema((z) =>
  z.union(
    [
      z.number().finite(),
      z
        .string()
        .regex(GO_DURATION, 'keep-alive must be a duration such as "5m", "1h30m" or "0" (unload at once), or a number of seconds'),
    ],
    { error: 'keep-alive must be a duration string such as "5m" or a number of seconds (-1 keeps the model loaded)' },
  ),
));

/** A keep-alive as callers give it. */
export type KeepAlive = z.infer<typeof keepAliveSchema>;

/** A keep-alive `keepAliveSchema` accepts: a finite number, or a Go duration string. */
export function isKeepAlive(value: unknown): value is KeepAlive {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && GO_DURATION.test(value));
}

/**
 * The wire form of a keep-alive: always a duration string. Ollama accepts numbers of seconds on
 * `/api/chat` and `/api/generate`, but openapi.yaml types `/api/embed`'s `keep_alive` as a string
 * only, so one string form serves every endpoint (`-1` becomes `"-1s"`: negative means forever).
 */
export function keepAliveToWire(keepAlive: KeepAlive): string {
  return typeof keepAlive === 'number' ? `${keepAlive}s` : keepAlive;
}
