/**
 * The searchable knowledge base. Every entry's standard question and each similar question is a
 * document of its own; an entry scores as its best-matching document. Retrieval runs BM25 over
 * precomputed postings (words and character bigrams), then the short list is re-scored with the
 * calibrated confidence of ./confidence.
 */
import { similarity, withRivalPenalty } from './confidence';
import { decideOnCandidates } from './decide';
import { normalizeText } from './normalize';
import { TermIndex } from './term-index';
import { charBigrams, tokenizeNormalized } from './tokenize';
import type { DecideOptions, KbCandidate, KbDecision, KbEntry, SearchOptions } from './types';

/** How many documents survive BM25 retrieval to be re-scored; generous so rescoring can reorder. */
const RERANK_DEPTH = 60;
const DEFAULT_LIMIT = 10;
// Bigrams are noisier than words, so they count for less in the retrieval sum.
const GRAM_RETRIEVAL_WEIGHT = 0.7;

interface QuestionDoc {
  entry: number;
  text: string;
}

interface PreparedQuery {
  words: string[];
  grams: string[];
  wordSet: Set<string>;
  gramSet: Set<string>;
}

function tagsApply(entryTags: Record<string, string> | undefined, groupTags: Record<string, string> | undefined): boolean {
  if (!entryTags || !groupTags) return true;
  return Object.entries(entryTags).every(([k, v]) => groupTags[k] === v);
}

export class KnowledgeBase {
  private readonly entries: readonly KbEntry[];
  private readonly byId: ReadonlyMap<string, number>;
  private readonly docs: readonly QuestionDoc[];
  private readonly words: TermIndex;
  private readonly grams: TermIndex;
  // Scratch buffers reused by every search (searches are synchronous, so never shared).
  private readonly wordScores: Float64Array;
  private readonly gramScores: Float64Array;

  private constructor(entries: readonly KbEntry[]) {
    const byId = new Map<string, number>();
    const docs: QuestionDoc[] = [];
    entries.forEach((e, i) => {
      if (byId.has(e.id)) throw new Error(`duplicate knowledge-base id "${e.id}"`);
      byId.set(e.id, i);
      const seen = new Set<string>();
      for (const text of [e.question, ...e.similar]) {
        const key = normalizeText(text);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        docs.push({ entry: i, text });
      }
    });
    this.entries = entries;
    this.byId = byId;
    this.docs = docs;
    const normalized = docs.map((d) => normalizeText(d.text));
    this.words = new TermIndex(normalized.map(tokenizeNormalized));
    this.grams = new TermIndex(normalized.map(charBigrams));
    this.wordScores = new Float64Array(docs.length);
    this.gramScores = new Float64Array(docs.length);
  }

  /** Builds the index; throws on duplicate ids. */
  static build(entries: KbEntry[]): KnowledgeBase {
    return new KnowledgeBase([...entries]);
  }

  get size(): number {
    return this.entries.length;
  }

  getEntry(id: string): KbEntry | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  search(query: string, opts: SearchOptions = {}): KbCandidate[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const normalized = normalizeText(query);
    const words = tokenizeNormalized(normalized);
    const grams = charBigrams(normalized);
    if (!grams.length || limit <= 0) return [];
    const q: PreparedQuery = { words, grams, wordSet: new Set(words), gramSet: new Set(grams) };

    const shortList = this.retrieve(q, opts.groupTags);
    const wordQueryMass = this.words.idfMass(q.wordSet);
    const gramQueryMass = this.grams.idfMass(q.gramSet);

    // Best document per entry.
    const bestByEntry = new Map<number, { score: number; doc: number; retrieval: number }>();
    for (const { doc, retrieval, bm25Ratio } of shortList) {
      const w = this.words.overlap(q.wordSet, doc);
      const g = this.grams.overlap(q.gramSet, doc);
      const score = similarity({
          wordMatched: w.matched,
          wordQuery: wordQueryMass,
          wordDoc: w.docMass,
          gramMatched: g.matched,
          gramQuery: gramQueryMass,
          gramDoc: g.docMass,
          bm25Ratio,
      });
      const entry = this.docs[doc]!.entry;
      const prev = bestByEntry.get(entry);
      if (!prev || score > prev.score || (score === prev.score && retrieval > prev.retrieval)) bestByEntry.set(entry, { score, doc, retrieval });
    }
    const ranked = [...bestByEntry.entries()].sort(([, a], [, b]) => b.score - a.score || b.retrieval - a.retrieval);
    // The rival penalty needs the runner-up even when the caller asked for one candidate only.
    const confidences = withRivalPenalty(ranked.slice(0, Math.max(limit, 2)).map(([, best]) => best.score));
    return ranked.slice(0, limit).map(([entry, { doc }], i) => {
      const e = this.entries[entry]!;
      return { id: e.id, question: e.question, score: Math.round(confidences[i]! * 1e4) / 1e4, matched: this.docs[doc]!.text };
    });
  }

  decide(query: string, opts: DecideOptions): KbDecision {
    const candidates = this.search(query, { limit: DEFAULT_LIMIT, groupTags: opts.groupTags });
    const { decision, reason } = decideOnCandidates(candidates, opts);
    const best = decision === 'answer' && candidates[0] ? this.getEntry(candidates[0].id) : undefined;
    return best ? { decision, candidates, best, reason } : { decision, candidates, reason };
  }

  /** BM25 over words + bigrams via postings; returns the top documents with their BM25 ratio. */
  private retrieve(q: PreparedQuery, groupTags: Record<string, string> | undefined): Array<{ doc: number; retrieval: number; bm25Ratio: number }> {
    const wordTouched: number[] = [];
    const gramTouched: number[] = [];
    const wordSelf = this.words.accumulateBm25(q.words, this.wordScores, wordTouched, 1);
    const gramSelf = this.grams.accumulateBm25(q.grams, this.gramScores, gramTouched, 1);
    const scored: Array<{ doc: number; retrieval: number; bm25Ratio: number }> = [];
    // A document touched by both indexes is in both lists; gramTouched skips the ones words had.
    const candidates = wordTouched.concat(gramTouched.filter((doc) => this.wordScores[doc] === 0));
    for (const doc of candidates) {
      const wordRatio = wordSelf > 0 ? this.wordScores[doc]! / wordSelf : 0;
      const gramRatio = gramSelf > 0 ? this.gramScores[doc]! / gramSelf : 0;
      if (tagsApply(this.entries[this.docs[doc]!.entry]!.tags, groupTags)) {
        const bm25Ratio = wordSelf > 0 ? wordRatio : gramRatio;
        scored.push({ doc, retrieval: wordRatio + GRAM_RETRIEVAL_WEIGHT * gramRatio, bm25Ratio });
      }
    }
    // Reset only what this query touched: O(touched), not O(all documents).
    for (const doc of wordTouched) this.wordScores[doc] = 0;
    for (const doc of gramTouched) this.gramScores[doc] = 0;
    return topK(scored, RERANK_DEPTH, (s) => s.retrieval);
  }
}

/** The k items with the highest key, best first: a size-k min-heap, O(n log k). */
function topK<T>(items: readonly T[], k: number, key: (item: T) => number): T[] {
  const heap: Array<{ item: T; key: number }> = [];
  const swap = (i: number, j: number): void => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const item of items) {
    const v = key(item);
    if (heap.length < k) {
      heap.push({ item, key: v });
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.key <= heap[i]!.key) break;
        swap(i, parent);
        i = parent;
      }
    } else if (k > 0 && v > heap[0]!.key) {
      heap[0] = { item, key: v };
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && heap[l]!.key < heap[min]!.key) min = l;
        if (r < heap.length && heap[r]!.key < heap[min]!.key) min = r;
        if (min === i) break;
        swap(i, min);
        i = min;
      }
    }
  }
  return heap.sort((a, b) => b.key - a.key).map((h) => h.item);
}
