/**
 * What people say to the bot about its last reply: "没用" (the answer did not help), "转人工" (I want a
 * person), "解决了" (it helped). The phrase lists are data: the first two are admin-editable
 * (conversation.failurePhrases / conversation.handoffPhrases); the defaults are in phrase-lists.ts.
 *
 * A message matches a phrase when its first clause, after leading softeners (这个, 好像, 还是, 麻烦…)
 * and trailing particles (啊, 吧, 呢…), is the phrase, or is the phrase followed by a particle and
 * more words ("没用啊还是连不上"). So "不对吧" and "完全答非所问，我问的是积分" match, while "对不对"
 * and "人工费怎么算" do not. A request for a person may also close the message as a clause of its own
 * ("收银机连不上，重启也没用，转人工吧"): callers ask for that with `trailing`.
 */
import { normalizeText } from '../kb/normalize';
import { SUCCESS_PHRASES } from './phrase-lists';

export { DEFAULT_FAILURE_PHRASES, DEFAULT_HANDOFF_PHRASES, SUCCESS_PHRASES } from './phrase-lists';

/** Said before the phrase without changing it: "这个没用", "好像不对", "麻烦转人工". Longest first. */
const SOFTENERS = [
  '你说的这个', '你这个回答', '你这个', '这个回答', '你说的', '回答的', '说的', '你的', '这个', '这样', '你这', '好像', '感觉', '还是', '但是', '可是', '但', '可',
  '别回答了', '不用回答了', '别答了', '你别说了', '算了', '我试了', '试过了', '试了', '都', '根本', '完全', '真的', '请帮我', '请', '麻烦', '帮我', '给我', '能不能', '可以', '能', '我想', '我要', '我', '那',
].sort((a, b) => b.length - a.length);
const THANKS = /^(?:谢谢|多谢|感谢|谢了|谢啦)+|(?:谢谢|多谢|感谢|谢了|谢啦)+$/gu;
const PARTICLES = '啊呀吗呢吧哈啦嘛哦喔哇了';
const LEADING_PARTICLES = new RegExp(`^[${PARTICLES}]+`, 'u');
const TRAILING_PARTICLES = new RegExp(`[${PARTICLES}]+$`, 'u');
const SOFTENER_SET = new Set(SOFTENERS);
/** Said after a request for a person without changing it (找个真人跟我说, 人工客服在吗, 转人工服务). */
const PHRASE_TAILS: ReadonlySet<string> = new Set(['在吗', '在不在', '在么', '跟我说', '和我说', '跟我聊', '来', '来一下', '过来', '处理', '处理一下', '回复', '回复一下', '谢谢', '服务', '客服']);
const QUESTION_END = /(?:[吗么没][\s\p{P}]*|[?？]\s*)$/u;
/** A phrase said several times over (人工人工人工, 转人工转人工) is the phrase said once. */
const REPEATED = /^(.{2,6}?)\1+$/u;
const CLAUSE_SPLIT = /[\s,，。.!！?？;；:：、~～…]+/u;

export interface PhraseMatch {
  /** The phrase as listed. */
  phrase: string;
  /** The rest of the message, for the hand-off reason ("还是连不上"). */
  detail: string;
}

const compiled = new WeakMap<readonly string[], ReadonlyArray<{ phrase: string; norm: string }>>();

function compile(phrases: readonly string[]): ReadonlyArray<{ phrase: string; norm: string }> {
  let c = compiled.get(phrases);
  if (!c) {
    c = phrases
      .map((phrase) => ({ phrase, norm: normalizeText(phrase).replace(/ /g, '') }))
      .filter((p) => p.norm)
      .sort((a, b) => b.norm.length - a.norm.length);
    compiled.set(phrases, c);
  }
  return c;
}

/** The words after `phrase` when `clause` is the phrase, optionally followed by particles and more words. */
function afterPhrase(clause: string, norm: string): string | undefined {
  if (!clause.startsWith(norm)) return undefined;
  const rest = clause.slice(norm.length);
  // 人工费 is not 人工; 找个真人跟我说 / 人工客服在吗 is the phrase with a short tail that adds nothing
  if (rest && !PARTICLES.includes(rest.charAt(0)) && !PHRASE_TAILS.has(rest.replace(TRAILING_PARTICLES, ''))) return undefined;
  return rest.replace(LEADING_PARTICLES, '');
}

function stripSofteners(s: string): string {
  let t = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of SOFTENERS) {
      if (t.startsWith(w) && t.length > w.length) {
        t = t.slice(w.length);
        changed = true;
        break;
      }
    }
  }
  return t;
}

function clauses(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(CLAUSE_SPLIT)
    .map((c) => normalizeText(c).replace(/ /g, '').replace(REPEATED, '$1'))
    .filter(Boolean);
}

/** Matches `text` against one of `phrases` (see the module comment for the rule). */
export function matchPhrase(text: string, phrases: readonly string[], opts: { trailing?: boolean } = {}): PhraseMatch | undefined {
  const all = clauses(text);
  const leading = matchFirstClause(all, phrases);
  if (leading || !opts.trailing || all.length < 2) return leading;
  // "收银机连不上网，试了重启也不行，转人工吧": the request may also close the message, said on its own.
  const last = all[all.length - 1]!.replace(TRAILING_PARTICLES, '');
  const list = compile(phrases);
  for (const clause of new Set([last, stripSofteners(last)])) {
    const p = list.find((x) => x.norm === clause);
    if (p) return { phrase: p.phrase, detail: all.slice(0, -1).join('，') };
  }
  return undefined;
}

function matchFirstClause(clauseList: readonly string[], phrases: readonly string[]): PhraseMatch | undefined {
  const all = [...clauseList];
  // "试了，还是不行": a lead-in clause of softeners only says nothing yet.
  const onlySoftener = (c: string): boolean => SOFTENER_SET.has(c) || SOFTENER_SET.has(c.replace(TRAILING_PARTICLES, ''));
  while (all.length > 1 && onlySoftener(all[0]!)) all.shift();
  const [first, ...rest] = all;
  if (!first) return undefined;
  const list = compile(phrases);
  // Try the clause as written first: a listed phrase may itself start with a softener (还是不行).
  for (const clause of new Set([first, stripSofteners(first)])) {
    for (const p of list) {
      const tail = afterPhrase(clause, p.norm);
      if (tail !== undefined) return { phrase: p.phrase, detail: [tail, ...rest].filter(Boolean).join('，') };
    }
  }
  return undefined;
}

/** A whole-message "it helped" ("解决了，谢谢"), or undefined. */
export function matchSuccess(text: string): string | undefined {
  // "解决了吗？" asks; it does not report.
  if (QUESTION_END.test(text)) return undefined;
  const joined = clauses(text).join('').replace(THANKS, '');
  if (!joined) return undefined;
  const list = compile(SUCCESS_PHRASES);
  for (const clause of new Set([joined, stripSofteners(joined)])) {
    const hit = list.find((p) => afterPhrase(clause, p.norm) === '');
    if (hit) return hit.phrase;
  }
  return undefined;
}
