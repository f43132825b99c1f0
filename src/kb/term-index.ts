/**
 * An inverted index over one kind of term (words or character bigrams). Postings are precomputed at
 * build time so a query only touches the documents sharing at least one of its terms.
 */

// Standard BM25 parameters; short FAQ questions make b matter little.
const K1 = 1.2;
const B = 0.75;

/** Query terms resolved against one index (valid until the next `prepare` on that index). */
export interface PreparedTerms {
  terms: string[];
  idfs: Float64Array;
  /** query term indices, rarest first */
  byIdf: number[];
  stamp: number;
}

/** A query's distinct terms resolved against one index: postings and idf × count, in first-seen order. */
export interface QueryTermWeights {
  postings: Posting[];
  weights: number[];
}

interface Posting {
  docs: Int32Array;
  tfs: Float32Array;
}

export class TermIndex {
  readonly docCount: number;
  private readonly avgDocLength: number;
  private readonly docLength: Float32Array;
  /** Each document's BM25 length normalisation, K1·(1 − B + B·len/avg), computed once. */
  private readonly norm: Float64Array;
  private readonly postings = new Map<string, Posting>();
  private readonly idfByTerm = new Map<string, number>();
  /** Term ids, their idf, and each document's unique term ids rarest first (for the overlap measures). */
  private readonly termIds = new Map<string, number>();
  private readonly idfById: Float64Array;
  private readonly docTermIds: readonly Int32Array[];
  // Per-query marks: stamp[id] === current stamp means "the query has term id", at query index
  // queryIndex[id]. Stamps make marking O(query terms) with no clearing.
  private readonly stamps: Int32Array;
  private readonly queryIndex: Int32Array;
  private stamp = 0;
  private matchedFlags = new Uint8Array(64);
  /** Sum of idf over each document's unique terms. */
  private readonly docIdfMass: Float64Array;
  /** idf of a term no document has: the rarest possible. */
  readonly unseenIdf: number;

  constructor(docs: readonly (readonly string[])[]) {
    this.docCount = docs.length;
    this.docLength = new Float32Array(docs.length);
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    let totalLength = 0;
    docs.forEach((terms, doc) => {
      this.docLength[doc] = terms.length;
      totalLength += terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let p = building.get(t);
        if (!p) building.set(t, (p = { docs: [], tfs: [] }));
        p.docs.push(doc);
        p.tfs.push(n);
      }
    });
    this.avgDocLength = docs.length ? totalLength / docs.length || 1 : 1;
    this.norm = Float64Array.from(this.docLength, (len) => K1 * (1 - B + (B * len) / this.avgDocLength));
    for (const [t, p] of building) {
      this.postings.set(t, { docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) });
      this.idfByTerm.set(t, this.idfFor(p.docs.length));
    }
    this.unseenIdf = this.idfFor(0);
    for (const t of this.postings.keys()) this.termIds.set(t, this.termIds.size);
    this.idfById = Float64Array.from(this.postings.keys(), (t) => this.idfByTerm.get(t)!);
    this.docTermIds = docs.map((terms) => Int32Array.from(new Set(terms), (t) => this.termIds.get(t)!).sort((a, b) => this.idfById[b]! - this.idfById[a]!));
    this.docIdfMass = Float64Array.from(this.docTermIds, (ids) => ids.reduce((sum, id) => sum + this.idfById[id]!, 0));
    this.stamps = new Int32Array(this.termIds.size);
    this.queryIndex = new Int32Array(this.termIds.size);
  }

  private idfFor(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Number of documents holding the term, leaving out `excluding` (sorted or not; a held-out probe's own documents). */
  docFrequency(term: string, excluding?: readonly number[]): number {
    const p = this.postings.get(term);
    if (!p) return 0;
    if (!excluding?.length) return p.docs.length;
    let n = p.docs.length;
    for (const doc of excluding) if (binarySearch(p.docs, doc)) n--;
    return n;
  }

  idf(term: string): number {
    return this.idfByTerm.get(term) ?? this.unseenIdf;
  }

  idfMass(terms: Iterable<string>): number {
    let sum = 0;
    for (const t of terms) sum += this.idf(t);
    return sum;
  }

  /**
   * Adds weight × BM25(query, doc) into `scores` for every document sharing a term with the query,
   * recording first-touched documents in `touched`. Returns the query's BM25 "self score" (each
   * query term matched once in a document of average length), the natural scale of a full match.
   */
  accumulateBm25(queryTerms: readonly string[], scores: Float64Array, touched: number[], weight: number, maxDf = Infinity): number {
    let selfScore = 0;
    const qtf = new Map<string, number>();
    for (const t of queryTerms) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    for (const [term, count] of qtf) {
      const idf = this.idf(term);
      selfScore += idf * count;
      const p = this.postings.get(term);
      // Terms in a large share of the documents add almost nothing to the ranking but cost a pass
      // over most of the KB (花呗 in an AFQMC-like KB): callers skip them when gathering candidates.
      if (!p || p.docs.length > maxDf) continue;
      const w = weight * idf * count;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i]!;
        const tf = p.tfs[i]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (w * (tf * (K1 + 1))) / (tf + this.norm[doc]!);
      }
    }
    return selfScore;
  }

  /** The query's distinct terms with their counts and postings, once per query (for `bm25`). */
  queryTerms(queryTerms: readonly string[]): QueryTermWeights {
    const counts = new Map<string, number>();
    for (const t of queryTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const postings: Posting[] = [];
    const weights: number[] = [];
    for (const [term, count] of counts) {
      const p = this.postings.get(term);
      if (!p) continue;
      postings.push(p);
      weights.push(this.idf(term) * count);
    }
    return { postings, weights };
  }

  /** BM25 of one document for the query terms (every term, common ones included). */
  bm25(q: QueryTermWeights, doc: number): number {
    let score = 0;
    const norm = this.norm[doc]!;
    for (let k = 0; k < q.postings.length; k++) {
      const p = q.postings[k]!;
      // Postings are in document order: binary search for this document.
      let lo = 0;
      let hi = p.docs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const d = p.docs[mid]!;
        if (d === doc) {
          const tf = p.tfs[mid]!;
          score += (q.weights[k]! * (tf * (K1 + 1))) / (tf + norm);
          break;
        }
        if (d < doc) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return score;
  }

  /** Resolves the query's terms once, for the per-document measures below. */
  prepare(queryTerms: ReadonlySet<string>): PreparedTerms {
    const terms = [...queryTerms];
    const stamp = ++this.stamp;
    terms.forEach((t, i) => {
      const id = this.termIds.get(t);
      if (id === undefined) return;
      this.stamps[id] = stamp;
      this.queryIndex[id] = i;
    });
    const idfs = Float64Array.from(terms, (t) => this.idf(t));
    const byIdf = terms.map((_, i) => i).sort((x, y) => idfs[y]! - idfs[x]!);
    if (this.matchedFlags.length < terms.length) this.matchedFlags = new Uint8Array(terms.length * 2);
    return { terms, idfs, byIdf, stamp };
  }

  /**
   * In one pass over the document's term ids: idf mass of the query terms it has, its own idf mass,
   * the largest idf of a query term it lacks, how many query terms it has and how many terms it has,
   * written to out[at..at + 4] (a scratch array: this runs for every candidate and signal, so it
   * allocates nothing). The largest missing idf costs a second pass; callers that do not use it
   * pass wantMissing = false (it is then 0).
   * `q` must come from this index's latest `prepare`.
   */
  overlapInto(q: PreparedTerms, doc: number, out: Float64Array, at: number, wantMissing = true): void {
    const ids = this.docTermIds[doc]!;
    const flags = this.matchedFlags;
    if (wantMissing) flags.fill(0, 0, q.terms.length);
    let matched = 0;
    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (this.stamps[id] === q.stamp) {
        matched += this.idfById[id]!;
        count++;
        if (wantMissing) flags[this.queryIndex[id]!] = 1;
      }
    }
    let maxMissing = 0;
    if (wantMissing) for (const k of q.byIdf) {
      if (!flags[k]) {
        maxMissing = q.idfs[k]!;
        break;
      }
    }
    out[at] = matched;
    out[at + 1] = this.docIdfMass[doc]!;
    out[at + 2] = maxMissing;
    out[at + 3] = count;
    out[at + 4] = ids.length;
  }

  /** Largest idf of a document term the query lacks (0 if the query has them all). */
  maxDocOnlyIdf(q: PreparedTerms, doc: number): number {
    // Term ids are kept rarest first, so the first one the query lacks is the answer.
    for (const id of this.docTermIds[doc]!) if (this.stamps[id] !== q.stamp) return this.idfById[id]!;
    return 0;
  }

}

/** Whether the ascending `docs` hold `doc`. */
function binarySearch(docs: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid]!;
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
