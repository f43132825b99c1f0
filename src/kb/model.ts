/**
 * The two small fitted models of the matcher:
 * - the ranker: a linear score over pair features (features.ts), fitted listwise (softmax over
 *   each query's candidates), so that it orders candidates;
 * - the calibrator: a logistic model over the ranker scores of a query's best entry and its nearest
 *   rival, fitted on whether the best entry was right (out-of-KB queries included), so that its
 *   output is the probability that answering with this entry is correct.
 * Both are fitted by `npm run kb:fit` on pairs of ../shared/data/afqmc/dev.csv only; the weights
 * live in model-weights.json with the command and data that produced them.
 */
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import fitted from './model-weights.json';

export interface ModelWeights {
  /** how the weights were produced (command, data, date) */
  fittedBy: string;
  ranker: Record<string, number>;
  /**
   * logistic over named inputs: `bias`, `score` (ranker score), `margin` (over the nearest rival
   * entry) and `top_<feature>` (that feature of the entry's best-matching question)
   */
  calibrator: Record<string, number>;
  /** default decision bands fitted with the models (kb.answerThreshold / kb.clarifyThreshold) */
  bands: { answerThreshold: number; clarifyThreshold: number };
}

/** The fitted default bands: the defaults of kb.answerThreshold and kb.clarifyThreshold. */
export const DEFAULT_BANDS: Readonly<ModelWeights['bands']> = (fitted as ModelWeights).bands;

/** Pair features the calibrator also looks at: how completely the best question explains the query. */
// Only coverage ratios: monotone in "how much of the query this question explains", so they carry
// over from the fitting pairs to a KB of another domain (flags such as an exact match did not: in
// AFQMC an exact duplicate is as often another cluster's question as the right one).
export const CALIBRATOR_FEATURES = ['word_q', 'word_d', 'char_q', 'char_d'] as const;
export const CALIBRATOR_INPUTS = ['bias', 'score', 'margin', ...CALIBRATOR_FEATURES.map((f) => `top_${f}`)] as const;
const FEATURE_INDEX = new Map<string, number>(FEATURE_NAMES.map((n, i) => [n, i]));

export class MatchModel {
  private readonly w: Float64Array;
  private readonly c: Float64Array;
  readonly weights: ModelWeights;

  constructor(weights: ModelWeights) {
    this.weights = weights;
    this.w = Float64Array.from(FEATURE_NAMES, (name) => weights.ranker[name] ?? 0);
    this.c = Float64Array.from(CALIBRATOR_INPUTS, (name) => weights.calibrator[name] ?? 0);
  }

  static default(): MatchModel {
    return new MatchModel(fitted as ModelWeights);
  }

  /** Ranker score of one candidate's feature vector. */
  score(features: Float64Array): number {
    let s = 0;
    for (let i = 0; i < FEATURE_COUNT; i++) s += this.w[i]! * features[i]!;
    return s;
  }

  /** Probability that answering with an entry is right, from its score, its nearest rival and its best question's features. */
  confidence(score: number, rivalScore: number | undefined, features: Float64Array): number {
    const x = calibratorInputs(score, rivalScore, features);
    let z = 0;
    for (let i = 0; i < x.length; i++) z += this.c[i]! * x[i]!;
    return sigmoid(z);
  }
}

/** The calibrator's input vector, in CALIBRATOR_INPUTS order (also what the fitter learns from). */
export function calibratorInputs(score: number, rivalScore: number | undefined, features: Float64Array): number[] {
  // With no rival at all the margin is as large as the KB allows: treat it as a clear lead.
  const margin = rivalScore === undefined ? MAX_MARGIN : Math.min(MAX_MARGIN, score - rivalScore);
  return [1, score, margin, ...CALIBRATOR_FEATURES.map((f) => features[FEATURE_INDEX.get(f)!]!)];
}

/** Margins beyond this say nothing more (and keep an unfitted extreme from dominating). */
export const MAX_MARGIN = 10;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
