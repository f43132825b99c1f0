/** Knowledge-base data types shared by the loader, the search engine, the classifier and the CLI. */

export interface KbEntry {
  id: string;
  question: string;
  similar: string[];
  answer: string;
  category?: string;
  /** if set, the entry only applies to groups whose tags match all of these (e.g. {region: '华东'}) */
  tags?: Record<string, string>;
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
}

export type KbDecisionKind = 'answer' | 'clarify' | 'none';

export interface KbDecision {
  decision: KbDecisionKind;
  /** best first, ≤10 */
  candidates: KbCandidate[];
  best?: KbEntry;
  /** Why this decision was taken, in plain words (for logs and `kb search`). */
  reason?: string;
}

export interface DecideOptions {
  answerThreshold: number;
  clarifyThreshold: number;
  groupTags?: Record<string, string>;
}

export interface SearchOptions {
  limit?: number;
  /**
   * Tags of the group asking. Entries with tags only match groups carrying all of them.
   * Undefined means "no group context" (admin CLI): every entry is searchable.
   */
  groupTags?: Record<string, string>;
}
