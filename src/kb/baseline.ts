/**
 * The reference point every engine change is compared with: plain BM25 over jieba precise-mode
 * words of each question (no stopwords, synonyms, bigrams or calibration).
 */
import { TermIndex } from './term-index';
import { plainJiebaWords } from './tokenize';
import type { KbEntry } from './types';

export class PlainBm25Baseline {
  private readonly docEntry: number[] = [];
  private readonly index: TermIndex;
  private readonly scores: Float64Array;

  constructor(private readonly entries: readonly KbEntry[]) {
    const docs: string[][] = [];
    entries.forEach((e, i) => {
      for (const q of [e.question, ...e.similar]) {
        docs.push(plainJiebaWords(q));
        this.docEntry.push(i);
      }
    });
    this.index = new TermIndex(docs);
    this.scores = new Float64Array(docs.length);
  }

  /** Entry ids, best first (entry score = its best question's BM25). */
  rank(query: string, limit = 10): string[] {
    const touched: number[] = [];
    this.index.accumulateBm25(plainJiebaWords(query), this.scores, touched, 1);
    const best = new Map<number, number>();
    for (const doc of touched) {
      const entry = this.docEntry[doc]!;
      best.set(entry, Math.max(best.get(entry) ?? 0, this.scores[doc]!));
      this.scores[doc] = 0;
    }
    return [...best.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([entry]) => this.entries[entry]!.id);
  }
}
