/**
 * Separable verbs (离合词): Chinese splits a verb-object word around what it says about it —
 * 请假 becomes 请两天假, 打卡 becomes 打不上卡, 加班 becomes 加了三天班. Segmentation then sees
 * 请 / 两天 / 假, and the message shares no word with 「请假怎么走流程？」. Staff chat is full of
 * them, so the matcher puts the word back together and keeps what was inside after it
 * (想请两天假 → 想请假 两天): the topic matches, and the detail still counts.
 *
 * Only the shift, leave and attendance words a store group uses, and only when what sits inside is
 * the usual filling (aspect, numbers, measure words, negation, result complements): 上个班 is
 * rejoined, 上海班车 is not.
 */

/** Verb-object words that split, as [verb, object]. */
const SEPARABLE: ReadonlyArray<readonly [string, string]> = [
  ['请', '假'],
  ['休', '假'],
  ['打', '卡'],
  ['补', '卡'],
  ['加', '班'],
  ['换', '班'],
  ['排', '班'],
  ['上', '班'],
  ['值', '班'],
  ['交', '班'],
  ['调', '班'],
  ['倒', '班'],
];

/** What may sit between the halves: aspect, numbers and measure words, negation, result complements. */
// 打下班卡 / 打上班卡 name which punch: the shift sits inside too.
const FILLING = '(?:[了过着下个次天周月年号小时半两一二三四五六七八九十百几多\\d不没能上得完好到成]{1,5}|[上下]班)';

const PATTERNS = SEPARABLE.map(([verb, object]) => ({ re: new RegExp(`${verb}(${FILLING})${object}`, 'gu'), word: verb + object }));

/** The text with split separable verbs rejoined, the filling kept after the word. */
export function joinSeparableVerbs(text: string): string {
  let out = text;
  for (const { re, word } of PATTERNS) out = out.replace(re, (_m, filling: string) => `${word} ${filling} `);
  return out;
}
