/**
 * The classifier's rule tables as one value: the built-in lexicon (./lexicon) plus the admin's own
 * rules from the `classify` section of the YAML config. Compiled once per config snapshot, so a
 * message never pays for regex construction.
 */
import type { AppConfig } from '../config/schema';
import { normalizeText } from '../kb/normalize';
import { OFFTOPIC_RULES, URGENT_DEFUSERS, URGENT_RULES, type OffTopicRule, type UrgentRule } from './lexicon';
import { UrgentModel } from './urgent-model';

export interface ClassifierRules {
  /** admin rules first: an admin's topic name is the more specific reason */
  readonly urgent: readonly UrgentRule[];
  readonly defusers: RegExp;
  readonly offTopic: readonly OffTopicRule[];
  /** the learned second opinion (urgent-model.ts) and the probability it must reach; absent = rules only */
  readonly urgentModel?: { model: UrgentModel; threshold: number };
  /** requests for a person (conversation.handoffPhrases); absent = the defaults */
  readonly handoffPhrases?: readonly string[];
}

const DEFAULT_URGENT_MODEL = UrgentModel.default();

export const BUILTIN_RULES: ClassifierRules = {
  urgent: URGENT_RULES,
  defusers: URGENT_DEFUSERS,
  offTopic: OFFTOPIC_RULES,
  urgentModel: { model: DEFAULT_URGENT_MODEL, threshold: DEFAULT_URGENT_MODEL.threshold },
};

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words as the normaliser leaves them (全角→半角, 繁→简, lower case), so "ＰＯＳ機" in YAML still matches. */
function wordAlternatives(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => normalizeText(w)).filter(Boolean))].map(escapeRegex);
}

function compile(words: readonly string[], pattern: string | undefined): RegExp {
  const parts = wordAlternatives(words);
  if (pattern) parts.push(`(?:${pattern})`);
  return new RegExp(parts.join('|'), 'u');
}

export function compileClassifierRules(config: AppConfig['classify'] | undefined, handoffPhrases?: readonly string[]): ClassifierRules {
  const rules = compileClassifyRules(config);
  return handoffPhrases ? { ...rules, handoffPhrases } : rules;
}

function compileClassifyRules(config: AppConfig['classify'] | undefined): ClassifierRules {
  const urgentModel = config?.urgentModel === false ? undefined : { model: DEFAULT_URGENT_MODEL, threshold: config?.urgentModelThreshold ?? DEFAULT_URGENT_MODEL.threshold };
  if (!config || (!config.urgent.length && !config.notUrgent.length && !config.offTopic.length && config.urgentModel !== false && config.urgentModelThreshold === undefined)) return BUILTIN_RULES;
  const urgent: UrgentRule[] = config.urgent.map((r) => ({ pattern: compile(r.words, r.pattern), severity: r.severity, topic: r.topic }));
  const offTopic: OffTopicRule[] = config.offTopic.map((r) => ({ pattern: compile(r.words, r.pattern), topic: r.topic }));
  const extraDefusers = wordAlternatives(config.notUrgent);
  return {
    urgent: [...urgent, ...URGENT_RULES],
    defusers: extraDefusers.length ? new RegExp(`${URGENT_DEFUSERS.source}|${extraDefusers.join('|')}`, 'u') : URGENT_DEFUSERS,
    offTopic: [...offTopic, ...OFFTOPIC_RULES],
    ...(urgentModel ? { urgentModel } : {}),
  };
}
