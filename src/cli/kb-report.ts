/**
 * `qunzhu kb report`: how each KB entry is doing in the groups, from the counts the service keeps
 * in Redis (src/feedback/store.ts): times answered, 👍 / 👎 (WeCom feedback buttons and "没用 /
 * 不对" right after an answer), the latest complaints, entries never answered, and ids the counts
 * know but the KB no longer has. Worst first, so an admin knows which answer to rewrite.
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { feedbackReport, recentFeedbackCases, unattributedFeedback, type EntryFeedback, type FeedbackCase } from '../feedback/store';
import { guarded, kbFromConfig, redisFromConfig, UsageError } from './kb';

const USAGE = 'usage: qunzhu kb report [--config DIR] [--cases N] [--json]';

export interface EntryReportRow extends EntryFeedback {
  id: string;
  question: string;
  /** 👎 share of the rated answers (undefined: none rated) */
  notHelpfulRate?: number;
  cases: FeedbackCase[];
}

export interface KbReport {
  entries: EntryReportRow[];
  neverAnswered: Array<{ id: string; question: string }>;
  /** ids with counts that the KB no longer has (renamed or deleted entries) */
  unknownIds: string[];
  unattributed: number;
}

/** Entries with complaints first (most 👎, then highest 👎 share), then the most answered. */
function worstFirst(a: EntryReportRow, b: EntryReportRow): number {
  return b.notHelpful - a.notHelpful || (b.notHelpfulRate ?? 0) - (a.notHelpfulRate ?? 0) || b.answered - a.answered || a.id.localeCompare(b.id);
}

export async function buildKbReport(redis: Redis, prefix: string, entries: ReadonlyArray<{ id: string; question: string }>, casesPerEntry: number): Promise<KbReport> {
  const counts = await feedbackReport(redis, prefix);
  const known = new Map(entries.map((e) => [e.id, e.question]));
  const rows: EntryReportRow[] = [];
  for (const [id, c] of Object.entries(counts)) {
    if (!known.has(id)) continue;
    const rated = c.helpful + c.notHelpful;
    rows.push({ id, question: known.get(id)!, ...c, ...(rated ? { notHelpfulRate: c.notHelpful / rated } : {}), cases: [] });
  }
  rows.sort(worstFirst);
  for (const row of rows) if (row.notHelpful > 0 && casesPerEntry > 0) row.cases = await recentFeedbackCases(redis, prefix, row.id, casesPerEntry);
  return {
    entries: rows,
    neverAnswered: entries.filter((e) => !counts[e.id]?.answered).map((e) => ({ id: e.id, question: e.question })),
    unknownIds: Object.keys(counts).filter((id) => !known.has(id)).sort(),
    unattributed: (await unattributedFeedback(redis, prefix, 1000)).length,
  };
}

const pct = (x: number | undefined): string => (x === undefined ? '–' : `${Math.round(x * 100)}%`);
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

export function formatKbReport(r: KbReport): string {
  const lines: string[] = [];
  const answered = r.entries.reduce((n, e) => n + e.answered, 0);
  const helpful = r.entries.reduce((n, e) => n + e.helpful, 0);
  const notHelpful = r.entries.reduce((n, e) => n + e.notHelpful, 0);
  lines.push(`answers given: ${answered} by ${r.entries.filter((e) => e.answered).length} entries; rated 👍 ${helpful} / 👎 ${notHelpful}`);
  if (r.entries.length) {
    const w = Math.max(8, ...r.entries.map((e) => e.id.length));
    lines.push('', `${pad('entry', w)}  answered  👍    👎    👎 share  question`);
    for (const e of r.entries) {
      lines.push(`${pad(e.id, w)}  ${pad(String(e.answered), 8)}  ${pad(String(e.helpful), 4)}  ${pad(String(e.notHelpful), 4)}  ${pad(pct(e.notHelpfulRate), 8)} ${e.question}`);
      for (const c of e.cases) lines.push(`${' '.repeat(w)}    👎 ${new Date(c.at).toISOString().slice(0, 16).replace('T', ' ')} ${c.groupName ?? c.chatId}: 「${c.query}」 → 「${c.text}」`);
    }
  }
  if (r.neverAnswered.length) {
    lines.push('', `never answered (${r.neverAnswered.length}): check the wording staff use, or whether the entry is needed`);
    for (const e of r.neverAnswered) lines.push(`  ${e.id}  ${e.question}`);
  }
  if (r.unknownIds.length) lines.push('', `counts for ids no longer in the KB (renamed or deleted): ${r.unknownIds.join(', ')}`);
  if (r.unattributed) lines.push('', `WeCom feedback that could not be tied to an answer: ${r.unattributed} (answers older than conversation.feedbackTtlSeconds)`);
  return lines.join('\n') + '\n';
}

export async function kbReportCommand(argv: string[], out: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return guarded(out, async () => {
    let values;
    try {
      ({ values } = parseArgs({ args: argv, options: { config: { type: 'string' }, cases: { type: 'string' }, json: { type: 'boolean' } } }));
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\n${USAGE}`);
    }
    const cases = values.cases === undefined ? 3 : Number(values.cases);
    if (!Number.isInteger(cases) || cases < 0) throw new UsageError(`--cases expects a whole number ≥ 0, got "${values.cases}"\n${USAGE}`);
    const kb = kbFromConfig(values.config);
    const { url, keyPrefix } = redisFromConfig(values.config, env);
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null });
    try {
      await redis.connect().catch((err: Error) => {
        throw new Error(`cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')} (${err.message}): the report reads the counts the service keeps there; start Redis or set REDIS_URL`);
      });
      const report = await buildKbReport(redis, keyPrefix, kb.entries, cases);
      out.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatKbReport(report));
      return 0;
    } finally {
      redis.disconnect();
    }
  });
}
