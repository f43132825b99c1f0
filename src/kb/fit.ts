/**
 * Fitting the matcher's two models and its default bands on labelled question pairs (AFQMC's
 * `sentence1,sentence2,label` format), never on an evaluation query set.
 *
 * The pairs become a retrieval task the same way ../shared/data/faq-afqmc was built from AFQMC
 * train: positive pairs are joined into clusters, each cluster's most linked question is the FAQ's
 * standard question and the others are its queries; a fixed 20% of clusters is held out, their
 * members becoming out-of-KB queries. Questions that only occur in negative pairs join the KB as
 * entries without queries: hard rivals, so the KB is as dense as a real one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_SIGNS } from './features';
import { KnowledgeBase, type RankedDoc } from './knowledge-base';
import { fitLogistic, projectSigns } from './logistic';
import { calibratorInputs, CALIBRATOR_INPUTS, CALIBRATOR_SIGNS, MatchModel, type ModelWeights } from './model';
import type { LabelledQuery } from './eval';
export { OUT_OF_KB };
import type { KbEntry } from './types';

import { OUT_OF_KB } from './eval';
const HOLDOUT_SHARE = 0.2;

export interface PairSet {
  entries: KbEntry[];
  queries: LabelledQuery[];
}

function parseCsvLine(line: string): string[] {
  // AFQMC questions contain no quotes in practice, but commas inside quoted cells are legal CSV.
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** Reads `sentence1,sentence2,label` pairs (header optional). */
export function readPairs(csvPath: string): Array<[string, string, boolean]> {
  const lines = fs.readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const pairs: Array<[string, string, boolean]> = [];
  lines.forEach((line, i) => {
    const cells = parseCsvLine(line);
    if (i === 0 && cells[2] === 'label') return;
    const [a, b, label] = cells;
    if (a === undefined || b === undefined || (label !== '0' && label !== '1')) throw new Error(`${csvPath}:${i + 1}: expected sentence1,sentence2,label (0 or 1)`);
    pairs.push([a.trim(), b.trim(), label === '1']);
  });
  return pairs;
}

/** Turns labelled pairs into a retrieval task (see the top of this file). */
export function retrievalTaskFromPairs(pairs: ReadonlyArray<[string, string, boolean]>): PairSet {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    parent.set(x, r);
    return r;
  };
  const degree = new Map<string, number>();
  for (const [a, b, same] of pairs) {
    if (!same) continue;
    parent.set(find(a), find(b));
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  const clusters = new Map<string, string[]>();
  for (const s of degree.keys()) {
    const root = find(s);
    const members = clusters.get(root) ?? [];
    members.push(s);
    clusters.set(root, members);
  }
  const entries: KbEntry[] = [];
  const queries: LabelledQuery[] = [];
  let n = 0;
  for (const members of clusters.values()) {
    members.sort((x, y) => (degree.get(y) ?? 0) - (degree.get(x) ?? 0) || x.localeCompare(y));
    const [standard, ...rest] = members as [string, ...string[]];
    // Deterministic hold-out by content, so refits on the same file agree.
    const held = crypto.createHash('sha1').update(standard).digest()[0]! / 256 < HOLDOUT_SHARE;
    if (held) {
      for (const q of members) queries.push({ query: q, gold: OUT_OF_KB });
    } else {
      const id = `pair${String(n++).padStart(5, '0')}`;
      entries.push({ id, question: standard, similar: [], answer: '' });
      for (const q of rest) queries.push({ query: q, gold: id });
    }
  }
  const inClusters = new Set(degree.keys());
  const distractors = new Set<string>();
  for (const [a, b] of pairs) for (const s of [a, b]) if (!inClusters.has(s)) distractors.add(s);
  for (const s of distractors) entries.push({ id: `pair${String(n++).padStart(5, '0')}`, question: s, similar: [], answer: '' });
  return { entries, queries };
}

interface QueryCandidates {
  gold: string;
  ranked: RankedDoc[];
  ids: string[];
}

function collect(kb: KnowledgeBase, entries: readonly KbEntry[], queries: readonly LabelledQuery[]): QueryCandidates[] {
  return queries.map(({ query, gold }) => {
    const ranked = kb.rankEntries(query);
    return { gold, ranked, ids: ranked.map((r) => entries[r.entry]!.id) };
  });
}

/** Listwise (softmax) fit of the ranker: maximises the probability of the gold among each query's candidates. */
function fitRanker(data: QueryCandidates[], l2: number, iterations: number): Float64Array {
  const usable = data.filter((d) => d.gold !== OUT_OF_KB && d.ids.includes(d.gold));
  const w = new Float64Array(FEATURE_COUNT);
  // Adam on the full batch: a few hundred steps over ~1,000 queries × ~80 candidates.
  const m = new Float64Array(FEATURE_COUNT);
  const v = new Float64Array(FEATURE_COUNT);
  const lr = 0.05;
  const grad = new Float64Array(FEATURE_COUNT);
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (const d of usable) {
      let max = -Infinity;
      const scores = d.ranked.map((r) => {
        let s = 0;
        for (let i = 0; i < FEATURE_COUNT; i++) s += w[i]! * r.features[i]!;
        if (s > max) max = s;
        return s;
      });
      let z = 0;
      for (const s of scores) z += Math.exp(s - max);
      d.ranked.forEach((r, k) => {
        const p = Math.exp(scores[k]! - max) / z;
        const isGold = d.ids[k] === d.gold ? 1 : 0;
        for (let i = 0; i < FEATURE_COUNT; i++) grad[i]! += (p - isGold) * r.features[i]!;
      });
    }
    for (let i = 0; i < FEATURE_COUNT; i++) {
      const g = grad[i]! / usable.length + (i === 0 ? 0 : 2 * l2 * w[i]!);
      m[i] = 0.9 * m[i]! + 0.1 * g;
      v[i] = 0.999 * v[i]! + 0.001 * g * g;
      w[i]! -= (lr * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
    }
    projectSigns(w, SIGNS);
  }
  return w;
}

function dot(w: Float64Array, f: Float64Array): number {
  let s = 0;
  for (let i = 0; i < FEATURE_COUNT; i++) s += w[i]! * f[i]!;
  return s;
}

export interface FitReport {
  weights: ModelWeights;
  bands: { answerThreshold: number; clarifyThreshold: number };
  lines: string[];
}

/** Target precision of automatic answers on the fitting set (above the 0.90 we promise, for margin). */
const ANSWER_PRECISION = 0.93;
const MIN_ANSWER_BAND = 0.5;
/** Offering a choice below this mostly offers noise (and annoys the asker). */
const MIN_CLARIFY_BAND = 0.2;
/** Lowest share of clarified queries whose three offered candidates should hold the right entry. */
const CLARIFY_HIT_RATE = 0.4;

/**
 * The pair model: logistic over the features of (sentence1, sentence2), on the raw pairs. IDF
 * statistics come from a KB holding every sentence once, as a KB of that size would give them.
 */
function fitPairModel(pairs: ReadonlyArray<[string, string, boolean]>, l2: number): number[] {
  const sentences = [...new Set(pairs.flatMap(([a, b]) => [a, b]))];
  const idOf = new Map(sentences.map((s, i) => [s, `s${i}`]));
  const kb = KnowledgeBase.build(sentences.map((s) => ({ id: idOf.get(s)!, question: s, similar: [], answer: '' })));
  const x: number[][] = [];
  const y: number[] = [];
  const add = (a: string, b: string, same: boolean): void => {
    const best = kb.featuresAgainst(a, idOf.get(b)!)[0];
    if (!best) return;
    // The term-count coverages are nearly collinear with the idf ones: with them the pair model's
    // projected Newton fit diverged, so it does without them.
    x.push([...best.features].map((v, i) => (PAIR_EXCLUDED.has(FEATURE_NAMES[i]!) ? 0 : v)));
    y.push(same ? 1 : 0);
  };
  for (const [a, b, same] of pairs) add(a, b, same);
  // AFQMC's negatives are all hard (same product, similar words): without easy ones too, the model
  // never learns that a pair sharing one character is no paraphrase at all. Each sentence1 is also
  // paired with the sentence2 of a pair far away in the file (a fixed stride, so refits agree).
  const stride = Math.floor(pairs.length / 2) + 1;
  pairs.forEach(([a], i) => {
    const other = pairs[(i + stride) % pairs.length]!;
    if (other[0] !== a) add(a, other[1], false);
  });
  return fitLogistic(x, y, { l2, signs: SIGNS });
}

const SIGNS = FEATURE_NAMES.map((n) => FEATURE_SIGNS[n]);
const PAIR_EXCLUDED: ReadonlySet<string> = new Set(['wordn_q', 'wordn_d', 'charn_q', 'charn_d', 'gramn_q', 'gramn_d']);

export function fitModel(csvPath: string, opts: { l2?: number; iterations?: number } = {}): FitReport {
  const pairs = readPairs(csvPath);
  const pairW = fitPairModel(pairs, 0.01);
  const pair = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, round(pairW[i] ?? 0)]));
  const pairDot = (f: Float64Array): number => FEATURE_NAMES.reduce((sum, _n, i) => sum + (pairW[i] ?? 0) * f[i]!, 0);
  const { entries, queries } = retrievalTaskFromPairs(pairs);
  const kb = KnowledgeBase.build(entries);
  const data = collect(kb, entries, queries);
  const w = fitRanker(data, opts.l2 ?? 0.001, opts.iterations ?? 400);

  // Calibrator: on every query (out-of-KB ones too), was the best entry right?
  const rows: number[][] = [];
  const ys: number[] = [];
  const perQuery = data.map((d) => {
    const scored = d.ranked.map((r, k) => ({ id: d.ids[k]!, s: dot(w, r.features), f: r.features })).sort((a, b) => b.s - a.s);
    return { gold: d.gold, scored };
  });
  for (const { gold, scored } of perQuery) {
    const [top] = scored;
    if (!top) continue;
    rows.push(calibratorInputs(scored.map((c) => ({ score: c.s })), 0, pairDot(top.f), top.f));
    ys.push(top.id === gold ? 1 : 0);
  }
  const cw = fitLogistic(rows, ys, { l2: 1e-3, signs: CALIBRATOR_SIGNS });
  const ranker = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, Math.round(w[i]! * 1e4) / 1e4]));
  const weights: ModelWeights = {
    fittedBy: `qunzhu kb fit --pairs ${csvPath} (${queries.length} queries, ${entries.length} entries), ${new Date().toISOString().slice(0, 10)}`,
    ranker,
    pair,
    calibrator: Object.fromEntries(CALIBRATOR_INPUTS.map((name, i) => [name, round(cw[i] ?? 0)])),
    bands: { answerThreshold: 1, clarifyThreshold: 1 },
  };

  // Bands from the calibrated confidences on the same task.
  const model = new MatchModel(weights);
  const judged = perQuery
    .filter((q) => q.scored[0])
    .map(({ gold, scored }) => ({
      conf: model.confidence(scored.map((c) => ({ score: c.s })), 0, scored[0]!.f),
      right: scored[0]!.id === gold,
      inTop3: scored.slice(0, 3).some((c) => c.id === gold),
      ook: gold === OUT_OF_KB,
    }))
    .sort((a, b) => b.conf - a.conf);
  // The answer band is the lowest confidence at which precision still holds for everything above it.
  let hold = 1;
  let right = 0;
  for (let i = 0; i < judged.length; i++) {
    if (judged[i]!.right) right++;
    if (right / (i + 1) < ANSWER_PRECISION) break;
    hold = judged[i]!.conf;
  }
  // Confidences are probabilities (and self-calibrated per KB), so a band below "more likely right
  // than wrong" is never a sensible default, even where the fitting task cannot reach the target.
  const reached = hold < 1;
  const answerThreshold = reached ? Math.max(hold, MIN_ANSWER_BAND) : MIN_ANSWER_BAND;
  let clarifyThreshold = answerThreshold;
  const below = judged.filter((j) => j.conf < answerThreshold);
  let hits = 0;
  below.forEach((j, i) => {
    if (j.inTop3) hits++;
    if (hits / (i + 1) >= CLARIFY_HIT_RATE) clarifyThreshold = j.conf;
  });
  const bands = { answerThreshold: round2(answerThreshold), clarifyThreshold: round2(Math.min(Math.max(clarifyThreshold, MIN_CLARIFY_BAND), answerThreshold)) };
  const lines = [
    `fitting task: ${entries.length} entries, ${queries.length} queries (${queries.filter((q) => q.gold === OUT_OF_KB).length} out-of-KB)`,
    `ranker weights: ${FEATURE_NAMES.map((n) => `${n} ${ranker[n]}`).join(', ')}`,
    `pair model: ${FEATURE_NAMES.map((n) => `${n} ${pair[n]}`).join(', ')}`,
    `calibrator: ${JSON.stringify(weights.calibrator)}`,
    `bands: answer ≥ ${bands.answerThreshold} (${reached ? `precision ≥ ${ANSWER_PRECISION} on this task` : `precision ${ANSWER_PRECISION} is not reached on this task at any band: the floor ${MIN_ANSWER_BAND}`}), clarify ≥ ${bands.clarifyThreshold} (right entry among 3 offered ≥ ${CLARIFY_HIT_RATE * 100}%)`,
  ];
  return { weights: { ...weights, bands }, bands, lines };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
const round2 = (x: number): number => Math.round(x * 100) / 100;
