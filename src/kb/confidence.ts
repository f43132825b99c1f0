/**
 * Turning raw match evidence into one confidence in [0, 1] that means the same thing whatever the
 * KB size: it is built from ratios (how much of the query's and of the question's information the
 * other one covers, and BM25 relative to the query's own full-match score), never from raw BM25.
 */

export interface MatchEvidence {
  /** idf mass of words shared by query and question / of the query's words / of the question's words */
  wordMatched: number;
  wordQuery: number;
  wordDoc: number;
  /** the same for character bigrams */
  gramMatched: number;
  gramQuery: number;
  gramDoc: number;
  /** BM25(query, question) / the query's self score, capped at 1 */
  bm25Ratio: number;
}

// Tversky weights: words of the query the question lacks hurt more than extra words in the question
// (a staff message is often a fragment of the standard question, rarely the reverse).
const QUERY_SIDE = 0.6;
const DOC_SIDE = 0.4;

function tversky(matched: number, queryMass: number, docMass: number): number {
  if (matched <= 0) return 0;
  const denom = matched + QUERY_SIDE * Math.max(0, queryMass - matched) + DOC_SIDE * Math.max(0, docMass - matched);
  return denom > 0 ? matched / denom : 0;
}

// Words carry meaning, bigrams rescue typos and segmentation differences; BM25 ratio rewards
// repeated key terms the set overlaps ignore.
const WORD_WEIGHT = 0.45;
const GRAM_WEIGHT = 0.4;
const BM25_WEIGHT = 0.15;

export function similarity(e: MatchEvidence): number {
  const gram = tversky(e.gramMatched, e.gramQuery, e.gramDoc);
  // A query made only of fillers has no words; then bigrams are all the evidence there is.
  if (e.wordQuery <= 0) return gram;
  const word = tversky(e.wordMatched, e.wordQuery, e.wordDoc);
  return WORD_WEIGHT * word + GRAM_WEIGHT * gram + BM25_WEIGHT * Math.min(1, e.bm25Ratio);
}

/**
 * Calibration curve from similarity to confidence. Identity for now, kept as its own step so a
 * fitted curve (e.g. on labelled paraphrase pairs) can replace it without touching the scorer.
 */
export function calibrate(sim: number): number {
  return Math.max(0, Math.min(1, sim));
}

/**
 * How close a rival entry may come before it costs confidence, and how much. A question several
 * entries answer almost equally well is ambiguous however well each one matches, and dense KBs
 * (many near-duplicate entries) would otherwise auto-answer by coin flip.
 */
const RIVAL_WINDOW = 0.2;
const RIVAL_PENALTY = 1;

/**
 * Confidence of each entry from the similarities of all candidates (`sims` sorted best first):
 * the similarity, lowered when the runner-up comes within RIVAL_WINDOW of the best entry.
 */
export function withRivalPenalty(sims: readonly number[]): number[] {
  const [best = 0, runnerUp = 0] = sims;
  // Ambiguity is a property of the query, so every candidate pays the same: order and gaps stay.
  const penalty = RIVAL_PENALTY * Math.max(0, RIVAL_WINDOW - (best - runnerUp));
  return sims.map((sim) => calibrate(sim - penalty));
}
