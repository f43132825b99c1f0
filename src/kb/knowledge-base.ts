/**
 * The searchable knowledge base. Every entry's standard question and each similar question (相似问)
 * is a document of its own; an entry scores as its best-matching document.
 *   1. retrieval: BM25 over words and character bigrams, through precomputed postings, keeps the
 *      RERANK_DEPTH most promising documents;
 *   2. ranking: each is scored by the fitted ranker over pair features (features.ts);
 *   3. calibration: the best entry's score and its margin over the nearest rival become the
 *      probability that answering with it is right (model.ts); the decision bands apply to that.
 */
import { TextAnalyzer, learnKbWords, type AnalyzedText } from './analyzer';
import { decideOnCandidates } from './decide';
import { compactChars, FEATURE_COUNT, pairFeatures, prepareQuery, type Indexes, type PreparedDoc } from './features';
import { MatchModel } from './model';
import { SynonymTable, type SynonymGroup } from './synonyms';
import { TermIndex } from './term-index';
import { addWords } from './tokenize';
import type { DecideOptions, KbCandidate, KbDecision, KbEntry, SearchOptions } from './types';

/** How many documents survive retrieval to be ranked; generous so ranking can reorder. */
const RERANK_DEPTH = 50;
const DEFAULT_LIMIT = 10;
// Bigrams are noisier than words, so they count for less in the retrieval sum.
const GRAM_RETRIEVAL_WEIGHT = 0.7;

export interface KbBuildOptions {
  /** Admin synonym groups (kb.synonyms), added to the built-in ones. */
  synonyms?: readonly SynonymGroup[];
  model?: MatchModel;
}

interface QuestionDoc extends PreparedDoc {
  entry: number;
  text: string;
}

/** A ranked candidate before calibration (also what the fitter learns from). */
export interface RankedDoc {
  entry: number;
  doc: number;
  score: number;
  features: Float64Array;
}

function tagsApply(entryTags: Record<string, string> | undefined, groupTags: Record<string, string> | undefined): boolean {
  if (!entryTags || !groupTags) return true;
  return Object.entries(entryTags).every(([k, v]) => groupTags[k] === v);
}

export class KnowledgeBase {
  private readonly entries: readonly KbEntry[];
  private readonly byId: ReadonlyMap<string, number>;
  private readonly docs: readonly QuestionDoc[];
  private readonly ix: Indexes;
  private readonly analyzer: TextAnalyzer;
  readonly model: MatchModel;
  // Scratch buffers reused by every search (searches are synchronous, so never shared).
  private readonly wordScores: Float64Array;
  private readonly gramScores: Float64Array;

  private constructor(entries: readonly KbEntry[], opts: KbBuildOptions) {
    const synonyms = SynonymTable.withBuiltins(opts.synonyms);
    this.analyzer = new TextAnalyzer(synonyms);
    this.model = opts.model ?? MatchModel.default();
    const byId = new Map<string, number>();
    const texts: Array<{ entry: number; text: string }> = [];
    entries.forEach((e, i) => {
      if (byId.has(e.id)) throw new Error(`duplicate knowledge-base id "${e.id}"`);
      byId.set(e.id, i);
      for (const text of [e.question, ...e.similar]) texts.push({ entry: i, text });
    });
    // Words the KB uses that jieba does not know are learnt before anything is segmented.
    addWords(learnKbWords(texts.map((t) => t.text)));
    const docs: QuestionDoc[] = [];
    const analyzed: AnalyzedText[] = [];
    const seen = new Set<string>();
    for (const { entry, text } of texts) {
      const a = this.analyzer.analyze(text);
      const key = `${entry}\u0000${a.match}`;
      if (!a.match || seen.has(key)) continue;
      seen.add(key);
      analyzed.push(a);
      docs.push({ entry, text, compact: compactChars(a.match), qtype: a.qtype, negated: a.negated, match: a.match });
    }
    this.entries = entries;
    this.byId = byId;
    this.docs = docs;
    this.ix = {
      words: new TermIndex(analyzed.map((a) => a.words)),
      grams: new TermIndex(analyzed.map((a) => a.grams)),
      chars: new TermIndex(analyzed.map((a) => a.chars)),
      pinyin: new TermIndex(analyzed.map((a) => a.pinyin)),
    };
    this.wordScores = new Float64Array(docs.length);
    this.gramScores = new Float64Array(docs.length);
  }

  /** Builds the index; throws on duplicate ids. */
  static build(entries: KbEntry[], opts: KbBuildOptions = {}): KnowledgeBase {
    return new KnowledgeBase([...entries], opts);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Number of indexed questions (standard + similar, after de-duplication). */
  get questionCount(): number {
    return this.docs.length;
  }

  getEntry(id: string): KbEntry | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  /** The signals the matcher sees for a text (for `kb search` and tests). */
  analyze(text: string): AnalyzedText {
    return this.analyzer.analyze(text);
  }

  search(query: string, opts: SearchOptions = {}): KbCandidate[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    const ranked = this.rankEntries(query, opts.groupTags);
    return ranked.slice(0, limit).map((r, i) => {
      const rival = i === 0 ? ranked[1]?.score : ranked[0]!.score;
      const e = this.entries[r.entry]!;
      return { id: e.id, question: e.question, score: round4(this.model.confidence(r.score, rival, r.features)), matched: this.docs[r.doc]!.text, rankScore: round4(r.score) };
    });
  }

  decide(query: string, opts: DecideOptions): KbDecision {
    const candidates = this.search(query, { limit: DEFAULT_LIMIT, groupTags: opts.groupTags });
    const { decision, reason } = decideOnCandidates(candidates, opts);
    const best = decision === 'answer' && candidates[0] ? this.getEntry(candidates[0].id) : undefined;
    return best ? { decision, candidates, best, reason } : { decision, candidates, reason };
  }

  /** Entries best first, each with its best document, ranker score and that document's features. */
  rankEntries(query: string, groupTags?: Record<string, string>): RankedDoc[] {
    const analyzed = this.analyzer.analyze(query);
    if (!analyzed.grams.length) return [];
    const q = prepareQuery(analyzed, this.ix);
    const shortList = this.retrieve(analyzed, groupTags);
    const bestByEntry = new Map<number, RankedDoc>();
    for (const { doc, bm25Ratio } of shortList) {
      const features = new Float64Array(FEATURE_COUNT);
      const d = this.docs[doc]!;
      pairFeatures(q, doc, d, this.ix, bm25Ratio, features);
      const score = this.model.score(features);
      const prev = bestByEntry.get(d.entry);
      if (!prev || score > prev.score) bestByEntry.set(d.entry, { entry: d.entry, doc, score, features });
    }
    return [...bestByEntry.values()].sort((a, b) => b.score - a.score);
  }

  /** BM25 over words + bigrams via postings; returns the top documents with their word BM25 ratio. */
  private retrieve(a: AnalyzedText, groupTags: Record<string, string> | undefined): Array<{ doc: number; retrieval: number; bm25Ratio: number }> {
    const wordTouched: number[] = [];
    const gramTouched: number[] = [];
    const wordSelf = this.ix.words.accumulateBm25(a.words, this.wordScores, wordTouched, 1);
    const gramSelf = this.ix.grams.accumulateBm25(a.grams, this.gramScores, gramTouched, 1);
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

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
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
