/**
 * Segmentation. Words come from jieba (search mode, so 收银机 also yields 收银 and a typo in one
 * half of a compound still shares a word), then fillers are dropped and synonyms canonicalised.
 * Character bigrams are the second, segmentation-free signal for typos and unknown words.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normalizeText } from './normalize';
import { STOPWORDS } from './stopwords';
import { SYNONYM_WORDS, canonicalText, canonicalWord } from './synonyms';

/** Store vocabulary the default jieba dictionary splits apart. */
const DOMAIN_WORDS = ['小程序', '出杯', '出餐', '效期', '健康证', '扫码枪', '小票机', '标签机', '收银员', '退单', '饿了么', '抖音团购', '排班表'];

let jieba: Jieba | undefined;

/** Loading the dictionary takes ~200 ms, so it happens once, on first use. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const extra = [...new Set([...SYNONYM_WORDS, ...DOMAIN_WORDS])].filter((w) => w.length > 1);
    jieba.loadDict(Buffer.from(extra.map((w) => `${w} 3000 n`).join('\n') + '\n'));
  }
  return jieba;
}

/** Words of already-normalised text: segmented, fillers dropped, synonyms canonicalised. */
export function tokenizeNormalized(normalized: string): string[] {
  if (!normalized) return [];
  const out: string[] = [];
  for (const raw of segmenter().cutForSearch(normalized, true)) {
    const word = raw.trim();
    if (!word || STOPWORDS.has(word)) continue;
    out.push(canonicalWord(word));
  }
  return out;
}

/** jieba words of the normalized text, stopwords dropped. */
export function tokenize(s: string): string[] {
  return tokenizeNormalized(normalizeText(s));
}

/** Plain jieba words (precise mode, no stopwords, no synonyms): what the baseline BM25 indexes. */
export function plainJiebaWords(s: string): string[] {
  return segmenter()
    .cut(normalizeText(s), false)
    .map((w) => w.trim())
    .filter(Boolean);
}

// Particles that are almost never part of a word; dropping them keeps 好了吗/好了吧 from differing.
const SENTENCE_PARTICLES: ReadonlySet<string> = new Set([...'吗呢啊吧呀哦嘛哈啦']);

/**
 * Overlapping character bigrams of normalised text (synonyms canonicalised, spaces and particles
 * removed); one-character texts give the
 * character itself so that they still match something.
 */
export function charBigrams(normalized: string): string[] {
  const chars = [...canonicalText(normalized).replace(/ /g, '')].filter((c) => !SENTENCE_PARTICLES.has(c));
  if (chars.length === 1) return [chars[0] as string];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
