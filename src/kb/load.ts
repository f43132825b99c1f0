/**
 * Loading KB entries from admin-edited YAML (validated, errors point at file:line and key) and from
 * the JSONL format of evaluation sets.
 */
import fs from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { KbEntry } from './types';

export class KbLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbLoadError';
  }
}

const ID_PATTERN = /^[a-z0-9-]+$/;
const nonEmpty = (what: string) => z.string({ error: `expected ${what} (text)` }).trim().min(1, { error: `expected ${what}, got empty text` });

const entrySchema = z.strictObject(
  {
    id: z.string({ error: 'expected an id like pos-offline' }).regex(ID_PATTERN, { error: 'expected an id of lower-case letters, digits and "-" (e.g. pos-offline)' }),
    question: nonEmpty('the standard question'),
    similar: z.array(nonEmpty('a similar question'), { error: 'expected a list of similar questions, e.g. [收银机没网, POS断网了]' }).default([]),
    answer: nonEmpty('the answer'),
    category: z.string({ error: 'expected a category name (text)' }).optional(),
    tags: z.record(z.string(), z.string({ error: 'expected tag values as text, e.g. { region: 华东 }' }), { error: 'expected tags like { region: 华东 }' }).optional(),
  },
  { error: 'expected an entry with id, question, similar, answer' },
);

const fileSchema = z.strictObject({ entries: z.array(entrySchema, { error: 'expected "entries:" followed by a list of entries' }) }, { error: 'expected a mapping with "entries:" at the top' });

type Path = ReadonlyArray<PropertyKey>;

/** 1-based line of the YAML node at `path`, or of its nearest existing ancestor. */
function lineOf(doc: Document, lines: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function keyName(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';
}

function loadYamlFile(file: string): KbEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new KbLoadError(`${file}: cannot read knowledge-base file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? lines.linePos(syntax.pos[0]).line;
    throw new KbLoadError(`${file}:${line}: YAML syntax error: ${syntax.message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      // For an unknown key, point at the key itself rather than at its parent entry.
      const path: Path = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
      const message = issue.code === 'unrecognized_keys' ? `unknown key; expected one of id, question, similar, answer, category, tags` : issue.message;
      return `${file}:${lineOf(doc, lines, path)}: ${keyName(path)}: ${message}`;
    });
    throw new KbLoadError(problems.join('\n'));
  }
  return parsed.data.entries.map((e) => {
    const entry: KbEntry = { id: e.id, question: e.question, similar: e.similar, answer: e.answer };
    if (e.category !== undefined) entry.category = e.category;
    if (e.tags !== undefined) entry.tags = e.tags;
    return entry;
  });
}

/** Entries of all files, in order; an id used twice (in one file or across files) is an error. */
export function loadKbYamlFiles(paths: string[]): KbEntry[] {
  const all: KbEntry[] = [];
  const firstSeen = new Map<string, string>();
  for (const file of paths) {
    for (const entry of loadYamlFile(file)) {
      const prev = firstSeen.get(entry.id);
      if (prev !== undefined) throw new KbLoadError(`${file}: id "${entry.id}" is already used in ${prev}; expected every entry id to be unique`);
      firstSeen.set(entry.id, file);
      all.push(entry);
    }
  }
  return all;
}

const jsonlLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  similar: z.array(z.string()).default([]),
  answer: z.string().optional(),
  category: z.string().optional(),
});

/** Lines {"id","question","similar":[],"answer"?}; blank lines are skipped. */
export function loadKbJsonl(path: string): KbEntry[] {
  const entries: KbEntry[] = [];
  fs.readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (err) {
        throw new KbLoadError(`${path}:${i + 1}: not valid JSON (${(err as Error).message})`);
      }
      const parsed = jsonlLineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new KbLoadError(`${path}:${i + 1}: ${keyName(issue.path) }: ${issue.message}; expected {"id","question","similar":[],"answer"?}`);
      }
      const e = parsed.data;
      entries.push({ id: e.id, question: e.question, similar: e.similar, answer: e.answer ?? '', ...(e.category ? { category: e.category } : {}) });
    });
  return entries;
}
