/**
 * The answer as a second field to match on. Staff often ask about what an answer says rather than
 * what its questions say ("会员积分的有效期到什么时候？" is answered by 会员积分怎么算？, whose answer
 * says 有效期到次年 12 月 31 日), so an entry's answer text counts too, at a weight each KB tunes for
 * itself on its own held-out similar questions (knowledge-base.ts, tuneAnswerWeight).
 */
import type { KbEntry } from './types';

/** Longer answers say more than any question asks; their opening carries the topic. */
const MAX_ANSWER_CHARS = 200;

/** An answer's words as plain text: markdown syntax, links, template variables and line breaks removed. */
export function answerMatchText(entry: Pick<KbEntry, 'answer'>): string {
  return entry.answer
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: keep the alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep the link text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\{[a-z.]+\}/gi, ' ')
    .replace(/[#*_>`|~-]+/g, ' ')
    .replace(/\s*\n\s*/g, '。')
    .slice(0, MAX_ANSWER_CHARS)
    .trim();
}

/** Weights tried when a KB tunes the answer field on its held-out similar questions (ranker units per answer-ranker unit). */
export const ANSWER_WEIGHT_GRID: readonly number[] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2];
/** The weight for KBs with answers but too few similar questions to tune on. */
export const DEFAULT_ANSWER_WEIGHT = 0.5;

/** An entry's ranker score in one field's ranking, or that ranking's floor when the field did not find it. */
export interface FieldRanking {
  scores: ReadonlyMap<number, number>;
  floor: number;
}

export function fieldRanking(ranked: ReadonlyArray<{ entry: number; score: number }>): FieldRanking {
  const scores = new Map<number, number>();
  let floor = Infinity;
  for (const r of ranked) {
    if (!scores.has(r.entry)) scores.set(r.entry, r.score);
    if (r.score < floor) floor = r.score;
  }
  return { scores, floor: Number.isFinite(floor) ? floor : 0 };
}

/** Question score plus weight × answer score; an entry one field missed gets that field's floor. */
export function fusedScore(entry: number, questions: FieldRanking, answers: FieldRanking, weight: number): number {
  return (questions.scores.get(entry) ?? questions.floor) + weight * (answers.scores.get(entry) ?? answers.floor);
}

/** The entry a fused ranking puts first (ties: the one the questions ranked first). */
export function fusedTop(questions: FieldRanking, answers: FieldRanking, weight: number): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  for (const entry of new Set([...questions.scores.keys(), ...answers.scores.keys()])) {
    const s = fusedScore(entry, questions, answers, weight);
    if (s > bestScore) {
      bestScore = s;
      best = entry;
    }
  }
  return best;
}
