/**
 * Answer quality, per KB entry, in Redis: how often each entry was answered, and how often people
 * said it helped or did not — in the chat ("没用", "转人工", "解决了") or with WeCom's 👍/👎 buttons
 * (feedback_event). `feedbackReport` reads the totals for the admin dashboard and `kb` reports.
 *
 *   <p>:fb:answer:<event id>    hash, TTL conversation.feedbackTtlSeconds: which entry answered that
 *                               message (entryId, botId, chatId, userId, query, via, at) and each
 *                               rater's current verdict (field v:<user id>)
 *   <p>:fb:answered             hash entry id → answers given
 *   <p>:fb:helpful              hash entry id → people who said it helped
 *   <p>:fb:notHelpful           hash entry id → people who said it did not
 *   <p>:fb:cases:<entry id>     list of recent negative cases (JSON, newest first, capped)
 *   <p>:fb:unattributed         list of WeCom feedback we could not tie to an answer (capped)
 *
 * One verdict per person per answer: saying 没用 twice, or 👎 after 没用, counts once; 👍 after 👎
 * moves the count; WeCom's "cancel" (type 3) takes it back. Recording an answer twice (a retried
 * job) counts it once.
 */
import type { Redis } from 'ioredis';

export type Verdict = 'helpful' | 'notHelpful';

export interface AnswerRecord {
  /** The message answered (InboundEvent.id): the answer's reference for feedback. */
  eventId: string;
  botId: string;
  chatId: string;
  userId: string;
  entryId: string;
  query: string;
  /** How the entry was reached. */
  via: 'kb' | 'clarify' | 'followup';
  at: number;
}

export interface FeedbackCase {
  source: 'chat' | 'wecom';
  /** The answer's event id. */
  answerEventId: string;
  /** The event carrying the feedback. */
  eventId: string;
  botId: string;
  chatId: string;
  groupName?: string;
  /** Masked (logging.maskId): enough to correlate, not to identify. */
  sender: string;
  /** The question that was answered. */
  query: string;
  /** What the person said ("没用，还是连不上") or WeCom's feedback text. */
  text: string;
  at: number;
}

export interface UnattributedFeedback {
  source: 'wecom';
  eventId: string;
  feedbackId: string;
  type: number;
  content?: string;
  botId: string;
  chatId: string;
  sender: string;
  at: number;
}

export type RateResult =
  | { found: false }
  | { found: true; ref: string; entryId: string; query: string; previous?: Verdict; changed: boolean };

export interface FeedbackStore {
  recordAnswer(a: AnswerRecord, ttlSeconds: number): Promise<void>;
  /**
   * Sets `rater`'s verdict on the first answer found among `refs` (answer event ids); `cancel`
   * withdraws it. Negative verdicts that changed something are appended to the entry's cases.
   */
  rate(refs: readonly string[], rater: string, verdict: Verdict | 'cancel', c: Omit<FeedbackCase, 'answerEventId' | 'query'>): Promise<RateResult>;
  recordUnattributed(u: UnattributedFeedback): Promise<void>;
}

export const FEEDBACK_CASES_MAX = 100;
export const FEEDBACK_UNATTRIBUTED_MAX = 1000;

export function answerKey(prefix: string, eventId: string): string {
  return `${prefix}:fb:answer:${eventId}`;
}
export function countKey(prefix: string, what: 'answered' | Verdict): string {
  return `${prefix}:fb:${what}`;
}
export function casesKey(prefix: string, entryId: string): string {
  return `${prefix}:fb:cases:${entryId}`;
}
export function unattributedKey(prefix: string): string {
  return `${prefix}:fb:unattributed`;
}

// KEYS: answer hash, answered counts. ARGV: ttl ms, entryId, botId, chatId, userId, query, via, at.
const RECORD_ANSWER = `
if redis.call('HSETNX', KEYS[1], 'entryId', ARGV[2]) == 1 then
  redis.call('HSET', KEYS[1], 'botId', ARGV[3], 'chatId', ARGV[4], 'userId', ARGV[5], 'query', ARGV[6], 'via', ARGV[7], 'at', ARGV[8])
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

// KEYS: candidate answer hashes…, helpful counts, notHelpful counts. ARGV: rater, verdict.
// Returns false, or {index, entryId, query, previous verdict or '', changed 0/1}.
const RATE = `
local n = #KEYS
local counts = { helpful = KEYS[n - 1], notHelpful = KEYS[n] }
for i = 1, n - 2 do
  local entry = redis.call('HGET', KEYS[i], 'entryId')
  if entry then
    local query = redis.call('HGET', KEYS[i], 'query') or ''
    local field = 'v:' .. ARGV[1]
    local prev = redis.call('HGET', KEYS[i], field)
    local verdict = ARGV[2]
    if prev == verdict or (verdict == 'cancel' and not prev) then
      return {i, entry, query, prev or '', 0}
    end
    if prev and counts[prev] then redis.call('HINCRBY', counts[prev], entry, -1) end
    if verdict == 'cancel' then
      redis.call('HDEL', KEYS[i], field)
    else
      redis.call('HINCRBY', counts[verdict], entry, 1)
      redis.call('HSET', KEYS[i], field, verdict)
    end
    return {i, entry, query, prev or '', 1}
  end
end
return false`;

export class RedisFeedbackStore implements FeedbackStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async recordAnswer(a: AnswerRecord, ttlSeconds: number): Promise<void> {
    await this.redis.eval(
      RECORD_ANSWER,
      2,
      answerKey(this.prefix, a.eventId),
      countKey(this.prefix, 'answered'),
      String(Math.max(1, Math.round(ttlSeconds * 1000))),
      a.entryId,
      a.botId,
      a.chatId,
      a.userId,
      a.query,
      a.via,
      String(a.at),
    );
  }

  async rate(refs: readonly string[], rater: string, verdict: Verdict | 'cancel', c: Omit<FeedbackCase, 'answerEventId' | 'query'>): Promise<RateResult> {
    const unique = [...new Set(refs)].filter(Boolean);
    if (!unique.length) return { found: false };
    const keys = [...unique.map((r) => answerKey(this.prefix, r)), countKey(this.prefix, 'helpful'), countKey(this.prefix, 'notHelpful')];
    const res = (await this.redis.eval(RATE, keys.length, ...keys, rater, verdict)) as [number, string, string, string, number] | null;
    if (!res) return { found: false };
    const [index, entryId, query, previous, changed] = res;
    const ref = unique[index - 1]!;
    if (changed && verdict === 'notHelpful') {
      const record: FeedbackCase = { ...c, answerEventId: ref, query };
      const key = casesKey(this.prefix, entryId);
      await this.redis.multi().lpush(key, JSON.stringify(record)).ltrim(key, 0, FEEDBACK_CASES_MAX - 1).exec();
    }
    return { found: true, ref, entryId, query, ...(previous ? { previous: previous as Verdict } : {}), changed: changed === 1 };
  }

  async recordUnattributed(u: UnattributedFeedback): Promise<void> {
    const key = unattributedKey(this.prefix);
    await this.redis.multi().lpush(key, JSON.stringify(u)).ltrim(key, 0, FEEDBACK_UNATTRIBUTED_MAX - 1).exec();
  }
}

// ---------- readers (admin dashboard, `kb` reports) ----------

export interface EntryFeedback {
  answered: number;
  helpful: number;
  notHelpful: number;
}

/** Totals per entry id, for every entry that was answered or rated. */
export async function feedbackReport(redis: Redis, prefix: string): Promise<Record<string, EntryFeedback>> {
  const [answered, helpful, notHelpful] = await Promise.all([
    redis.hgetall(countKey(prefix, 'answered')),
    redis.hgetall(countKey(prefix, 'helpful')),
    redis.hgetall(countKey(prefix, 'notHelpful')),
  ]);
  const out: Record<string, EntryFeedback> = {};
  const add = (counts: Record<string, string>, field: keyof EntryFeedback): void => {
    for (const [id, n] of Object.entries(counts)) (out[id] ??= { answered: 0, helpful: 0, notHelpful: 0 })[field] = Math.max(0, Number(n) || 0);
  };
  add(answered, 'answered');
  add(helpful, 'helpful');
  add(notHelpful, 'notHelpful');
  return out;
}

/** The most recent negative cases of one entry, newest first. */
export async function recentFeedbackCases(redis: Redis, prefix: string, entryId: string, limit = 20): Promise<FeedbackCase[]> {
  const rows = await redis.lrange(casesKey(prefix, entryId), 0, Math.max(0, limit - 1));
  return rows.map((r) => JSON.parse(r) as FeedbackCase);
}

/** WeCom feedback that could not be tied to an answer, newest first. */
export async function unattributedFeedback(redis: Redis, prefix: string, limit = 50): Promise<UnattributedFeedback[]> {
  const rows = await redis.lrange(unattributedKey(prefix), 0, Math.max(0, limit - 1));
  return rows.map((r) => JSON.parse(r) as UnattributedFeedback);
}
