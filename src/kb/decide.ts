/**
 * The answer / clarify / none policy over ranked candidates. Never guesses: below the clarify
 * threshold nothing is offered, and two different entries scoring almost the same are offered as a
 * choice even when both are above the answer threshold.
 */
import type { KbCandidate, KbDecisionKind } from './types';

/** Two entries closer than this in confidence are a tie the asker should settle. */
export const TIE_MARGIN = 0.04;

export interface Thresholds {
  answerThreshold: number;
  clarifyThreshold: number;
}

export function decideOnCandidates(candidates: readonly KbCandidate[], t: Thresholds): { decision: KbDecisionKind; reason: string } {
  const [top, second] = candidates;
  if (!top || top.score < t.clarifyThreshold) {
    return { decision: 'none', reason: top ? `best ${top.id} ${top.score.toFixed(2)} < clarify ${t.clarifyThreshold}` : 'no candidate shares a word with the query' };
  }
  if (second && second.score >= t.clarifyThreshold && top.score - second.score < TIE_MARGIN) {
    return { decision: 'clarify', reason: `near tie: ${top.id} ${top.score.toFixed(2)} vs ${second.id} ${second.score.toFixed(2)}` };
  }
  if (top.score >= t.answerThreshold) return { decision: 'answer', reason: `${top.id} ${top.score.toFixed(2)} ≥ answer ${t.answerThreshold}` };
  return { decision: 'clarify', reason: `${top.id} ${top.score.toFixed(2)} between clarify ${t.clarifyThreshold} and answer ${t.answerThreshold}` };
}
