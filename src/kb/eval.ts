/**
 * Offline evaluation of the engine on any KB + labelled query set: ranking quality on in-KB queries,
 * what happens at the thresholds, out-of-KB rejection, speed, and the plain-BM25 baseline.
 */
import fs from 'node:fs';
import { PlainBm25Baseline } from './baseline';
import type { KnowledgeBase } from './knowledge-base';
import type { KbDecisionKind, KbEntry } from './types';

/** Gold label of a query that has no answer in the KB and must not be answered. */
export const OUT_OF_KB = 'OOK';

export interface LabelledQuery {
  query: string;
  gold: string;
}

export interface Prediction {
  query: string;
  top: Array<{ id: string; score: number }>;
  decision: KbDecisionKind;
  gold: string;
}

export interface RankingMetrics {
  top1: number;
  top3: number;
  mrr10: number;
}

export interface EvalMetrics extends RankingMetrics {
  inKb: number;
  outOfKb: number;
  answeredCorrect: number;
  answeredWrong: number;
  notAnswered: number;
  clarified: number;
  /** Of the in-KB queries answered with clarify, the share whose candidate list held the gold id. */
  clarifyHoldsGold: number;
  outOfKbAnswered: number;
  outOfKbClarified: number;
  /** correct answers / all answers (in-KB and out-of-KB) */
  answerPrecision: number;
  /** how many answers were given (in-KB and out-of-KB): answerPrecision means nothing when 0 */
  answersGiven: number;
  queriesPerSecond: number;
  p99LatencyMs: number;
  baseline: RankingMetrics;
}

/** Reads a TSV with a header naming (at least) the columns `query` and `gold`. */
export function readLabelledQueries(path: string): LabelledQuery[] {
  const [header, ...rows] = fs.readFileSync(path, 'utf8').split(/\r?\n/);
  const columns = (header ?? '').split('\t').map((c) => c.trim());
  const qi = columns.indexOf('query');
  const gi = columns.indexOf('gold');
  if (qi < 0 || gi < 0) throw new Error(`${path}:1: expected a header with the columns "query" and "gold", got "${header ?? ''}"`);
  return rows
    .filter((r) => r.trim())
    .map((r, i) => {
      const cells = r.split('\t');
      const query = cells[qi];
      const gold = cells[gi]?.trim();
      if (query === undefined || !gold) throw new Error(`${path}:${i + 2}: expected ${columns.length} tab-separated columns`);
      return { query, gold };
    });
}

export function rankingMetrics(ranked: ReadonlyArray<readonly string[]>, golds: readonly string[]): RankingMetrics {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  ranked.forEach((ids, i) => {
    const rank = ids.slice(0, 10).indexOf(golds[i]!);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const n = Math.max(1, ranked.length);
  return { top1: top1 / n, top3: top3 / n, mrr10: mrr / n };
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function evaluate(
  kb: KnowledgeBase,
  entries: readonly KbEntry[],
  queries: readonly LabelledQuery[],
  thresholds: { answerThreshold: number; clarifyThreshold: number },
): { predictions: Prediction[]; metrics: EvalMetrics } {
  const latencies = new Float64Array(queries.length);
  const predictions: Prediction[] = [];
  const started = process.hrtime.bigint();
  queries.forEach(({ query, gold }, i) => {
    const t0 = process.hrtime.bigint();
    const d = kb.decide(query, thresholds);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    predictions.push({ query, top: d.candidates.map((c) => ({ id: c.id, score: c.score })), decision: d.decision, gold });
  });
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;

  const inKb = predictions.filter((p) => p.gold !== OUT_OF_KB);
  const outKb = predictions.filter((p) => p.gold === OUT_OF_KB);
  const answered = (p: Prediction) => p.decision === 'answer';
  const correct = (p: Prediction) => answered(p) && p.top[0]?.id === p.gold;
  const clarifiedInKb = inKb.filter((p) => p.decision === 'clarify');
  const answersTotal = predictions.filter(answered).length;
  const ratio = (a: number, b: number) => (b ? a / b : 0);

  const baseline = new PlainBm25Baseline(entries);
  const inKbQueries = queries.filter((q) => q.gold !== OUT_OF_KB);

  return {
    predictions,
    metrics: {
      ...rankingMetrics(
        inKb.map((p) => p.top.map((c) => c.id)),
        inKb.map((p) => p.gold),
      ),
      inKb: inKb.length,
      outOfKb: outKb.length,
      answeredCorrect: ratio(inKb.filter(correct).length, inKb.length),
      answeredWrong: ratio(inKb.filter((p) => answered(p) && !correct(p)).length, inKb.length),
      notAnswered: ratio(inKb.filter((p) => !answered(p)).length, inKb.length),
      clarified: ratio(clarifiedInKb.length, inKb.length),
      // The pipeline offers the first 3 candidates when it clarifies.
      clarifyHoldsGold: ratio(clarifiedInKb.filter((p) => p.top.slice(0, 3).some((c) => c.id === p.gold)).length, clarifiedInKb.length),
      outOfKbAnswered: ratio(outKb.filter(answered).length, outKb.length),
      outOfKbClarified: ratio(outKb.filter((p) => p.decision === 'clarify').length, outKb.length),
      answerPrecision: ratio(inKb.filter(correct).length, answersTotal),
      answersGiven: answersTotal,
      queriesPerSecond: ratio(queries.length, elapsedSec),
      p99LatencyMs: percentile(latencies.sort(), 0.99),
      baseline: rankingMetrics(
        inKbQueries.map((q) => baseline.rank(q.query)),
        inKbQueries.map((q) => q.gold),
      ),
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => x.toFixed(3);

export function formatEvalReport(m: EvalMetrics, thresholds: { answerThreshold: number; clarifyThreshold: number }): string {
  return [
    `queries: ${m.inKb} in-KB, ${m.outOfKb} out-of-KB (OOK)`,
    `ranking (in-KB)        top-1 ${num(m.top1)}  top-3 ${num(m.top3)}  MRR@10 ${num(m.mrr10)}`,
    `baseline plain BM25    top-1 ${num(m.baseline.top1)}  top-3 ${num(m.baseline.top3)}  MRR@10 ${num(m.baseline.mrr10)}`,
    `at answer ≥ ${thresholds.answerThreshold}, clarify ≥ ${thresholds.clarifyThreshold}:`,
    `  in-KB answered correctly ${pct(m.answeredCorrect)}, answered wrongly ${pct(m.answeredWrong)}, not answered ${pct(m.notAnswered)}`,
    `  in-KB clarified ${pct(m.clarified)} (gold among the 3 offered: ${pct(m.clarifyHoldsGold)})`,
    `  out-of-KB wrongly answered ${pct(m.outOfKbAnswered)} (clarified ${pct(m.outOfKbClarified)})`,
    m.answersGiven
      ? `  auto-answer precision ${pct(m.answerPrecision)} (correct answers / all ${m.answersGiven} answers incl. OOK)`
      : '  auto-answer precision: no answers given at these bands (nothing to be right or wrong about)',
    `speed: ${m.queriesPerSecond.toFixed(0)} queries/s, p99 latency ${m.p99LatencyMs.toFixed(2)} ms`,
  ].join('\n');
}
