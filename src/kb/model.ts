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
import { sigmoid } from './logistic';
import fitted from './model-weights.json';

export interface ModelWeights {
  /** how the weights were produced (command, data, date) */
  fittedBy: string;
  /** linear scorer over pair features that orders candidates (fitted listwise on a retrieval task) */
  ranker: Record<string, number>;
  /** logistic over pair features: is this question a paraphrase of the query? (fitted on raw pairs) */
  pair: Record<string, number>;
  /** logistic over CALIBRATOR_INPUTS: is answering with this entry right? (fitted on the retrieval task) */
  calibrator: Record<string, number>;
  /** default decision bands fitted with the models (kb.answerThreshold / kb.clarifyThreshold) */
  bands: { answerThreshold: number; clarifyThreshold: number };
}

/** The fitted default bands: the defaults of kb.answerThreshold and kb.clarifyThreshold. */
export const DEFAULT_BANDS: Readonly<ModelWeights['bands']> = (fitted as unknown as ModelWeights).bands;

/**
 * The calibrator is monotone in one quantity, the log of
 *   P(this question says the same as the query)   — the pair model, which knows nothing of the KB
 *                                                    around it, so it means the same in any KB
 * × P(this entry rather than another candidate)   — the candidate's softmax share among all ranked
 *                                                    candidates (the ranker is fitted listwise);
 * a Platt fit (bias + slope × that log) maps it to the probability that answering is right. Fitting
 * the parts with free weights instead made "a better match is less likely right" on AFQMC, whose
 * near-duplicate clusters make match quality say little there, and that did not carry over to a
 * curated store KB.
 */
export const CALIBRATOR_INPUTS = ['bias', 'joint', 'cover_q', 'cover_d', 'unknown', 'share'] as const;
/**
 * Sign constraints of the calibrator inputs (1 = may only raise confidence). Besides the joint
 * probability, how much of the query's words the question covers (cover_q: "冷面的做法" against
 * "新品做法" leaves 冷面 unexplained) and how much of the question the query covers (cover_d: "多少钱"
 * against a long question about points) can only make an answer more likely right. The share of the
 * query made of words the whole KB has never seen (unknown: 天气 in "今天天气怎么样", 咖啡因) can only
 * make it less likely; it is 0 on the fitting task, so only a self-calibrated KB gives it a weight.
 * `share` is the softmax share alone, so a KB whose own questions show that the pair model (fitted on
 * AFQMC pairs) misjudges its near-misses can move trust from `joint` to the ranking, never below zero.
 */
export const CALIBRATOR_SIGNS: readonly number[] = [0, 1, 1, 1, -1, 1];
const WORD_Q = FEATURE_NAMES.indexOf('word_q');
const WORD_D = FEATURE_NAMES.indexOf('word_d');
const CHAR_Q = FEATURE_NAMES.indexOf('char_q');
const CHAR_D = FEATURE_NAMES.indexOf('char_d');

export class MatchModel {
  private readonly w: Float64Array;
  private readonly p: Float64Array;
  private readonly c: Float64Array;
  readonly weights: ModelWeights;

  constructor(weights: ModelWeights) {
    this.weights = weights;
    this.w = Float64Array.from(FEATURE_NAMES, (name) => weights.ranker[name] ?? 0);
    this.p = Float64Array.from(FEATURE_NAMES, (name) => weights.pair?.[name] ?? 0);
    this.c = Float64Array.from(CALIBRATOR_INPUTS, (name) => weights.calibrator[name] ?? 0);
  }

  /** The same ranker and pair model with another calibrator (a KB calibrated on its own questions). */
  /** Whether the calibrator reads the unknown-word share (only then is it worth computing). */
  get readsUnknownShare(): boolean {
    return this.c[CALIBRATOR_INPUTS.indexOf('unknown')] !== 0;
  }

  withCalibrator(calibrator: Record<string, number>): MatchModel {
    return new MatchModel({ ...this.weights, calibrator });
  }

  static default(): MatchModel {
    return new MatchModel(fitted as unknown as ModelWeights);
  }

  /** Ranker score of one candidate's feature vector. */
  score(features: Float64Array): number {
    return dot(this.w, features);
  }

  /** Pair model logit: positive when the question is more likely a paraphrase than not. */
  pairLogit(features: Float64Array): number {
    return dot(this.p, features);
  }

  /**
   * Probability that answering with candidate `i` of `ranked` (scores best first) is right.
   * `features` are that candidate's pair features.
   */
  confidence(ranked: readonly { score: number }[], i: number, features: Float64Array, unknownShare = 0): number {
    const x = calibratorInputs(ranked, i, this.pairLogit(features), features, unknownShare);
    let z = 0;
    for (let k = 0; k < x.length; k++) z += this.c[k]! * x[k]!;
    return sigmoid(z);
  }
}

function dot(w: Float64Array, f: Float64Array): number {
  let s = 0;
  for (let i = 0; i < FEATURE_COUNT; i++) s += w[i]! * f[i]!;
  return s;
}

/** The calibrator's input vector, in CALIBRATOR_INPUTS order (also what the fitter learns from). */
export function calibratorInputs(ranked: readonly { score: number }[], i: number, pairLogit: number, features: Float64Array, unknownShare = 0): number[] {
  let max = -Infinity;
  for (const r of ranked) if (r.score > max) max = r.score;
  let z = 0;
  for (const r of ranked) z += Math.exp(r.score - max);
  const logShare = ranked[i]!.score - max - Math.log(z);
  const logPair = -Math.log1p(Math.exp(-Math.max(-MAX_MARGIN, Math.min(MAX_MARGIN, pairLogit))));
  // Words when the query has any, characters otherwise: the smaller of the two is the honest one.
  const coverQ = Math.min(features[WORD_Q]!, features[CHAR_Q]!);
  const coverD = Math.min(features[WORD_D]!, features[CHAR_D]!);
  return [1, logPair + logShare, coverQ, coverD, unknownShare, logShare];
}

/** Margins beyond this say nothing more (and keep an unfitted extreme from dominating). */
export const MAX_MARGIN = 10;

