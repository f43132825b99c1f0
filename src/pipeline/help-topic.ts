/**
 * 「帮助 外卖」, 「/help 会员」, 「菜单：报销」: the help card for one subject — the KB questions about
 * it, numbered, so a reply of 「2」 gets that answer (the list is remembered like a clarify list).
 *
 * An entry is on the subject when its category names it (外卖 for category 外卖, 报修 for 设备报修)
 * or one of its questions says it; the synonym table is applied on both sides, so 「帮助 POS机」
 * finds the 收银机 questions. Entries outside their dates or for other groups' tags are left out.
 */
import type { KnowledgeBase } from '../kb/knowledge-base';
import { normalizeText } from '../kb/normalize';
import type { KbEntry } from '../kb/types';

/** The words that call the help card, as the first word of a message with a subject after it. */
const HELP_WORD = /^[/／]?(?:帮助|help|菜单|功能|使用说明|常见问题|问题列表)(?:\s*[:：]\s*|\s+)(.+)$/iu;
/** Written without a break (帮助外卖): the subject is read only if it is a category of the KB. */
const HELP_WORD_JOINED = /^[/／]?(?:帮助|help)(.+)$/iu;
/** A subject longer than this is a question, not a subject (帮助 收银机连不上网怎么办 is asked as such). */
const MAX_TOPIC_CHARS = 8;
/** Most questions listed for a subject: a longer list is not read in a chat. */
export const MAX_TOPIC_QUESTIONS = 8;

/**
 * The subject of a help request with one (「帮助 外卖」 → 外卖), from the raw message text; undefined
 * for plain 帮助 and for anything else. `categories` are the KB's, for the joined form.
 */
export function helpTopic(text: string, categories: readonly string[]): string | undefined {
  const t = text.normalize('NFKC').trim();
  const spaced = HELP_WORD.exec(t)?.[1];
  const topic = (spaced ?? HELP_WORD_JOINED.exec(t)?.[1] ?? '').replace(/[\s。.!！?？~～]+$/u, '').trim();
  if (!topic || [...topic].length > MAX_TOPIC_CHARS) return undefined;
  if (spaced === undefined && !categories.some((c) => c === topic || c.includes(topic))) return undefined;
  return topic;
}

/** Entries on the subject, category matches first, in KB order otherwise. */
export function entriesOnTopic(kb: KnowledgeBase, topic: string, groupTags?: Record<string, string>): KbEntry[] {
  const plain = compact(topic);
  // Compared with the questions as the index holds them (already analysed), so a help request costs
  // no analysis per entry however large the KB.
  const canonical = spaceless(kb.analyze(topic).match);
  if (!plain || !canonical) return [];
  const scored: Array<{ entry: KbEntry; rank: number; order: number }> = [];
  kb.allEntries.forEach((entry, order) => {
    if (!kb.entryApplies(entry.id, groupTags)) return;
    const category = entry.category ? compact(entry.category) : '';
    const questions = kb.questionMatches(entry.id).map(spaceless);
    let rank = 0;
    if (category && (category.includes(plain) || plain.includes(category))) rank = 3;
    else if (questions[0]?.includes(canonical)) rank = 2;
    else if (questions.some((q) => q.includes(canonical))) rank = 1;
    if (rank) scored.push({ entry, rank, order });
  });
  return scored.sort((a, b) => b.rank - a.rank || a.order - b.order).map((s) => s.entry);
}

const categoriesOf = new WeakMap<KnowledgeBase, string[]>();

/** The KB's categories, in the order they first appear (kept per KB: a reload builds a new one). */
export function kbCategories(kb: KnowledgeBase): string[] {
  let list = categoriesOf.get(kb);
  if (!list) categoriesOf.set(kb, (list = [...new Set(kb.allEntries.flatMap((e) => (e.category ? [e.category] : [])))]));
  return list;
}

/** Analysed text (already normalised) without the spaces the analyser leaves between words. */
function spaceless(s: string): string {
  return s.replace(/\s+/gu, '');
}

function compact(s: string): string {
  return normalizeText(s).replace(/\s+/gu, '');
}
