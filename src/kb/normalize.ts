/**
 * Text normalisation applied identically to KB questions and to incoming messages, so that surface
 * differences staff never mean (全角 letters, case, punctuation, emoji, the leading @bot mention)
 * cannot change a match.
 */

// Leading @mentions: WeCom/DingTalk put "@机器人名" plus a (often U+2005) space before the text.
const LEADING_MENTIONS = /^(?:\s*@[^\s@]+(?:\s+|$))+/u;
// Everything that is not a letter, digit or mark is noise for matching: punctuation, symbols, emoji.
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const CJK = '\\p{Script=Han}';
// Spaces between two Han characters are typing accidents ("收银机 没网"), not word boundaries.
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${CJK}) +(?=${CJK})`, 'gu');

export function stripLeadingMentions(s: string): string {
  return s.replace(LEADING_MENTIONS, '');
}

export function normalizeText(s: string): string {
  // NFKC folds 全角 ASCII (ＰＯＳ１２３) to 半角 and compatibility forms (①, ㎏) to plain ones.
  const folded = stripLeadingMentions(s.normalize('NFKC')).toLowerCase();
  return folded.replace(NON_WORD, ' ').trim().replace(SPACE_BETWEEN_HAN, '');
}
