/**
 * `qunzhu kb search` (inspect how the engine ranks a question), `qunzhu kb eval` (measure the
 * engine on a labelled query set) and `qunzhu kb lint` (problems in the KB files). All build the KB
 * exactly as the service does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { expandFilePatterns } from '../config/files';
import { evaluate, formatEvalReport, readLabelledQueries } from '../kb/eval';
import { fitModel } from '../kb/fit';
import { KnowledgeBase } from '../kb/knowledge-base';
import { DEFAULT_BANDS } from '../kb/model';
import { formatLintReport, lintExitCode, lintKb, lintReportJson, NEAR_DUPLICATE_MARGIN, type LintGroup } from '../kb/lint';
import { loadKbJsonl, loadKbYamlFiles, loadKbYamlFilesWithSources, type KbEntrySource } from '../kb/load';
import type { SynonymGroup } from '../kb/synonyms';
import type { KbEntry } from '../kb/types';
import { classifySchema, kbConfigSchema } from '../config/schema';
import { BUILTIN_RULES, compileClassifierRules, type ClassifierRules } from '../pipeline/rules';

export const DEFAULT_THRESHOLDS = DEFAULT_BANDS;
const DEFAULT_KB_FILES = ['kb/*.yaml'];
const MAIN_CONFIG_FILE = 'qunzhu.yaml';

interface Thresholds {
  answerThreshold: number;
  clarifyThreshold: number;
}

export class UsageError extends Error {}

/** Entries of an explicit KB: a JSONL file (eval sets), a YAML file, or a directory of YAML files. */
export function loadKbFile(file: string): KbEntry[] {
  const files = explicitKbFiles(file);
  return files.length === 1 && file.endsWith('.jsonl') ? loadKbJsonl(file) : loadKbYamlFiles(files);
}

/** The files behind an explicit --kb: the file itself, or a directory's *.yaml files. */
function explicitKbFiles(file: string): string[] {
  if (!fs.existsSync(file)) throw new UsageError(`KB file not found: ${file}`);
  if (!fs.statSync(file).isDirectory()) return [file];
  const files = expandFilePatterns(file, ['*.yaml', '*.yml']).filter((f) => fs.existsSync(f));
  if (!files.length) throw new UsageError(`no *.yaml knowledge-base files in ${file}`);
  return files;
}

function readObject(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * KB files and thresholds from the main config, read directly (not via the config loader, which
 * also validates bots, secrets and Redis settings the KB commands do not need).
 */
export interface ConfigKb {
  entries: KbEntry[];
  thresholds: Thresholds;
  source: string;
  /** kb.synonyms, so the commands match as the service does */
  synonyms: SynonymGroup[];
  /** the classifier's rules with the config's `classify` section */
  rules: ClassifierRules;
}

/** What an explicit --kb file gets: no config, so built-in synonyms, rules and the fitted bands. */
export function kbFromFile(file: string): ConfigKb {
  return { entries: loadKbFile(file), thresholds: DEFAULT_THRESHOLDS, source: file, synonyms: [], rules: BUILTIN_RULES };
}

/** conversation.handoffPhrases when the config sets a valid list (else the defaults). */
function handoffPhrasesOf(doc: unknown): string[] | undefined {
  const phrases = readObject(readObject(doc, 'conversation'), 'handoffPhrases');
  return Array.isArray(phrases) && phrases.length && phrases.every((p) => typeof p === 'string' && p) ? (phrases as string[]) : undefined;
}

export function kbFromConfig(configArg: string | undefined): ConfigKb {
  const main = mainConfigOf(configArg);
  const kbFiles = configKbFiles(main);
  const kbSection = readObject(main.doc, 'kb');
  const answer = readObject(kbSection, 'answerThreshold');
  const clarify = readObject(kbSection, 'clarifyThreshold');
  const synonyms = kbConfigSchema.shape.synonyms.safeParse(readObject(kbSection, 'synonyms') ?? []);
  if (!synonyms.success) throw new UsageError(`${main.mainFile}: kb.synonyms is invalid (${synonyms.error.issues[0]?.message}); run \`qunzhu config check\` for details`);
  const classify = classifySchema.safeParse(readObject(main.doc, 'classify') ?? {});
  if (!classify.success) {
    const issue = classify.error.issues[0];
    throw new UsageError(`${main.mainFile}: classify.${issue?.path.join('.')} is invalid (${issue?.message}); run \`qunzhu config check\` for details`);
  }
  return {
    entries: loadKbYamlFiles(kbFiles),
    thresholds: {
      answerThreshold: typeof answer === 'number' ? answer : DEFAULT_THRESHOLDS.answerThreshold,
      clarifyThreshold: typeof clarify === 'number' ? clarify : DEFAULT_THRESHOLDS.clarifyThreshold,
    },
    source: kbFiles.map((f) => path.relative(process.cwd(), f)).join(', '),
    synonyms: synonyms.data as unknown as SynonymGroup[],
    rules: compileClassifierRules(classify.data, handoffPhrasesOf(main.doc)),
  };
}

/**
 * The main config's location and parsed YAML (undefined if missing or broken: that is
 * `config check`'s business; the KB commands fall back to defaults).
 */
function mainConfigOf(configArg: string | undefined): { dir: string; mainFile: string; doc: unknown } {
  const location = path.resolve(configArg ?? process.env.QUNZHU_CONFIG ?? 'config');
  const isFile = fs.existsSync(location) && fs.statSync(location).isFile();
  const dir = isFile ? path.dirname(location) : location;
  const mainFile = isFile ? location : path.join(dir, MAIN_CONFIG_FILE);
  let doc: unknown;
  if (fs.existsSync(mainFile)) {
    try {
      doc = parseYaml(fs.readFileSync(mainFile, 'utf8'));
    } catch {
      doc = undefined;
    }
  }
  return { dir, mainFile, doc };
}

/** Redis of the main config (redis.url, redis.keyPrefix; env REDIS_URL overrides), read as leniently as the KB files. */
export function redisFromConfig(configArg: string | undefined, env: NodeJS.ProcessEnv = process.env): { url: string; keyPrefix: string } {
  const section = readObject(mainConfigOf(configArg).doc, 'redis');
  const url = readObject(section, 'url');
  const keyPrefix = readObject(section, 'keyPrefix');
  return {
    url: env.REDIS_URL || (typeof url === 'string' && !url.includes('${') ? url : 'redis://127.0.0.1:6379'),
    keyPrefix: typeof keyPrefix === 'string' ? keyPrefix : 'qz',
  };
}

/** The KB files named by the main config's kb.files (default kb/*.yaml). */
function configKbFiles(main: { dir: string; doc: unknown }): string[] {
  const files = readObject(readObject(main.doc, 'kb'), 'files');
  const patterns = Array.isArray(files) && files.every((f) => typeof f === 'string') ? (files as string[]) : DEFAULT_KB_FILES;
  const kbFiles = expandFilePatterns(main.dir, patterns).filter((f) => fs.existsSync(f));
  if (!kbFiles.length) throw new UsageError(`no knowledge-base files match ${patterns.join(', ')} in ${main.dir}; pass --kb FILE or --config DIR`);
  return kbFiles;
}

function parseThreshold(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} expects a number between 0 and 1, got "${value}"`);
  return n;
}

/** Runs a command body, turning usage and load errors into a message and exit code 2 / 1. */
export async function guarded(out: NodeJS.WritableStream, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    (out === process.stdout ? process.stderr : out).write(`✘ ${message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

const SEARCH_USAGE = 'usage: qunzhu kb search "问题" [--config DIR|--kb FILE] [--limit N] [--answer X --clarify Y] [--tag key=value]';

export async function kbSearchCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return guarded(out, () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        kb: { type: 'string' },
        limit: { type: 'string' },
        answer: { type: 'string' },
        clarify: { type: 'string' },
        tag: { type: 'string', multiple: true },
      },
    });
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError(SEARCH_USAGE);
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit expects a positive whole number, got "${values.limit}"`);
    const fromFile = values.kb ? kbFromFile(values.kb) : kbFromConfig(values.config);
    const thresholds = {
      answerThreshold: parseThreshold(values.answer, '--answer', fromFile.thresholds.answerThreshold),
      clarifyThreshold: parseThreshold(values.clarify, '--clarify', fromFile.thresholds.clarifyThreshold),
    };
    let groupTags: Record<string, string> | undefined;
    for (const tag of values.tag ?? []) {
      const [k, v] = tag.split('=');
      if (!k || v === undefined) throw new UsageError(`--tag expects key=value, got "${tag}"`);
      (groupTags ??= {})[k] = v;
    }

    const kb = KnowledgeBase.build(fromFile.entries, { synonyms: fromFile.synonyms });
    const decision = kb.decide(query, { ...thresholds, groupTags });
    // An out-of-window match is listed as the decision saw it (the entry first); otherwise the live ranking.
    const candidates = decision.outOfWindow ? decision.candidates.slice(0, limit) : kb.search(query, { limit, groupTags });
    const analyzed = kb.analyze(query);
    const lines = [
      `KB: ${kb.size} entries (${fromFile.source})`,
      `query: ${query}`,
      `  normalized: ${analyzed.normalized}   matched as: ${analyzed.match}`,
      `  words: ${analyzed.words.join(' / ') || '(none)'}   question type: ${analyzed.qtype || '-'}${analyzed.negated ? '   negated' : ''}`,
      candidates.length ? 'candidates:' : 'candidates: (none)',
      ...candidates.map((c, i) => `  ${String(i + 1).padStart(2)}. ${c.score.toFixed(3)} (rank ${(c.rankScore ?? 0).toFixed(2)})  ${c.id}  ${c.question}${c.matched && c.matched !== c.question ? `   ← ${c.matched}` : ''}`),
      `decision: ${decision.decision}  (answer ≥ ${thresholds.answerThreshold}, clarify ≥ ${thresholds.clarifyThreshold}; ${decision.reason ?? ''})`,
    ];
    if (decision.best) lines.push('answer:', ...decision.best.answer.trim().split('\n').map((l) => `  ${l}`));
    if (decision.outOfWindow) {
      const w = decision.outOfWindow;
      lines.push(w.state === 'upcoming' ? `not answered yet: ${w.id} is answered from ${w.effectiveFrom}; the asker is told so (messages.upcoming)` : `no longer answered: ${w.id} ended ${w.effectiveUntil}; the asker is told so (messages.ended)`);
    }
    out.write(lines.join('\n') + '\n');
    return 0;
  });
}

const EVAL_USAGE = 'usage: qunzhu kb eval --kb FILE.jsonl --queries FILE.tsv --out preds.jsonl [--answer X --clarify Y]';

export async function kbEvalCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return guarded(out, () => {
    const { values } = parseArgs({
      args: argv,
      options: {
        kb: { type: 'string' },
        queries: { type: 'string' },
        out: { type: 'string' },
        answer: { type: 'string' },
        clarify: { type: 'string' },
      },
    });
    if (!values.kb || !values.queries || !values.out) throw new UsageError(EVAL_USAGE);
    const thresholds = {
      answerThreshold: parseThreshold(values.answer, '--answer', DEFAULT_THRESHOLDS.answerThreshold),
      clarifyThreshold: parseThreshold(values.clarify, '--clarify', DEFAULT_THRESHOLDS.clarifyThreshold),
    };
    const entries = loadKbFile(values.kb);
    if (!fs.existsSync(values.queries)) throw new UsageError(`queries file not found: ${values.queries}`);
    const queries = readLabelledQueries(values.queries);

    const t0 = process.hrtime.bigint();
    const kb = KnowledgeBase.build(entries);
    const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const { predictions, metrics } = evaluate(kb, entries, queries, thresholds);
    fs.writeFileSync(values.out, predictions.map((p) => JSON.stringify({ query: p.query, top: p.top, decision: p.decision, gold: p.gold })).join('\n') + (predictions.length ? '\n' : ''));
    out.write(`KB: ${kb.size} entries from ${values.kb}, built in ${buildMs.toFixed(0)} ms (includes loading the jieba dictionary on first use)\n`);
    out.write(formatEvalReport(metrics, thresholds) + '\n');
    out.write(`predictions: ${values.out}\n`);
    return 0;
  });
}

const FIT_USAGE = 'usage: qunzhu kb fit --pairs PAIRS.csv [--out model-weights.json]';

/**
 * Refits the ranker, the calibrator and the default bands on labelled pairs
 * (`sentence1,sentence2,label`). `npm run kb:fit` runs it on ../shared/data/afqmc/dev.csv and
 * writes src/kb/model-weights.json; an admin can refit on pairs from their own groups.
 */
export async function kbFitCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return guarded(out, () => {
    const { values } = parseArgs({ args: argv, options: { pairs: { type: 'string' }, out: { type: 'string' }, l2: { type: 'string' } } });
    if (!values.pairs) throw new UsageError(FIT_USAGE);
    if (!fs.existsSync(values.pairs)) throw new UsageError(`pairs file not found: ${values.pairs}`);
    const report = fitModel(values.pairs, values.l2 ? { l2: Number(values.l2) } : {});
    out.write(report.lines.join('\n') + '\n');
    if (values.out) {
      fs.writeFileSync(values.out, JSON.stringify(report.weights, null, 2) + '\n');
      out.write(`weights written to ${values.out} (rebuild to use them: npm run build)\n`);
    }
    return 0;
  });
}

const LINT_USAGE = 'usage: qunzhu kb lint [--config DIR | --kb FILE_OR_DIR] [--json] [--margin N]';

interface LintSources {
  entries: KbEntry[];
  sources: Map<string, KbEntrySource>;
  source: string;
}

/** Where each record of a JSONL KB is written (its line), so findings point at it too. */
function jsonlSources(file: string, entries: KbEntry[]): Map<string, KbEntrySource> {
  const lineOf = new Map<string, number>();
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      try {
        const id = (JSON.parse(raw) as { id?: unknown }).id;
        if ((typeof id === 'string' || typeof id === 'number') && !lineOf.has(String(id))) lineOf.set(String(id), i + 1);
      } catch {
        // blank line (loadKbJsonl already rejected anything else)
      }
    });
  const sources = new Map<string, KbEntrySource>();
  for (const e of entries) {
    const line = lineOf.get(e.id) ?? 1;
    sources.set(e.id, { file, line, questionLines: [e.question, ...e.similar].map(() => line), answer: { line, literal: false }, overrides: [] });
  }
  return sources;
}

/** The KB to lint from --kb: a JSONL file, a YAML file or a directory of YAML files. */
function lintSourcesFromFile(file: string): LintSources {
  const files = explicitKbFiles(file);
  if (files.length === 1 && file.endsWith('.jsonl')) {
    const entries = loadKbJsonl(file);
    return { entries, sources: jsonlSources(file, entries), source: file };
  }
  return { ...loadKbYamlFilesWithSources(files), source: files.map((f) => path.relative(process.cwd(), f)).join(', ') };
}

/** The KB files named by the main config, with their source lines. */
function lintSourcesFromConfig(main: { dir: string; doc: unknown }): LintSources {
  const kbFiles = configKbFiles(main);
  return { ...loadKbYamlFilesWithSources(kbFiles), source: kbFiles.map((f) => path.relative(process.cwd(), f)).join(', ') };
}

/** groups[] of the main config (name, id, tags); undefined when there is no readable main config. */
function groupsOf(doc: unknown): LintGroup[] | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const groups = readObject(doc, 'groups');
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((g: unknown): LintGroup[] => {
    const name = readObject(g, 'name');
    const id = readObject(g, 'id');
    const tags = readObject(g, 'tags');
    const clean: Record<string, string> = {};
    if (tags && typeof tags === 'object') for (const [k, v] of Object.entries(tags)) if (typeof v === 'string' || typeof v === 'number') clean[k] = String(v);
    const label = typeof name === 'string' ? name : typeof id === 'string' ? id : undefined;
    return label === undefined ? [] : [{ name: label, ...(typeof id === 'string' ? { id } : {}), tags: clean }];
  });
}

/**
 * `qunzhu kb lint`: loads the KB like `kb search` and reports duplicates, confusable questions,
 * missing similar questions, long answers, expired entries, unmatched tags and overrides, unknown
 * variables and broken links. Exit 0 with only warnings/info, 1 with an error, 2 on bad usage.
 */
export async function kbLintCommand(argv: string[], out: NodeJS.WritableStream = process.stdout, now: Date = new Date()): Promise<number> {
  return guarded(out, () => {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { config: { type: 'string' }, kb: { type: 'string' }, json: { type: 'boolean' }, margin: { type: 'string' } },
      });
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\n${LINT_USAGE}`);
    }
    const { values, positionals } = parsed;
    if (positionals.length) throw new UsageError(LINT_USAGE);
    const margin = values.margin === undefined ? NEAR_DUPLICATE_MARGIN : Number(values.margin);
    if (!Number.isFinite(margin) || margin < 0) throw new UsageError(`--margin expects a non-negative number (ranker score units), got "${values.margin}"`);
    // Groups come from the main config unless only an explicit --kb was given (it may be any KB).
    const main = values.kb && !values.config ? undefined : mainConfigOf(values.config);
    const loaded = values.kb ? lintSourcesFromFile(values.kb) : lintSourcesFromConfig(main!);
    const groups = main ? groupsOf(main.doc) : undefined;

    // Questions alone: lint asks whether the questions themselves are told apart.
    const kb = KnowledgeBase.build(loaded.entries, { ignoreValidity: true, answerField: false });
    const report = lintKb({ entries: loaded.entries, sources: loaded.sources, kb, groups, now, margin });
    const rel = (f: string) => path.relative(process.cwd(), f) || f;
    if (values.json) {
      out.write(lintReportJson(report, rel));
    } else {
      const header = [
        `KB: ${kb.size} entries (${loaded.source})`,
        groups ? `groups: ${groups.length} from ${rel(main!.mainFile)}${groups.length ? ' — ' + groups.map((g) => g.name).join(', ') : ''}` : 'groups: unknown (pass --config DIR to check tags and overrides against them)',
      ];
      out.write(formatLintReport(report, header, rel));
    }
    return lintExitCode(report);
  });
}
