/** Minimal file patterns for config-relative paths: `kb/*.yaml`, `kb/faq.yaml`. (Node 20 has no fs.glob.) */
import fs from 'node:fs';
import path from 'node:path';

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/** Expands patterns (wildcards allowed in the file name only) relative to `baseDir`, sorted, unique. */
export function expandFilePatterns(baseDir: string, patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const abs = path.resolve(baseDir, pattern);
    const name = path.basename(abs);
    if (!/[*?]/.test(name)) {
      out.add(abs);
      continue;
    }
    const dir = path.dirname(abs);
    const re = wildcardToRegExp(name);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      names = [];
    }
    for (const n of names.sort()) if (re.test(n)) out.add(path.join(dir, n));
  }
  return [...out];
}
