/** A tab-separated file with a header row, as records keyed by column name (blank lines skipped). */
import fs from 'node:fs';

export function readTsv(file: string): Array<Record<string, string>> {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const cols = (header ?? '').split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i] ?? String(i), v])));
}
