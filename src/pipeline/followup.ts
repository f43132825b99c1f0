/**
 * Short follow-ups that only make sense with the previous question: after "外卖退款怎么处理",
 * "那会员卡呢？" means "会员卡退款怎么处理". Pure (jieba segmentation is deterministic); the KB is
 * reached only through the `score` callback, so the policy is testable on its own.
 *
 *   parseFollowUp      is the message a follow-up, and what is its new subject ("会员卡")?
 *   followUpQueries    the previous question with one of its subjects replaced by the new one
 *   pickFollowUp       the variant the KB answers most confidently, if it beats the message alone
 */
import { normalizeText } from '../kb/normalize';
import { cutPrecise } from '../kb/tokenize';

export interface FollowUp {
  /** `topic`: a new subject for the previous question; `more`: "还有呢" — what else is there? */
  kind: 'topic' | 'more';
  /** The new subject ("会员卡"); empty for `more`. */
  core: string;
}

/** Normalised characters above which a message is a question of its own, not a follow-up. */
export const FOLLOW_UP_MAX_CHARS = 14;
/** The new subject is a noun phrase, not a sentence. */
const CORE_MAX_CHARS = 6;
const CORE_MAX_WORDS = 2;

// Order matters: longest first.
const LEADS = ['那如果是', '那要是', '那如果', '如果是', '那假如', '那么', '要是', '还有', '另外', '那'];
// 那个/那些/那边… are "that", not "then": "那个收银机呢" is not led by 那.
const DEMONSTRATIVE = /^那(?:个|些|边|里|天|时|种|家|台|位|样|次|儿)/u;
const TRAILS = /(?:也一样|也是这样|也这样|也是|一样)?(?:吗|呢|么)$/u;
const OF = /(?:的话|的)$/u;
const MORE_CORES = new Set(['', '别的', '其他', '其他的', '其它', '其它的', '别的办法', '其他办法', '别的方法', '其他方法', '没有', '然后']);
const MORE_MESSAGES = new Set(['然后呢', '其他呢', '别的呢', '还有吗', '还有呢', '还有别的吗', '还有其他的吗', '还有没有', '还有别的办法吗', '还有其他办法吗']);

/** Words that carry no subject: question words, particles, auxiliaries. */
const FUNCTION_WORDS = new Set([
  '怎么', '怎么办', '怎么样', '怎样', '如何', '什么', '啥', '哪里', '哪些', '哪个', '多少', '几点', '几号', '为什么', '为啥', '咋', '咋办',
  '吗', '呢', '吧', '啊', '呀', '了', '的', '地', '得', '着', '过', '么', '嘛',
  '是', '要', '能', '会', '可以', '可不可以', '能不能', '需要', '应该', '有', '没有', '没', '不', '也', '都', '还', '就', '再', '又', '在', '上', '下', '里', '给', '把', '被', '让', '跟', '和', '与', '或',
  '我', '我们', '你', '您', '他', '她', '它', '这', '那', '这个', '那个', '一下', '现在', '今天', '请问', '麻烦', '如果', '那么', '还有',
]);

/** 怎么处理, 如何操作, 咋弄: question phrases jieba keeps whole. */
const QUESTION_WORD = /^(?:怎么|怎样|如何|咋|为什么|为啥|什么|多少|哪)/u;

function isContent(w: string): boolean {
  return !FUNCTION_WORDS.has(w) && !QUESTION_WORD.test(w) && ([...w].length >= 2 || /^[a-z0-9]+$/.test(w));
}

function words(normalized: string): string[] {
  return cutPrecise(normalized)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Words of a text that name things (not question words or particles). */
export function contentWords(text: string): string[] {
  const t = normalizeText(text).replace(/ /g, '');
  return t ? words(t).filter(isContent) : [];
}

export function parseFollowUp(text: string): FollowUp | undefined {
  const t = normalizeText(text).replace(/ /g, '');
  if (!t || [...t].length > FOLLOW_UP_MAX_CHARS) return undefined;
  if (MORE_MESSAGES.has(t)) return { kind: 'more', core: '' };
  let core = t;
  let lead = '';
  if (!DEMONSTRATIVE.test(core)) lead = LEADS.find((l) => core.startsWith(l)) ?? '';
  core = core.slice(lead.length);
  const trail = TRAILS.exec(core);
  const asks = Boolean(trail && /呢$/u.test(trail[0]));
  if (trail) core = core.slice(0, trail.index);
  core = core.replace(OF, '');
  // A follow-up is led by 那/还有… or ends with 呢; "外卖吗" alone is not one.
  if (!lead && !asks) return undefined;
  if (MORE_CORES.has(core)) return lead === '还有' || lead === '另外' || (!lead && asks && core === '') ? { kind: 'more', core: '' } : undefined;
  if ([...core].length < 2 || [...core].length > CORE_MAX_CHARS) return undefined;
  const all = words(core);
  // "那我怎么补卡" asks a question of its own.
  if (all.some((w) => QUESTION_WORD.test(w) || w === '吗')) return undefined;
  const named = all.filter(isContent);
  if (!named.length || named.length > CORE_MAX_WORDS) return undefined;
  return { kind: 'topic', core };
}

/** How much more confident a later variant must be than an earlier one to be picked instead. */
const LATER_VARIANT_MARGIN = 0.05;

/** At most this many variants are scored per follow-up. */
export const MAX_VARIANTS = 8;

/**
 * The previous question with its subject replaced by the follow-up's: each content word (and each
 * pair of adjacent ones) in turn, head first, then the new subject put in front of the whole
 * question. "外卖退款怎么处理" + "会员卡" → 会员卡退款怎么处理, 外卖会员卡怎么处理, …
 */
export function followUpQueries(core: string, previousQuery: string): string[] {
  const prev = normalizeText(previousQuery).replace(/ /g, '');
  const ws = words(prev);
  const out: string[] = [];
  const add = (q: string): void => {
    if (q && q !== prev && !out.includes(q)) out.push(q);
  };
  const positions = ws.map((w, i) => (isContent(w) ? i : -1)).filter((i) => i >= 0);
  for (const i of positions) add([...ws.slice(0, i), core, ...ws.slice(i + 1)].join(''));
  for (const i of positions) if (positions.includes(i + 1)) add([...ws.slice(0, i), core, ...ws.slice(i + 2)].join(''));
  add(core + prev);
  return out.slice(0, MAX_VARIANTS);
}

export interface ScoredQuery {
  decision: 'answer' | 'clarify' | 'none';
  /** The best entry and its confidence, if any. */
  entryId?: string;
  score: number;
}

export interface FollowUpPick {
  query: string;
  entryId: string;
  score: number;
}

/**
 * The variant the KB would answer with the highest confidence, with an entry other than the one
 * already given (repeating it is no answer to "那会员卡呢"). Undefined when nothing is confident or
 * when the message alone is answered at least as confidently: then it was a question of its own.
 */
export function pickFollowUp(variants: readonly string[], score: (query: string) => ScoredQuery, opts: { previousEntryId: string; alone?: ScoredQuery }): FollowUpPick | undefined {
  let best: FollowUpPick | undefined;
  for (const query of variants) {
    const s = score(query);
    if (s.decision !== 'answer' || !s.entryId || s.entryId === opts.previousEntryId) continue;
    // Variants come head-substitution first (the likeliest reading); a later one must be clearly
    // more confident to win, not just tie at the top of the scale.
    if (!best || s.score > best.score + LATER_VARIANT_MARGIN) best = { query, entryId: s.entryId, score: s.score };
  }
  if (!best) return undefined;
  const alone = opts.alone;
  if (alone?.decision === 'answer' && alone.score >= best.score) return undefined;
  return best;
}
