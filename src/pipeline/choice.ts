/**
 * Reading the answer to a clarifying question ("您是想问哪一个？1. … 2. … 3. …"). Pure.
 *
 * A choice is either a number standing alone — 2, ２, 2号, 第二个, 选2, 二, 就第2个吧, ②, 最后一个 —
 * or a piece of one offered question that fits it clearly better than the others ("会员卡的" when
 * only one option is about 会员卡). A number inside a longer message ("2号店收银机坏了") is not a
 * choice; neither is a number out of range.
 */
import { chineseNumeralValue, normalizeText } from '../kb/normalize';

export interface ChoiceOption {
  id: string;
  question: string;
}

export interface Choice {
  /** 0-based index into the offered options. */
  index: number;
  how: 'number' | 'text';
  /** What in the message made it a choice, for the decision reason. */
  evidence: string;
}

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const LEAD = /^(?:我选|我要|我问的是|问的是|我想问的是|应该是|就选|就是|那就|选|要|就|是|问)+/u;
const TAIL = /(?:这个|那个)?(?:问题)?(?:吧|啊|呀|哦|呢|哈|嘛|啦|了)*$/u;
const ORDINAL = /^(?:第)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:个|条|项|号|种|点)?$/u;
const LAST = /^(?:最后一个|最后那个|最后一条|最后一项|最后)$/u;

/** The 1-based number a reply like "第二个" stands for, or undefined. */
export function parseOrdinal(text: string): number | undefined {
  let t = text.normalize('NFKC').toLowerCase().replace(NON_WORD, '');
  if (!t) return undefined;
  t = t.replace(LEAD, '');
  t = t.replace(TAIL, '');
  if (LAST.test(t)) return -1;
  const m = ORDINAL.exec(t);
  if (!m) return undefined;
  const raw = m[1]!;
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : chineseNumeralValue(raw);
  return n !== undefined && n > 0 ? n : undefined;
}

// Words every candidate question shares (怎么办, 吗…): they say nothing about which one is meant.
const GENERIC = /怎么办|怎么样|怎么弄|怎么处理|怎么操作|怎么回事|怎么|如何|什么|哪里|哪些|哪个|多少|为什么|能不能|可不可以|可以|需要|要不要|一下|吗|呢|吧|啊|呀|的|了|是|我|想|问|就|选|那个|这个/gu;

function content(s: string): string {
  return normalizeText(s).replace(/ /g, '').replace(GENERIC, '');
}

function grams(s: string): Set<string> {
  const chars = [...s];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of the reply's character bigrams found in the question (1 = the reply is part of it). */
export function overlap(reply: string, question: string): number {
  const r = grams(content(reply));
  if (!r.size) return 0;
  const q = grams(content(question));
  let hit = 0;
  for (const g of r) if (q.has(g)) hit++;
  return hit / r.size;
}

/** A text choice must cover this much of the reply… */
export const TEXT_CHOICE_MIN = 0.6;
/** …and beat the runner-up by this much. */
export const TEXT_CHOICE_MARGIN = 0.3;
/** Longer replies are new questions, not choices. */
const TEXT_CHOICE_MAX_CHARS = 16;

export function parseChoice(text: string, options: readonly ChoiceOption[]): Choice | undefined {
  if (!options.length) return undefined;
  const n = parseOrdinal(text);
  if (n !== undefined) {
    const index = n === -1 ? options.length - 1 : n - 1;
    return index >= 0 && index < options.length ? { index, how: 'number', evidence: text.trim() } : undefined;
  }
  const reply = content(text);
  if ([...reply].length < 2 || [...reply].length > TEXT_CHOICE_MAX_CHARS) return undefined;
  const scores = options.map((o) => overlap(text, o.question));
  const ranked = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
  const [best, second] = ranked;
  if (!best || best.s < TEXT_CHOICE_MIN) return undefined;
  if (second && best.s - second.s < TEXT_CHOICE_MARGIN) return undefined;
  return { index: best.i, how: 'text', evidence: `"${text.trim()}" fits option ${best.i + 1} (${best.s.toFixed(2)} vs ${(second?.s ?? 0).toFixed(2)})` };
}
