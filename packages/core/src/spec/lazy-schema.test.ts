import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z as callerZod } from 'zod';
import { lazySchema, schemaOnFirstUse } from './lazy-schema.js';
import { loadZod } from './load-zod.js';
import { chatRequestSchema, getChatRequestSchema } from './schemas.js';

describe('lazySchema', () => {
  it('builds its schema once, on the first call, with zod passed in', () => {
    let builds = 0;
    const schema = lazySchema((z) => {
      builds += 1;
      return z.object({ n: z.number() });
    });
    expect(builds).toBe(0);
    expect(schema()).toBe(schema());
    expect(builds).toBe(1);
    expect(schema().parse({ n: 1, extra: true })).toEqual({ n: 1 });
  });

  it('loads zod synchronously, once, as a CommonJS module', () => {
    expect(loadZod()).toBe(loadZod());
    const cached = Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/]zod[\\/]/.test(path));
    expect(cached.length).toBeGreaterThan(0);
  });
});

describe('schemaOnFirstUse: the exported schemas stay schemas', () => {
  it('parses, reports issues and nests like the schema it stands for', () => {
    const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    expect(chatRequestSchema.parse(request)).toEqual(getChatRequestSchema().parse(request));
    const bad = chatRequestSchema.safeParse({ model: '', messages: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual(getChatRequestSchema().safeParse({ model: '', messages: [] }).error?.issues.map((issue) => issue.message));
    // A caller's own (ESM) zod: nesting, extending and instanceof work across the two instances.
    const wrapped = callerZod.object({ request: chatRequestSchema });
    expect(wrapped.safeParse({ request }).success).toBe(true);
    expect(wrapped.safeParse({ request: { model: 1 } }).success).toBe(false);
    expect(chatRequestSchema.extend({ trace: callerZod.string() }).safeParse({ ...request, trace: 1 }).success).toBe(false);
    expect(chatRequestSchema instanceof callerZod.ZodType).toBe(true);
    expect('safeParse' in chatRequestSchema).toBe(true);
    expect(Object.keys(chatRequestSchema)).toEqual(Object.keys(getChatRequestSchema()));
  });

  it('builds nothing until a property is read', () => {
    let builds = 0;
    const schema = schemaOnFirstUse(
      lazySchema((z) => {
        builds += 1;
        return z.string();
      }),
    );
    expect(builds).toBe(0);
    expect(schema.parse('x')).toBe('x');
    expect(builds).toBe(1);
  });
});
