/**
 * Pair features of (query, KB question): how much of each side's information the other covers, per
 * signal, plus a few shape and meaning checks. Every feature is a ratio or a flag, never a raw
 * BM25 score, so a model fitted on one KB transfers to a KB of another size.
 */
import type { AnalyzedText } from './analyzer';
import type { PreparedTerms, TermIndex } from './term-index';

export const FEATURE_NAMES = [
  'bias',
  'word_q',
  'word_d',
  'gram_q',
  'gram_d',
  'char_q',
  'char_d',
  'pinyin_q',
  'pinyin_d',
  'bm25',
  'lcs',
  'len_ratio',
  'miss_q',
  'miss_d',
  'qtype_same',
  'qtype_differs',
  'negation_differs',
  'word_min',
  'char_min',
  'gram_min',
  'lcseq',
  'lcseq_q',
  'lcseq_d',
  'wordn_q',
  'wordn_d',
  'charn_q',
  'charn_d',
  'gramn_q',
  'gramn_d',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Which way each feature may push a fitted model (1 = more means more alike, -1 = more means less
 * alike, 0 = free). Fitting with these constraints keeps a model sensible outside the data it was
 * fitted on: on AFQMC's hard negatives, unconstrained fits gave "a missing key word makes a
 * paraphrase likelier", which a store KB punishes at once.
 */
export const FEATURE_SIGNS: Readonly<Record<FeatureName, number>> = {
  bias: 0,
  word_q: 1,
  word_d: 1,
  gram_q: 1,
  gram_d: 1,
  char_q: 1,
  char_d: 1,
  pinyin_q: 1,
  pinyin_d: 1,
  bm25: 1,
  lcs: 1,
  len_ratio: 1,
  miss_q: -1,
  miss_d: -1,
  qtype_same: 1,
  qtype_differs: -1,
  negation_differs: -1,
  word_min: 1,
  char_min: 1,
  gram_min: 1,
  lcseq: 1,
  lcseq_q: 1,
  lcseq_d: 1,
  wordn_q: 1,
  wordn_d: 1,
  charn_q: 1,
  charn_d: 1,
  gramn_q: 1,
  gramn_d: 1,
};
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** What the feature code needs of a question, precomputed at index time. */
export interface PreparedDoc {
  /** code points of the matched text without spaces (integers: the substring DP compares them) */
  compact: Int32Array;
  qtype: AnalyzedText['qtype'];
  /**
   * Whether the question asks in the negative (不能/没有). Undefined for a statement (an answer):
   * an answer saying 不要 or 没有 is not the opposite of a question asking 能不能, so the polarity
   * check does not apply to it.
   */
  negated: boolean | undefined;
  match: string;
}

/** What the feature code needs of a query, computed once per search. */
export interface PreparedQuery {
  analyzed: AnalyzedText;
  compact: Int32Array;
  /** unique terms per signal, resolved against their index */
  words: PreparedTerms;
  grams: PreparedTerms;
  chars: PreparedTerms;
  pinyin: PreparedTerms;
  /** idf mass of each signal's unique query terms */
  wordMass: number;
  gramMass: number;
  charMass: number;
  pinyinMass: number;
}

export interface Indexes {
  words: TermIndex;
  grams: TermIndex;
  chars: TermIndex;
  pinyin: TermIndex;
}

export function compactChars(match: string): Int32Array {
  return Int32Array.from(match.replace(/ /g, ''), (ch) => ch.codePointAt(0)!);
}

const mass = (t: PreparedTerms): number => t.idfs.reduce((sum, v) => sum + v, 0);

export function prepareQuery(analyzed: AnalyzedText, ix: Indexes): PreparedQuery {
  const words = ix.words.prepare(new Set(analyzed.words));
  const grams = ix.grams.prepare(new Set(analyzed.grams));
  const chars = ix.chars.prepare(new Set(analyzed.chars));
  const pinyin = ix.pinyin.prepare(new Set(analyzed.pinyin));
  return {
    analyzed,
    compact: compactChars(analyzed.match),
    words,
    grams,
    chars,
    pinyin,
    wordMass: mass(words),
    gramMass: mass(grams),
    charMass: mass(chars),
    pinyinMass: mass(pinyin),
  };
}

const ratio = (a: number, b: number): number => (b > 0 ? Math.min(1, a / b) : 0);
const share = (count: number, total: number): number => (total > 0 ? count / total : 0);

// Scratch for the four overlap measures of one candidate (searches are synchronous).
const overlapScratch = new Float64Array(20);

// Scratch rows for the two DPs below (searches are synchronous, so never shared).
let substringRow = new Int32Array(64);
let subsequenceRow = new Int32Array(64);
// One result object, overwritten by every call (read it before the next).
const runsScratch = { substring: 0, subsequence: 0 };

/**
 * In one pass over the two code-point arrays: the longest common substring (characters in a row)
 * and the longest common subsequence (characters in the same order, gaps allowed). The result
 * object is reused by the next call.
 */
export function commonRuns(a: Int32Array, b: Int32Array): { substring: number; subsequence: number } {
  const out = runsScratch;
  out.substring = 0;
  out.subsequence = 0;
  if (!a.length || !b.length) return out;
  if (substringRow.length < b.length + 1) {
    substringRow = new Int32Array(b.length * 2 + 1);
    subsequenceRow = new Int32Array(b.length * 2 + 1);
  }
  const sub = substringRow;
  const seq = subsequenceRow;
  sub.fill(0, 0, b.length + 1);
  seq.fill(0, 0, b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    let subDiag = 0;
    let seqDiag = 0;
    const ai = a[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const subUp = sub[j]!;
      const seqUp = seq[j]!;
      if (ai === b[j - 1]) {
        const v = subDiag + 1;
        sub[j] = v;
        if (v > best) best = v;
        seq[j] = seqDiag + 1;
      } else {
        sub[j] = 0;
        const left = seq[j - 1]!;
        seq[j] = seqUp > left ? seqUp : left;
      }
      subDiag = subUp;
      seqDiag = seqUp;
    }
  }
  out.substring = best;
  out.subsequence = seq[b.length]!;
  return out;
}

/**
 * Writes the features of (q, doc) into `out` (length FEATURE_COUNT), in FEATURE_NAMES order.
 * `bm25Ratio` is the doc's word BM25 over the query's self score.
 */
export function pairFeatures(q: PreparedQuery, doc: number, d: PreparedDoc, ix: Indexes, bm25Ratio: number, out: Float64Array): void {
  // matched mass / doc mass / largest missing idf / matched count / doc terms of words, grams,
  // chars, pinyin, at 0, 5, 10, 15
  const o = overlapScratch;
  ix.words.overlapInto(q.words, doc, o, 0);
  // only the words' largest missing idf is a feature (miss_q)
  ix.grams.overlapInto(q.grams, doc, o, 5, false);
  ix.chars.overlapInto(q.chars, doc, o, 10, false);
  ix.pinyin.overlapInto(q.pinyin, doc, o, 15, false);
  // The rarest word on each side that the other side lacks: a missing key term (借呗 for 花呗,
  // 发票 for 小票) sinks a pair however much else overlaps. Scaled by the KB's largest idf.
  const scale = ix.words.unseenIdf || 1;
  const missQ = o[2]! / scale;
  const missD = ix.words.maxDocOnlyIdf(q.words, doc) / scale;
  const runs = commonRuns(q.compact, d.compact);
  const lcs = runs.substring;
  const minLen = Math.min(q.compact.length, d.compact.length);
  const maxLen = Math.max(q.compact.length, d.compact.length);
  const qa = q.analyzed;
  let i = 0;
  out[i++] = 1;
  out[i++] = ratio(o[0]!, q.wordMass);
  out[i++] = ratio(o[0]!, o[1]!);
  out[i++] = ratio(o[5]!, q.gramMass);
  out[i++] = ratio(o[5]!, o[6]!);
  out[i++] = ratio(o[10]!, q.charMass);
  out[i++] = ratio(o[10]!, o[11]!);
  out[i++] = ratio(o[15]!, q.pinyinMass);
  out[i++] = ratio(o[15]!, o[16]!);
  out[i++] = Math.min(1, bm25Ratio);
  out[i++] = minLen ? lcs / minLen : 0;
  out[i++] = maxLen ? minLen / maxLen : 0;
  out[i++] = missQ;
  out[i++] = missD;
  out[i++] = qa.qtype && qa.qtype === d.qtype ? 1 : 0;
  out[i++] = qa.qtype && d.qtype && qa.qtype !== d.qtype ? 1 : 0;
  out[i++] = d.negated !== undefined && qa.negated !== d.negated ? 1 : 0;
  // Both sides covered (an F-measure-like "and"): a linear model cannot form it from the two ratios.
  out[i++] = Math.min(out[1]!, out[2]!);
  out[i++] = Math.min(out[5]!, out[6]!);
  out[i++] = Math.min(out[3]!, out[4]!);
  // Characters shared in the same order, over the longer side: 花呗怎么还款 / 怎么还花呗 share 花呗 but not its place.
  const seq = runs.subsequence;
  out[i++] = maxLen ? seq / maxLen : 0;
  out[i++] = q.compact.length ? seq / q.compact.length : 0;
  out[i++] = d.compact.length ? seq / d.compact.length : 0;
  // The same coverage counting terms instead of idf mass: in a KB where every question names the
  // same product (花呗, 借呗), idf makes that word nearly free to miss, yet swapping it changes
  // the question; counts weigh it like any other term.
  out[i++] = share(o[3]!, q.words.terms.length);
  out[i++] = share(o[3]!, o[4]!);
  out[i++] = share(o[13]!, q.chars.terms.length);
  out[i++] = share(o[13]!, o[14]!);
  out[i++] = share(o[8]!, q.grams.terms.length);
  out[i] = share(o[8]!, o[9]!);
}

/** The second-look features, a subset of FEATURE_NAMES that costs one pass over the document's characters. */
const SECOND_LOOK_FEATURES: readonly FeatureName[] = ['char_q', 'char_d', 'char_min', 'charn_q', 'charn_d', 'len_ratio'];

/** The ranker's weights of the second-look features, in SECOND_LOOK_FEATURES order. */
export function secondLookWeightsOf(ranker: Readonly<Record<string, number>>): Float64Array {
  return Float64Array.from(SECOND_LOOK_FEATURES, (n) => ranker[n] ?? 0);
}

/**
 * The ranker's score restricted to character coverage and length (the same values pairFeatures
 * writes for them): cheap enough for every document retrieval gathers, and what the full ranker
 * leans on most, so it finds the paraphrases word BM25 placed too deep.
 */
export function secondLookScore(q: PreparedQuery, doc: number, d: PreparedDoc, ix: Indexes, w: Float64Array): number {
  const o = overlapScratch;
  ix.chars.overlapInto(q.chars, doc, o, 10, false);
  const charQ = ratio(o[10]!, q.charMass);
  const charD = ratio(o[10]!, o[11]!);
  const minLen = Math.min(q.compact.length, d.compact.length);
  const maxLen = Math.max(q.compact.length, d.compact.length);
  return (
    w[0]! * charQ +
    w[1]! * charD +
    w[2]! * Math.min(charQ, charD) +
    w[3]! * share(o[13]!, q.chars.terms.length) +
    w[4]! * share(o[13]!, o[14]!) +
    w[5]! * (maxLen ? minLen / maxLen : 0)
  );
}
