/** Knowledge-base data types shared by the loader, the search engine, the classifier and the CLI. */

export interface KbEntry {
  id: string;
  question: string;
  similar: string[];
  answer: string;
  category?: string;
  /** if set, the entry only applies to groups whose tags match all of these (e.g. {region: '华东'}) */
  tags?: Record<string, string>;
  /**
   * First day the entry may be answered, `YYYY-MM-DD` in Asia/Shanghai, inclusive (YAML
   * `effective_from`). Unset: no start. See `isEntryActive` in answer.ts.
   */
  effectiveFrom?: string;
  /** Last day the entry may be answered, `YYYY-MM-DD` in Asia/Shanghai, inclusive (YAML `effective_until`). */
  effectiveUntil?: string;
  /**
   * Answers for groups whose tags match all of an override's tags (YAML `overrides`). The most
   * specific matching override (most tags) wins; among equally specific ones, the first listed.
   * See `answerFor` in answer.ts.
   */
  overrides?: KbOverride[];
}

/** An answer that replaces `KbEntry.answer` for groups carrying all of `tags`. */
export interface KbOverride {
  /** at least one tag, e.g. {region: '华南'} */
  tags: Record<string, string>;
  /** markdown, with the same template variables as the entry's answer */
  answer: string;
}

export interface KbCandidate {
  id: string;
  question: string;
  /** calibrated confidence 0..1 */
  score: number;
  /** The entry question (standard or similar) that matched best; useful when reading `kb search` output. */
  matched?: string;
  /** The ranker's raw score (orders candidates; not a probability). */
  rankScore?: number;
  /** Found only through its answer text: none of the entry's questions matched. Never answered, at most offered. */
  answerOnly?: boolean;
}

export type KbDecisionKind = 'answer' | 'clarify' | 'none';

export interface KbDecision {
  decision: KbDecisionKind;
  /** best first, ≤10 */
  candidates: KbCandidate[];
  best?: KbEntry;
  /** Why this decision was taken, in plain words (for logs and `kb search`). */
  reason?: string;
  /**
   * Set (with decision `none`) when only an entry outside its effective window would answer: it is
   * candidates[0], and the asker is told when it starts or that it ended (messages.upcoming / ended).
   */
  outOfWindow?: OutOfWindow;
}

export interface OutOfWindow {
  id: string;
  question: string;
  state: 'upcoming' | 'ended';
  effectiveFrom?: string;
  effectiveUntil?: string;
}

export interface DecideOptions {
  answerThreshold: number;
  clarifyThreshold: number;
  groupTags?: Record<string, string>;
  /** The query's embedding, when an embeddings provider is configured (see KnowledgeBase.attachVectors). */
  queryVector?: Float32Array;
}

export interface SearchOptions {
  limit?: number;
  /**
   * Tags of the group asking. Entries with tags only match groups carrying all of them.
   * Undefined means "no group context" (admin CLI): every entry is searchable.
   */
  groupTags?: Record<string, string>;
  queryVector?: Float32Array;
}
