/**
 * Loading KB entries from admin-edited YAML (validated, errors point at file:line and key) and from
 * the JSONL format of evaluation sets.
 */
import fs from 'node:fs';
import { isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { KbEntry, KbOverride } from './types';
import { editDistance } from './edit-distance';

export class KbLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbLoadError';
  }
}

const ID_PATTERN = /^[a-z0-9-]+$/;
const nonEmpty = (what: string) => z.string({ error: `expected ${what} (text)` }).trim().min(1, { error: `expected ${what}, got empty text` });

/** The keys an entry may have, in the order the docs list them (also the "expected one of" hint). */
export const KB_ENTRY_KEYS = ['id', 'question', 'similar', 'answer', 'category', 'tags', 'effective_from', 'effective_until', 'overrides'] as const;
export const KB_OVERRIDE_KEYS = ['tags', 'answer'] as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dateField = (key: string) =>
  z.preprocess(
    // A file declaring %YAML 1.1 turns 2026-12-01 into a timestamp (UTC midnight): take its day back.
    // A timestamp with a time of day stays a Date and is rejected: the window is whole days.
    (v) => (v instanceof Date && !Number.isNaN(v.getTime()) && v.toISOString().endsWith('T00:00:00.000Z') ? v.toISOString().slice(0, 10) : v),
    z.string({ error: `expected a date like 2026-12-01 (YYYY-MM-DD, Asia/Shanghai) for ${key}` }).superRefine((v, ctx) => {
      if (!isCalendarDate(v.trim())) ctx.addIssue({ code: 'custom', message: `expected a date like 2026-12-01 (YYYY-MM-DD, Asia/Shanghai), got "${v}"` });
    }),
  );

const tagsSchema = z.record(z.string(), z.string({ error: 'expected tag values as text, e.g. { region: 华东 }' }), { error: 'expected tags like { region: 华东 }' });

const overrideSchema = z.strictObject(
  {
    tags: tagsSchema.refine((t) => Object.keys(t).length > 0, {
      error: "expected at least one tag, e.g. { region: 华南 }; groups without a matching override get the entry's answer",
    }),
    answer: nonEmpty('the answer of the override'),
  },
  { error: 'expected an override like { tags: { region: 华南 }, answer: … }' },
);

const entrySchema = z
  .strictObject(
    {
      id: z.string({ error: 'expected an id like pos-offline' }).regex(ID_PATTERN, { error: 'expected an id of lower-case letters, digits and "-" (e.g. pos-offline)' }),
      question: nonEmpty('the standard question'),
      similar: z.array(nonEmpty('a similar question'), { error: 'expected a list of similar questions, e.g. [收银机没网, POS断网了]' }).default([]),
      answer: nonEmpty('the answer'),
      category: z.string({ error: 'expected a category name (text)' }).optional(),
      tags: tagsSchema.optional(),
      effective_from: dateField('effective_from').optional(),
      effective_until: dateField('effective_until').optional(),
      overrides: z.array(overrideSchema, { error: 'expected a list of overrides, each like { tags: { region: 华南 }, answer: … }' }).optional(),
    },
    { error: 'expected an entry with id, question, similar, answer' },
  )
  .superRefine((e, ctx) => {
    const from = e.effective_from?.trim();
    const until = e.effective_until?.trim();
    if (from && until && from > until) {
      ctx.addIssue({ code: 'custom', path: ['effective_until'], message: `effective_until ${until} is before effective_from ${from}; expected from ≤ until (both days inclusive)` });
    }
  });

const fileSchema = z.strictObject({ entries: z.array(entrySchema, { error: 'expected "entries:" followed by a list of entries' }) }, { error: 'expected a mapping with "entries:" at the top' });

/** Where an entry and its parts are written, for tools that point admins at a line (`kb lint`). */
export interface KbEntrySource {
  file: string;
  /** line of the entry itself (its `- id:` item) */
  line: number;
  /** line of each question: the standard question first, then each similar question in order */
  questionLines: number[];
  answer: KbTextSource;
  effectiveFromLine?: number;
  effectiveUntilLine?: number;
  /** one per override, in order */
  overrides: Array<{ line: number; answer: KbTextSource }>;
}

/** Where a (possibly multi-line) text value is written. */
export interface KbTextSource {
  /** line of the text's first line (for `answer: |` the line after the `|`) */
  line: number;
  /** true when every line of the value is a line of the file (a `|` block), so offsets map to lines */
  literal: boolean;
}

/** The file line of `offset` (a UTF-16 index into the value) of a text written at `src`. */
export function lineInText(src: KbTextSource, text: string, offset: number): number {
  if (!src.literal) return src.line;
  let line = src.line;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export interface LoadedKb {
  entries: KbEntry[];
  /** by entry id */
  sources: Map<string, KbEntrySource>;
}

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

/** "did you mean" for a misspelt or differently cased key (simliar, effectiveFrom, effective-until). */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  const fold = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((k) => fold(k) === fold(key));
  if (same) return same;
  const close = known.map((k) => ({ k, d: editDistance(fold(k), fold(key)) })).filter((c) => c.d <= 2).sort((a, b) => a.d - b.d)[0];
  return close?.k;
}

function unknownKeyMessage(parent: Path, key: string): string {
  // entries[i] → entry keys; entries[i].overrides[j] → override keys; anything else is the top level.
  const known: readonly string[] = parent.length === 2 ? KB_ENTRY_KEYS : parent.length === 4 ? KB_OVERRIDE_KEYS : ['entries'];
  const hint = suggestKey(key, known);
  return `unknown key; expected one of ${known.join(', ')}${hint && hint !== key ? ` (did you mean "${hint}"?)` : ''}`;
}

function textSource(doc: Document, lines: LineCounter, path: Path): KbTextSource {
  const node = doc.getIn(path as unknown[], true);
  const line = lineOf(doc, lines, path);
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    // The loaded answer is trimmed: its first line is the first non-blank line of the block.
    const leadingBlankLines = typeof node.value === 'string' ? (/^\s*/.exec(node.value)?.[0].match(/\n/g)?.length ?? 0) : 0;
    return { line: line + 1 + leadingBlankLines, literal: node.type === 'BLOCK_LITERAL' };
  }
  // A plain or quoted scalar: literal only while it fits on its line.
  return { line, literal: isScalar(node) && typeof node.value === 'string' && !node.value.includes('\n') };
}

function loadYamlFile(file: string): LoadedKb {
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
    // Markdown answers often start with a link or an image, which YAML reads as a list or a tag.
    const markdownStart = /^\s*(?:-\s+)?answer:\s*[[!]/.test(text.split('\n')[line - 1] ?? '');
    const hint = markdownStart ? '; an answer starting with [ or ! must be a block: write "answer: |" and the text on the next lines' : '';
    throw new KbLoadError(`${file}:${line}: YAML syntax error: ${syntax.message.split('\n')[0]}${hint}`);
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      // For an unknown key, point at the key itself rather than at its parent entry.
      const path: Path = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
      const message = issue.code === 'unrecognized_keys' ? unknownKeyMessage(issue.path, issue.keys[0] ?? '') : issue.message;
      return `${file}:${lineOf(doc, lines, path)}: ${keyName(path)}: ${message}`;
    });
    throw new KbLoadError(problems.join('\n'));
  }
  const sources = new Map<string, KbEntrySource>();
  const entries = parsed.data.entries.map((e, i) => {
    const entry: KbEntry = { id: e.id, question: e.question, similar: e.similar, answer: e.answer };
    if (e.category !== undefined) entry.category = e.category;
    if (e.tags !== undefined) entry.tags = e.tags;
    if (e.effective_from !== undefined) entry.effectiveFrom = e.effective_from.trim();
    if (e.effective_until !== undefined) entry.effectiveUntil = e.effective_until.trim();
    if (e.overrides !== undefined) entry.overrides = e.overrides.map((o): KbOverride => ({ tags: o.tags, answer: o.answer }));
    const at = (...rest: PropertyKey[]) => lineOf(doc, lines, ['entries', i, ...rest]);
    const source: KbEntrySource = {
      file,
      line: at(),
      questionLines: [at('question'), ...e.similar.map((_, j) => at('similar', j))],
      answer: textSource(doc, lines, ['entries', i, 'answer']),
      overrides: (e.overrides ?? []).map((_, j) => ({ line: at('overrides', j), answer: textSource(doc, lines, ['entries', i, 'overrides', j, 'answer']) })),
    };
    if (e.effective_from !== undefined) source.effectiveFromLine = at('effective_from');
    if (e.effective_until !== undefined) source.effectiveUntilLine = at('effective_until');
    // Ids are checked for uniqueness across files by the caller; the first definition keeps its place.
    if (!sources.has(e.id)) sources.set(e.id, source);
    return entry;
  });
  return { entries, sources };
}

/** Entries of all files, in order; an id used twice (in one file or across files) is an error. */
export function loadKbYamlFiles(paths: string[]): KbEntry[] {
  return loadKbYamlFilesWithSources(paths).entries;
}

/** Like loadKbYamlFiles, plus where each entry is written (file and lines), for `kb lint`. */
export function loadKbYamlFilesWithSources(paths: string[]): LoadedKb {
  const all: KbEntry[] = [];
  const sources = new Map<string, KbEntrySource>();
  const firstSeen = new Map<string, string>();
  for (const file of paths) {
    const loaded = loadYamlFile(file);
    for (const entry of loaded.entries) {
      const prev = firstSeen.get(entry.id);
      if (prev !== undefined) throw new KbLoadError(`${file}: id "${entry.id}" is already used in ${prev}; expected every entry id to be unique`);
      firstSeen.set(entry.id, file);
      all.push(entry);
      sources.set(entry.id, loaded.sources.get(entry.id)!);
    }
  }
  return { entries: all, sources };
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
