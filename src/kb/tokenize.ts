/**
 * Segmentation with jieba. One process-wide segmenter: the dictionary takes ~200 ms to load, so it
 * is loaded once, on first use, and later KBs only add words to it (synonyms, domain words, words
 * learnt from the KB itself). Adding a word never removes one, so KBs built earlier stay valid.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Store vocabulary the default jieba dictionary splits apart. */
const DOMAIN_WORDS = ['小程序', '出杯', '出餐', '效期', '健康证', '扫码枪', '小票机', '标签机', '收银员', '退单', '饿了么', '抖音团购', '排班表', '杯贴', '制冰机', '封口机', '门店'];

let jieba: Jieba | undefined;
const known = new Set<string>();

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    addWords(DOMAIN_WORDS);
  }
  return jieba;
}

/** Teaches the segmenter words it should keep whole (idempotent; cheap for words it has seen). */
export function addWords(words: Iterable<string>): void {
  const seg = segmenter();
  const fresh = [...words].map((w) => w.trim().toLowerCase()).filter((w) => [...w].length > 1 && !/\s/.test(w) && !known.has(w));
  if (!fresh.length) return;
  for (const w of fresh) known.add(w);
  seg.loadDict(Buffer.from(fresh.map((w) => `${w} 3000 n`).join('\n') + '\n'));
}

/**
 * Search-mode words (收银机 also yields 收银). HMM is off: on short chat text it invents words from
 * whatever characters meet (券是灰的 → 券是, 金卡要多少 → 金卡要), which then match nothing. Words the
 * stock dictionary lacks are learnt from the KB itself instead (KbWordLearner), so questions and
 * queries are cut the same way.
 */
export function cutForSearch(text: string): string[] {
  return segmenter().cutForSearch(text, false);
}

/** Precise-mode words of already-normalised text. */
export function cutPrecise(text: string): string[] {
  return segmenter().cut(text, false);
}

let plainJieba: Jieba | undefined;

/**
 * Plain jieba words (stock dictionary, precise mode; no stopwords, synonyms or learnt words) of
 * text folded only for width, case and punctuation: what the baseline BM25 indexes. It has its own
 * segmenter so that nothing the engine teaches jieba leaks into the baseline.
 */
export function plainJiebaWords(s: string): string[] {
  plainJieba ??= Jieba.withDict(dict);
  const folded = s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
  return plainJieba
    .cut(folded, false)
    .map((w) => w.trim())
    .filter(Boolean);
}
