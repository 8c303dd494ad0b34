import type { ZodType } from 'zod';
import { loadZod, type ZodModule } from './load-zod.js';

/** A schema built on first use: call it to get the schema. See {@link lazySchema}. */
export type SchemaGetter<S = ZodType> = () => S;

/**
 * A zod schema built the first time it is needed, with zod loaded then ({@link loadZod}): the
 * builder receives zod as `z`, so a module-level `z.object(…)` becomes `lazySchema((z) => z.object(…))`.
 * Building schemas at import was 40–50 ms of core's cold import on top of zod's own import. The
 * builder may also return several schemas at once (an object of them) when they share parts.
 */
export function lazySchema<S>(build: (z: ZodModule) => S): SchemaGetter<S> {
  let schema: S | undefined;
  return () => (schema ??= build(loadZod()));
}

/**
 * A stand-in for an exported schema: it behaves as the schema (`parse`, `safeParse`, `extend`,
 * nesting in another schema, `instanceof z.ZodType`), which is built, and zod loaded, on the first
 * property read. Exports stay schemas for callers; the library's own checks use the getter.
 */
export function schemaOnFirstUse<S extends ZodType>(get: SchemaGetter<S>): S {
  return new Proxy({} as S, {
    get: (_target, key) => Reflect.get(get(), key),
    set: (_target, key, value) => Reflect.set(get(), key, value),
    has: (_target, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    // zod defines `_zod` non-configurable; a proxy may only report a non-configurable property its
    // own target has, so descriptors are reported configurable (they stay read as the schema's).
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(get(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(get(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
