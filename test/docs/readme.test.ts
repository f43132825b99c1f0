/** Every config key in the zod schema is documented in README's table, and nothing stale is. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configSchema } from '../../src/config/schema';

function keysOf(schema: z.ZodType, prefix: string, out: Set<string>): void {
  const def = (schema as unknown as { def: { type: string } }).def;
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return keysOf((def as unknown as { innerType: z.ZodType }).innerType, prefix, out);
    case 'array':
      return keysOf((def as unknown as { element: z.ZodType }).element, `${prefix}[]`, out);
    case 'union':
      for (const o of (def as unknown as { options: z.ZodType[] }).options) keysOf(o, prefix, out);
      return;
    case 'object': {
      const shape = (schema as unknown as z.ZodObject).shape;
      for (const [k, v] of Object.entries(shape)) {
        const key = prefix ? `${prefix}.${k}` : k;
        const inner = v as z.ZodType;
        const innerType = unwrap(inner);
        if (innerType === 'object' || innerType === 'array-of-object' || innerType === 'union') keysOf(inner, key, out);
        else out.add(key);
      }
      return;
    }
    default:
      out.add(prefix);
  }
}

function unwrap(s: z.ZodType): string {
  let cur = s as unknown as { def: { type: string; innerType?: unknown; element?: unknown } };
  while (['default', 'optional', 'nullable'].includes(cur.def.type)) cur = cur.def.innerType as typeof cur;
  if (cur.def.type === 'array') {
    const el = cur.def.element as typeof cur;
    return el.def.type === 'object' || el.def.type === 'union' ? 'array-of-object' : 'array';
  }
  return cur.def.type;
}

describe('README', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const table = readme.split('<!-- CONFIG-KEYS -->')[1]?.split('<!-- /CONFIG-KEYS -->')[0] ?? '';
  const documented = new Set([...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string));

  it('documents every config key of the schema', () => {
    const keys = new Set<string>();
    keysOf(configSchema, '', keys);
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys].filter((k) => !documented.has(k));
    const stale = [...documented].filter((k) => !keys.has(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('starts with the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
