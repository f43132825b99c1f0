/**
 * `qunzhu kb lint`: problems an admin can fix in the KB files before staff meet them. Each finding
 * names the entry, its file and line, and how bad it is:
 * - error (exit code 1): certainly wrong, whatever the matcher does — the same question in two
 *   entries, an unknown {variable} or a broken link staff would see as written, an override that can
 *   never apply;
 * - warning: likely to cost answers — questions the matcher confuses with another entry's, no
 *   similar questions, an answer split over several messages, an expired entry, tags or overrides
 *   no configured group has;
 * - info: worth knowing — only one similar question, an entry not active yet, an http:// link.
 * Confusion between entries is measured with the engine itself (KnowledgeBase.search), so it is a
 * warning rather than an error: its scores move when the matcher is refitted.
 */
import { ANSWER_VARIABLES, isAnswerVariable, overrideMatches, shanghaiDate, TEMPLATE_VARIABLE } from './answer';
import type { KnowledgeBase } from './knowledge-base';
import { lineInText, type KbEntrySource, type KbTextSource } from './load';
import { normalizeText } from './normalize';
import type { KbEntry } from './types';
import { LIMITS } from '../outbox/plan';
import { editDistance } from './edit-distance';

export type LintSeverity = 'error' | 'warning' | 'info';

export const LINT_CODES = {
  'duplicate-question': '重复问题',
  'near-duplicate': '相似问易混淆',
  'repeated-question': '条目内重复',
  'no-similar': '没有相似问',
  'few-similar': '相似问太少',
  'answer-too-long': '答案过长',
  expired: '已过期',
  'not-yet-active': '尚未生效',
  'tags-no-group': '标签无匹配群',
  'override-no-group': '覆盖答案无匹配群',
  'override-never-applies': '覆盖答案永不生效',
  'override-shadowed': '覆盖答案被遮蔽',
  'override-ambiguous': '覆盖答案有歧义',
  'unknown-variable': '未知变量',
  'variable-syntax': '变量写法有误',
  'malformed-link': '链接格式错误',
  'bad-url': '链接地址不支持',
  'insecure-url': '非 https 链接',
} as const;

export type LintCode = keyof typeof LINT_CODES;

export interface LintLocation {
  entryId: string;
  file?: string;
  line?: number;
}

export interface LintFinding extends LintLocation {
  severity: LintSeverity;
  code: LintCode;
  /** Chinese label of the code (LINT_CODES) */
  label: string;
  /** what is wrong and what to do, in English with the KB's own text quoted */
  message: string;
  /** the other entry, for duplicates */
  related?: LintLocation;
  /** the figures behind the finding (questions, scores, bytes, dates…), for --json */
  data?: Record<string, unknown>;
}

export interface LintGroup {
  name: string;
  id?: string;
  tags: Readonly<Record<string, string>>;
}

export interface LintInput {
  entries: readonly KbEntry[];
  /** where each entry is written (loadKbYamlFilesWithSources); without it findings have no file:line */
  sources?: ReadonlyMap<string, KbEntrySource>;
  /** the KB built from `entries` exactly as the service builds it */
  kb: KnowledgeBase;
  /** groups of the main config; undefined: unknown, so tag and override coverage is not checked */
  groups?: readonly LintGroup[];
  now: Date;
  /** near-duplicate margin in ranker score units (default NEAR_DUPLICATE_MARGIN) */
  margin?: number;
}

export interface LintReport {
  findings: LintFinding[];
  counts: Record<LintSeverity, number>;
  entries: number;
  questions: number;
  /** the day the effective windows were checked against (Asia/Shanghai) */
  today: string;
  margin: number;
  /** checks that could not run and why */
  notes: string[];
}

/**
 * Another entry whose ranker score on one of this entry's own questions comes within this of the
 * entry's own score is reported as confusable. Ranker scores of an exact match on the example KB
 * are ~11 and the closest rivals ~9–10 (calibrated confidence then falls below the answer band):
 * real staff phrasings land between the two.
 */
export const NEAR_DUPLICATE_MARGIN = 2;
/** Room left in a message for the `<@userid> ` mention the reply starts with. */
export const MENTION_ALLOWANCE_BYTES = 64;
const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

type Tags = Readonly<Record<string, string>>;

function tagsCompatible(a: Tags | undefined, b: Tags | undefined): boolean {
  if (!a || !b) return true;
  return Object.entries(a).every(([k, v]) => b[k] === undefined || b[k] === v);
}

function tagsText(tags: Tags): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
}

function groupHas(group: LintGroup, tags: Tags | undefined): boolean {
  return Object.entries(tags ?? {}).every(([k, v]) => group.tags[k] === v);
}

/** Two entries ever answerable in the same group on the same day, from today on. */
function canCoexist(a: KbEntry, b: KbEntry, today: string): boolean {
  return tagsCompatible(a.tags, b.tags) && windowsOverlap(a, b, today);
}

/** Some day, today or later, on which both entries are active. */
function windowsOverlap(a: KbEntry, b: KbEntry, today: string): boolean {
  const start = [a.effectiveFrom, b.effectiveFrom, today].filter((d): d is string => !!d).sort().at(-1)!;
  const ends = [a.effectiveUntil, b.effectiveUntil].filter((d): d is string => !!d).sort();
  return !ends.length || start <= ends[0]!;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** `{bot}` → bot.name, `{group_name}` → group.name, `{date}` → today, typos within 2 edits. */
function suggestVariable(name: string): string | undefined {
  const known = Object.keys(ANSWER_VARIABLES);
  const aliases: Record<string, string> = { date: 'today', day: 'today', duty: 'duty.contact', oncall: 'duty.contact' };
  const fold = (s: string) => s.toLowerCase().replace(/[._-]/g, '');
  const lower = name.toLowerCase();
  return (
    known.find((k) => fold(k) === fold(name)) ??
    aliases[lower] ??
    known.find((k) => k.split('.')[0] === lower) ??
    known.map((k) => ({ k, d: editDistance(k, lower) })).filter((c) => c.d <= 2).sort((x, y) => x.d - y.d)[0]?.k
  );
}

/** One answer text to check, wherever it is written. */
interface AnswerText {
  text: string;
  src?: KbTextSource;
  /** "answer" or "overrides[1].answer" */
  where: string;
}

function answerTexts(entry: KbEntry, source: KbEntrySource | undefined): AnswerText[] {
  return [
    { text: entry.answer, src: source?.answer, where: 'answer' },
    ...(entry.overrides ?? []).map((o, i) => ({ text: o.answer, src: source?.overrides[i]?.answer, where: `overrides[${i}].answer` })),
  ];
}

interface LinkProblem {
  offset: number;
  code: 'malformed-link' | 'bad-url' | 'insecure-url';
  message: string;
  url?: string;
}

// `[text](`, `![alt](`, also with the mistakes an IME makes: a space before the parenthesis, full-width （.
const LINK_START = /(!?)\[([^\]\n]*)\]([ \t]*)([(（])/g;
const FULL_WIDTH_BRACKET_LINK = /［[^］\n]*］\s*[(（]/g;

/** Markdown links and images of a text that WeCom would not render or open. */
export function checkLinks(text: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const m of text.matchAll(LINK_START)) {
    const [whole, bang, label, space, paren] = m as unknown as [string, string, string, string, string];
    const offset = m.index;
    const kind = bang ? 'image' : 'link';
    // What the admin wrote: the link up to its closing parenthesis or the end of the line.
    const lineRest = text.slice(offset).split('\n')[0]!;
    const close = lineRest.search(/[)）]/);
    const written = close === -1 ? lineRest : lineRest.slice(0, close + 1);
    const shown = [...written].length > 60 ? [...written].slice(0, 60).join('') + '…' : written;
    if (paren === '（') {
      problems.push({ offset, code: 'malformed-link', message: `${kind} ${shown} uses a full-width （; write [text](url) with half-width ( )` });
      continue;
    }
    if (space) {
      problems.push({ offset, code: 'malformed-link', message: `${kind} ${shown} has a space between ] and (; it shows as plain text, write [text](url)` });
      continue;
    }
    // The destination runs to the matching ")" on the same line (parentheses inside a URL may nest).
    const start = offset + whole.length;
    let depth = 1;
    let end = -1;
    for (let i = start; i < text.length && text[i] !== '\n'; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end === -1) {
      const fullWidthClose = text.slice(start).split('\n')[0]!.includes('）');
      problems.push({ offset, code: 'malformed-link', message: `${kind} ${shown} is missing its closing ")"${fullWidthClose ? ' (it ends with a full-width ）)' : ''}` });
      continue;
    }
    const dest = text.slice(start, end).trim();
    if (!bang && !label.trim()) problems.push({ offset, code: 'malformed-link', message: `link to ${dest || '(nothing)'} has no text; write [文字](url)` });
    if (!dest) {
      problems.push({ offset, code: 'malformed-link', message: `${kind} [${label}]() has no URL` });
      continue;
    }
    // CommonMark allows `(url "title")`; anything else after a space means the URL has a space in it.
    const [url = '', ...rest] = dest.split(/\s+/);
    if (rest.length && !/^(["']).*\1$|^\(.*\)$/.test(rest.join(' '))) {
      problems.push({ offset, code: 'malformed-link', message: `${kind} URL "${dest}" contains a space; encode it as %20`, url: dest });
      continue;
    }
    problems.push(...checkUrl(url, offset, kind));
  }
  for (const m of text.matchAll(FULL_WIDTH_BRACKET_LINK)) {
    problems.push({ offset: m.index, code: 'malformed-link', message: `link ${m[0]} uses full-width ［ ］; write [text](url) with half-width brackets` });
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

function checkUrl(url: string, offset: number, kind: string): LinkProblem[] {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) {
    const hint = /^www\.|^[\w-]+(\.[\w-]+)+(\/|$)/i.test(url) ? `; write https://${url}` : '';
    return [{ offset, code: 'bad-url', message: `${kind} URL "${url}" is not absolute; only http(s):// links open in WeCom${hint}`, url }];
  }
  if (scheme !== 'http' && scheme !== 'https') return [{ offset, code: 'bad-url', message: `${kind} URL "${url}" uses ${scheme}:; only http(s):// links open in WeCom`, url }];
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    host = '';
  }
  if (!host || !/^\/\//.test(url.slice(scheme.length + 1))) return [{ offset, code: 'malformed-link', message: `${kind} URL "${url}" is not a valid address (expected ${scheme}://host/…)`, url }];
  if (scheme === 'http') return [{ offset, code: 'insecure-url', message: `${kind} URL "${url}" is plain http; prefer https://`, url }];
  return [];
}

export function lintKb(input: LintInput): LintReport {
  const { entries, sources, kb, groups, now } = input;
  const margin = input.margin ?? NEAR_DUPLICATE_MARGIN;
  const today = shanghaiDate(now);
  const findings: LintFinding[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const at = (entry: KbEntry, line?: number): LintLocation => {
    const src = sources?.get(entry.id);
    const loc: LintLocation = { entryId: entry.id };
    if (src) loc.file = src.file;
    const l = line ?? src?.line;
    if (l !== undefined) loc.line = l;
    return loc;
  };
  const questionLine = (entry: KbEntry, k: number) => sources?.get(entry.id)?.questionLines[k];
  const add = (severity: LintSeverity, code: LintCode, loc: LintLocation, message: string, extra: Pick<LintFinding, 'related' | 'data'> = {}): void => {
    findings.push({ severity, code, label: LINT_CODES[code], ...loc, message, ...extra });
  };
  const questionsOf = (e: KbEntry) => [e.question, ...e.similar];

  // 1. The same question in two entries: by normalizeText, then by what the matcher sees.
  const exactPairs = new Set<string>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const [keyName, keyOf] of [
    ['normalized', (q: string) => normalizeText(q)],
    ['matched', (q: string) => kb.analyze(q).match],
  ] as const) {
    const seen = new Map<string, Array<{ entry: KbEntry; k: number }>>();
    for (const entry of entries) {
      questionsOf(entry).forEach((q, k) => {
        const key = keyOf(q);
        if (!key) return;
        const prevs = seen.get(key) ?? [];
        if (!prevs.length) seen.set(key, prevs);
        const here = at(entry, questionLine(entry, k));
        const same = prevs.find((p) => p.entry.id === entry.id);
        if (same && keyName === 'normalized') add('info', 'repeated-question', here, `"${q}" repeats "${questionsOf(entry)[same.k]}" of the same entry; the matcher indexes it once, so it can go`);
        for (const prev of prevs) {
          const pair = pairKey(prev.entry.id, entry.id);
          // Two promotions of different years may share their question: they never meet.
          if (prev.entry.id === entry.id || exactPairs.has(pair) || !windowsOverlap(entry, prev.entry, today)) continue;
          exactPairs.add(pair);
          const other = questionsOf(prev.entry)[prev.k]!;
          const how = keyName === 'normalized' ? 'after normalisation' : `once fillers, particles and synonyms are folded (both match as "${key}")`;
          const extra = { related: at(prev.entry, questionLine(prev.entry, prev.k)), data: { question: q, otherQuestion: other, key, compared: keyName } };
          if (tagsCompatible(entry.tags, prev.entry.tags)) {
            add('error', 'duplicate-question', here, `"${q}" is the same question as "${other}" of ${prev.entry.id} ${how}; the matcher cannot tell them apart — keep it in one entry (regional answers go in overrides)`, extra);
          } else {
            add('warning', 'duplicate-question', here, `"${q}" is the same question as "${other}" of ${prev.entry.id} ${how}; their tags differ (${tagsText(entry.tags ?? {})} vs ${tagsText(prev.entry.tags ?? {})}), but groups without tags see both — prefer one entry with overrides`, extra);
          }
        }
        prevs.push({ entry, k });
      });
    }
  }

  // 2. Questions the engine confuses with another entry's: run each question through search.
  const near = new Map<string, LintFinding & { gap: number }>();
  for (const entry of entries) {
    if (entry.effectiveUntil && entry.effectiveUntil < today) continue; // expired: reported below, competes with nothing
    questionsOf(entry).forEach((q, k) => {
      const top = kb.search(q, { limit: 3 });
      const ownIndex = top.findIndex((c) => c.id === entry.id);
      const own = top[ownIndex];
      top.forEach((c, i) => {
        if (c.id === entry.id) return;
        const other = byId.get(c.id);
        if (!other || exactPairs.has(pairKey(entry.id, c.id)) || !canCoexist(entry, other, today)) return;
        const otherScore = c.rankScore ?? 0;
        const ownScore = own?.rankScore;
        const outranks = !own || i < ownIndex;
        const gap = ownScore === undefined ? -Infinity : ownScore - otherScore;
        if (!outranks && gap > margin) return;
        const key = pairKey(entry.id, c.id);
        const prev = near.get(key);
        if (prev && prev.gap <= gap) return;
        const matched = c.matched ?? c.question;
        const otherLine = questionLine(other, Math.max(0, questionsOf(other).indexOf(matched)));
        const message = outranks
          ? `its own question "${q}" finds ${c.id} "${matched}" first (rank ${otherScore.toFixed(2)} vs ${ownScore === undefined ? 'not in the top 3' : ownScore.toFixed(2)}): staff asking this get the other answer — reword one of them or move the question`
          : `"${q}" scores ${ownScore!.toFixed(2)} on its own entry and ${otherScore.toFixed(2)} on ${c.id} "${matched}" (gap ${gap.toFixed(2)} ≤ ${margin}): similar wordings will be answered by the wrong entry or asked back — make the questions more distinct`;
        near.set(key, {
          severity: 'warning',
          code: 'near-duplicate',
          label: LINT_CODES['near-duplicate'],
          ...at(entry, questionLine(entry, k)),
          message,
          related: at(other, otherLine),
          data: { question: q, otherQuestion: matched, ownRankScore: ownScore ?? null, otherRankScore: otherScore, gap: Number.isFinite(gap) ? Math.round(gap * 1e4) / 1e4 : null, outranks, margin },
          gap,
        });
      });
    });
  }
  for (const f of near.values()) {
    const { gap: _gap, ...finding } = f;
    findings.push(finding);
  }

  const groupNames = (list: readonly LintGroup[]) => list.map((g) => g.name).join(', ');
  for (const entry of entries) {
    const src = sources?.get(entry.id);

    // 3. Similar questions.
    if (entry.similar.length === 0) add('warning', 'no-similar', at(entry, questionLine(entry, 0)), 'no similar questions (相似问): add 2–5 ways staff actually ask it; they improve matching more than anything else');
    else if (entry.similar.length < 2) add('info', 'few-similar', at(entry, src?.questionLines[1]), `only 1 similar question (相似问); 2–5 match noticeably better`);

    // 4. Effective window.
    if (entry.effectiveUntil && entry.effectiveUntil < today) {
      add('warning', 'expired', at(entry, src?.effectiveUntilLine), `effective_until ${entry.effectiveUntil} has passed (today is ${today} in Asia/Shanghai): never answered; remove the entry or move the date`, { data: { effectiveUntil: entry.effectiveUntil, today } });
    } else if (entry.effectiveFrom && entry.effectiveFrom > today) {
      add('info', 'not-yet-active', at(entry, src?.effectiveFromLine), `answered from ${entry.effectiveFrom}${entry.effectiveUntil ? ` to ${entry.effectiveUntil}` : ''} (today is ${today} in Asia/Shanghai)`, { data: { effectiveFrom: entry.effectiveFrom, today } });
    }

    // 5. Tags and overrides.
    if (groups && entry.tags && Object.keys(entry.tags).length && !groups.some((g) => groupHas(g, entry.tags))) {
      add('warning', 'tags-no-group', at(entry), `tags ${tagsText(entry.tags)}: no configured group has them, so only groups missing from the config (no tags) can get this entry`, { data: { tags: entry.tags } });
    }
    (entry.overrides ?? []).forEach((o, i) => {
      const loc = at(entry, src?.overrides[i]?.line);
      const tags = tagsText(o.tags);
      if (!tagsCompatible(o.tags, entry.tags)) {
        add('error', 'override-never-applies', loc, `overrides[${i}] tags ${tags} contradict the entry's tags ${tagsText(entry.tags ?? {})}: groups that get the entry never have them`, { data: { tags: o.tags } });
        return;
      }
      const sameTags = (p: Tags) => Object.keys(p).length === Object.keys(o.tags).length && Object.entries(p).every(([k, v]) => o.tags[k] === v);
      const twin = (entry.overrides ?? []).slice(0, i).findIndex((p) => sameTags(p.tags));
      if (twin !== -1) {
        add('error', 'override-shadowed', loc, `overrides[${i}] has the same tags (${tags}) as overrides[${twin}], which wins: this answer is never used`, { data: { tags: o.tags } });
        return;
      }
      if (!groups) return;
      const reach = groups.filter((g) => groupHas(g, entry.tags) && overrideMatches(o, g.tags));
      if (!reach.length) {
        add('warning', 'override-no-group', loc, `overrides[${i}] tags ${tags}: no configured group${entry.tags ? ` with the entry's tags ${tagsText(entry.tags)}` : ''} has them, so this answer is never used`, { data: { tags: o.tags } });
        return;
      }
      // Equally specific overrides both matching a group: the first listed wins, maybe unintended.
      (entry.overrides ?? []).slice(0, i).forEach((p, j) => {
        if (Object.keys(p.tags).length !== Object.keys(o.tags).length) return;
        const both = reach.filter((g) => overrideMatches(p, g.tags));
        if (both.length) add('info', 'override-ambiguous', loc, `overrides[${i}] (${tags}) and overrides[${j}] (${tagsText(p.tags)}) both match ${groupNames(both)}; as equally specific, overrides[${j}] (listed first) wins there`, { data: { groups: both.map((g) => g.name) } });
      });
    });

    // 6. Answer texts: length, variables, links.
    for (const a of answerTexts(entry, src)) {
      const line = (offset: number) => (a.src ? lineInText(a.src, a.text, offset) : undefined);
      const size = bytes(a.text.trim());
      if (size + MENTION_ALLOWANCE_BYTES > LIMITS.webhookMarkdown) {
        add('warning', 'answer-too-long', at(entry, a.src?.line), `${a.where} is ${size.toLocaleString('en-US')} bytes; with the @-mention it exceeds one WeCom markdown message (${LIMITS.webhookMarkdown.toLocaleString('en-US')} bytes) and will be split — shorten it or link to a document`, { data: { bytes: size, limit: LIMITS.webhookMarkdown, where: a.where } });
      }
      for (const m of a.text.matchAll(TEMPLATE_VARIABLE)) {
        const name = m[1]!;
        if (isAnswerVariable(name)) continue;
        const hint = suggestVariable(name);
        add('error', 'unknown-variable', at(entry, line(m.index)), `${a.where}: {${name}} is not a variable and would be sent as written${hint ? `; did you mean {${hint}}?` : ''} (known: ${Object.keys(ANSWER_VARIABLES).map((v) => `{${v}}`).join(' ')})`, { data: { variable: name, where: a.where } });
      }
      // Near misses that are not replaced at all: full-width braces, spaces inside, doubled braces.
      for (const m of a.text.matchAll(/(\{\{|[{｛])\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(\}\}|[}｝])/g)) {
        const [whole, open, name, close] = m as unknown as [string, string, string, string];
        if (whole === `{${name}}`) continue;
        if (!isAnswerVariable(name) && !suggestVariable(name)) continue;
        const why = open === '{{' || close === '}}' ? 'double braces leave a { } around the value' : /[｛｝]/.test(whole) ? 'full-width braces are not replaced' : 'spaces inside the braces stop it being replaced';
        add('warning', 'variable-syntax', at(entry, line(m.index)), `${a.where}: ${whole} — ${why}; write {${isAnswerVariable(name) ? name : suggestVariable(name)}}`, { data: { written: whole, where: a.where } });
      }
      for (const p of checkLinks(a.text)) {
        add(p.code === 'insecure-url' ? 'info' : 'error', p.code, at(entry, line(p.offset)), `${a.where}: ${p.message}`, p.url ? { data: { url: p.url, where: a.where } } : { data: { where: a.where } });
      }
    }
  }

  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.entryId.localeCompare(b.entryId) ||
      a.code.localeCompare(b.code),
  );
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const notes: string[] = [];
  if (!groups && entries.some((e) => e.overrides?.length || (e.tags && Object.keys(e.tags).length))) {
    notes.push('groups unknown (no main config): tags and overrides were not checked against configured groups; pass --config DIR');
  }
  return { findings, counts, entries: entries.length, questions: kb.questionCount, today, margin, notes };
}

/** Exit code of `kb lint`: 1 when there is any error, else 0. */
export function lintExitCode(report: LintReport): number {
  return report.counts.error > 0 ? 1 : 0;
}

const HEADINGS: Record<LintSeverity, { title: string; mark: string }> = {
  error: { title: '错误 errors', mark: '✘' },
  warning: { title: '警告 warnings', mark: '⚠' },
  info: { title: '提示 info', mark: 'ℹ' },
};

function where(loc: LintLocation, rel: (file: string) => string): string {
  if (!loc.file) return '';
  return `${rel(loc.file)}${loc.line !== undefined ? `:${loc.line}` : ''}`;
}

/** The human-readable report: grouped by severity, errors first, each finding with file:line and entry id. */
export function formatLintReport(report: LintReport, header: string[], rel: (file: string) => string = (f) => f): string {
  const lines = [...header, `checked: ${report.entries} entries, ${report.questions} questions; today ${report.today} (Asia/Shanghai); near-duplicate margin ${report.margin} (ranker score)`];
  for (const note of report.notes) lines.push(`note: ${note}`);
  for (const severity of ['error', 'warning', 'info'] as const) {
    const list = report.findings.filter((f) => f.severity === severity);
    if (!list.length) continue;
    lines.push('', `${HEADINGS[severity].title} (${list.length}):`);
    for (const f of list) {
      const loc = where(f, rel);
      lines.push(`  ${HEADINGS[severity].mark} ${loc ? loc + '  ' : ''}${f.entryId}  ${f.label} ${f.code}`);
      lines.push(`      ${f.message}${f.related ? `   ↔ ${f.related.entryId}${f.related.file ? ` (${where(f.related, rel)})` : ''}` : ''}`);
    }
  }
  const { error, warning, info } = report.counts;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    '',
    error + warning + info === 0
      ? '✔ 没有发现问题 / no problems found'
      : `结果 result: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info → exit ${lintExitCode(report)}`,
  );
  return lines.join('\n') + '\n';
}

/** The machine-readable report (`kb lint --json`): files relative as in the text report. */
export function lintReportJson(report: LintReport, rel: (file: string) => string = (f) => f): string {
  const relLoc = <T extends LintLocation>(loc: T): T => (loc.file ? { ...loc, file: rel(loc.file) } : loc);
  return (
    JSON.stringify(
      {
        ok: report.counts.error === 0,
        counts: report.counts,
        entries: report.entries,
        questions: report.questions,
        today: report.today,
        margin: report.margin,
        notes: report.notes,
        findings: report.findings.map((f) => ({ ...relLoc(f), ...(f.related ? { related: relLoc(f.related) } : {}) })),
      },
      null,
      2,
    ) + '\n'
  );
}
