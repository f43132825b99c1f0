/**
 * Text normalisation applied identically to KB questions and to incoming messages, so that surface
 * differences staff never mean cannot change a match: 全角 letters, traditional characters, case,
 * punctuation and emoji, the leading @bot mention, stretched characters (急急急), Chinese numerals.
 * The classifier's rules run on this text too, so it keeps every word (fillers and store prefixes are
 * removed later, for matching only: see matchText).
 */
import * as OpenCC from 'opencc-js';

// Leading @mentions: WeCom/DingTalk put "@机器人名" plus a (often U+2005) space before the text.
const LEADING_MENTIONS = /^(?:\s*@[^\s@]+(?:\s+|$))+/u;
// Everything that is not a letter, digit or mark is noise for matching: punctuation, symbols, emoji.
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const CJK = '\\p{Script=Han}';
// Spaces between two Han characters are typing accidents ("收银机 没网"), not word boundaries.
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'gu');
// Three or more of the same character is emphasis (急急急, 好好好好, 啊啊啊), never a word.
// Digits are left alone: 202411230001234 is an order number, not a stretched 0.
const STRETCHED = /(\D)\1{2,}/gu;

// opencc-js's typings resolve to `any` under NodeNext; this is the one shape we use.
type Convert = (s: string) => string;
const toSimplified: Convert = (OpenCC as unknown as { Converter(o: { from: string; to: string }): Convert }).Converter({ from: 't', to: 'cn' });
// Text without Han characters skips the converter and the numeral rewrite.
const HAN = /\p{Script=Han}/u;

export function stripLeadingMentions(s: string): string {
  return s.replace(LEADING_MENTIONS, '');
}

const DIGIT: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a Chinese numeral up to 万 (三, 十五, 二十, 一百零八, 两千), or undefined. */
export function chineseNumeralValue(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : ch === '万' ? 10_000 : 0;
    if (!unit) return undefined;
    if (unit === 10_000) {
      total = (total + section + (digit ?? 0)) * 10_000;
      section = 0;
    } else {
      section += (digit ?? 1) * unit; // 十五: a bare 十 means 1×10
    }
    digit = undefined;
  }
  return total + section + (digit ?? 0);
}

// A numeral counts as a number only before a unit or measure word, so 一下/一直/统一/一样 stay text.
const NUMERAL_BEFORE_UNIT = /[零〇一二两三四五六七八九十百千万]+(?=[点个天号日月年元块毛角分秒次杯张期周位人台件份瓶箱袋包盒斤克米度岁层楼店家单小])/gu;

function numeralsToDigits(s: string): string {
  return s.replace(NUMERAL_BEFORE_UNIT, (m) => {
    const v = chineseNumeralValue(m);
    return v === undefined ? m : String(v);
  });
}

/**
 * Misspellings that are never anything else: 劵 for 券, 以经/己经 for 已经, 帐 for 账 in money words
 * (not in 帐篷). Characters an input method offers next to the right one, fixed before matching.
 */
const MISSPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/劵/gu, '券'],
  // not the 以经/己经 of 所以经常, 可以经过, 自己经营
  [/(?<![所可难足得予加自])[以己]经(?![营常验济典过])/gu, '已经'],
  [/部份/gu, '部分'],
  [/冲值/gu, '充值'],
  // homophone slips that are never a word: 积份, 报消, 制冰鸡 / 收银鸡
  [/积份/gu, '积分'],
  [/报消/gu, '报销'],
  [/(?<=制冰|收银|打卡|封口|净水|打印|咖啡|萃茶)鸡/gu, '机'],
  [/帐(?=单|户|号|目|款)|(?<=[对到入记算结转查销])帐/gu, '账'],
];

/**
 * Dialect words folded to the Mandarin the KB is written in. Franchisees in Guangdong type Cantonese
 * (今日芒果用晒啦，外卖嗰边点样唔畀人落单), others Sichuan or Shanghai words; the KB says 用完, 怎么,
 * 不, 下单. Only words that are never Mandarin, or compounds that are not, are folded: 呢 is the
 * Mandarin particle unless a measure word follows, 饮 stays in 饮品, 钟 stays in 3点钟 and 钟表.
 * Runs after the traditional → simplified converter, so the patterns use its output (嗰 becomes 𠮶).
 */
const DIALECT_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/系唔系|是唔是/gu, '是不是'],
  [/有冇/gu, '有没有'],
  [/得唔得/gu, '行不行'],
  [/唔得/gu, '不行'],
  [/使唔使/gu, '要不要'],
  [/(\p{Script=Han})唔\1/gu, '$1不$1'],
  [/唔该晒|多谢晒/gu, '谢谢'],
  [/唔该/gu, '麻烦'],
  [/点样|咋个|啷个/gu, '怎么'],
  // 搞忘 is Southwestern Mandarin for 忘了 (搞忘打卡了); 食咩 / 食乜 is 吃什么, 打边炉 is hot pot
  [/搞忘(?:了|记了?)?/gu, '忘了'],
  [/食(?=咩|乜|什么|饭|嘢)/gu, '吃'],
  [/打边炉/gu, '吃火锅'],
  [/点解/gu, '为什么'],
  [/点算/gu, '怎么办'],
  [/边度|边到|边处/gu, '哪里'],
  [/边个/gu, '谁'],
  [/几多钱/gu, '多少钱'],
  [/几多/gu, '多少'],
  [/乜嘢|咩嘢|么子/gu, '什么'],
  [/咩/gu, '什么'],
  [/啥辰光/gu, '什么时候'],
  // V晒 is "all V'd": 冇晒电 / 黑晒 / 停晒 are everything gone; 用晒 / 卖晒 are used or sold up
  [/冇晒/gu, '全没了'],
  [/(?<=[黑停断坏])晒/gu, '了'],
  [/(?<=起)晒/gu, '满'],
  [/(?<=[用卖食饮走搞清])晒(?!太阳|干|衣)/gu, '完'],
  [/成条街/gu, '整条街'],
  [/间铺|间店/gu, '店里'],
  [/喺度/gu, '在这'],
  [/仲(?=有|未|系|要|可以|好)/gu, '还'],
  [/冇得|莫得|冇/gu, '没有'],
  [/覅/gu, '不要'],
  [/唔/gu, '不'],
  [/咗/gu, '了'],
  [/嘅/gu, '的'],
  [/啲/gu, '些'],
  [/嘢/gu, '东西'],
  [/[𠮶嗰]/gu, '那'],
  [/呢(?=[个度到间次单啲些])/gu, '这'],
  [/喺/gu, '在'],
  // 係 (系 once simplified) is 是 after an adverb: 都係水, 就係佢; not 系统, 联系, 关系
  [/(?<=[都就即唔仲又])系(?![统列数])/gu, '是'],
  [/成地/gu, '满地'],
  [/成身/gu, '全身'],
  [/水喉/gu, '水管'],
  [/[畀俾](?=[我你他她佢人钱])/gu, '给'],
  [/佢哋/gu, '他们'],
  [/佢/gu, '他'],
  [/睇/gu, '看'],
  [/揾/gu, '找'],
  [/攞/gu, '拿'],
  [/嚟/gu, '来'],
  [/而家/gu, '现在'],
  [/琴日|寻日/gu, '昨天'],
  [/听日/gu, '明天'],
  [/落单/gu, '下单'],
  [/埋单/gu, '结账'],
  [/咁/gu, '这样'],
  // sentence-final particles only Cantonese uses
  [/[㗎啫喎嘞啰噃]/gu, ''],
  [/搞掂/gu, '搞定'],
  [/不晓得/gu, '不知道'],
  [/阿拉/gu, '我们'],
  [/饮(?![品料食用水])/gu, '喝'],
  [/(?<=[\d几半两一二三四五六七八九十]个?)钟(?![头表点])/gu, '小时'],
  // 补了三回卡 is three times; 一回事, 回来, 回家, 回复 are not counts
  [/(?<=[\d几两一二三四五六七八九十])回(?![事来去家复头应收答馈])/gu, '次'],
];

// One pass to see whether any fold applies at all: most messages are Mandarin, and forty-odd
// replaces per message would cost more than the rest of normalisation.
const ANY_DIALECT = new RegExp(DIALECT_FOLDS.map(([word]) => word.source).join('|'), 'u');

function foldDialect(s: string): string {
  if (!ANY_DIALECT.test(s)) return s;
  for (const [word, mandarin] of DIALECT_FOLDS) s = s.replace(word, mandarin);
  return s;
}

function fixMisspellings(s: string): string {
  for (const [wrong, right] of MISSPELLINGS) s = s.replace(wrong, right);
  return s;
}

export function normalizeText(s: string): string {
  // NFKC folds 全角 ASCII (ＰＯＳ１２３) to 半角 and compatibility forms (①, ㎏) to plain ones.
  let t = stripLeadingMentions(s.normalize('NFKC'));
  if (HAN.test(t)) t = numeralsToDigits(fixMisspellings(foldDialect(toSimplified(t))));
  // Typed spaces between Han characters go first; punctuation then becomes a space that stays,
  // because "写了个差评，说奶茶太甜" must not be read as 差 / 评说.
  t = t.toLowerCase().replace(SPACE_BETWEEN_HAN, '').replace(NON_WORD, ' ').trim();
  return t.replace(STRETCHED, '$1');
}

// "我是徐汇3店的", "徐汇三店：", "【静安寺店】", "南京西路店 小王：" — who is asking, not what. Only
// removed when clearly a prefix: led by 我是/我们是/这边是…, or bracketed, or closed by a colon.
const STORE_PREFIXES: readonly RegExp[] = [
  /^\s*[【[(（][^】\])）]{1,20}[】\])）]\s*/u,
  /^\s*(?:我是|我们是|我这边是|这边是|这里是|我在)[\p{Script=Han}a-z0-9]{1,14}?(?:店|门店|分店|加盟店)(?:的)?(?:店长|店员|员工|老板|负责人|同事)?(?:的)?[\s,，:：。]*/iu,
  // After 店 only a role or a space-separated name may stand before the colon: "新店开业：…" is a topic.
  /^\s*[\p{Script=Han}a-z0-9]{1,14}?(?:店|门店|分店)(?:店长|店员|员工|老板)?(?:\s+[\p{Script=Han}a-z]{1,4})?\s*[:：]\s*/iu,
];

const STORE_KIND = /加盟|直营/u;

// "…积分多久过期 客人问的": whom the question is asked for, not what it asks; taken off the end like a
// prefix off the start (never the whole message).
const ASKED_FOR_SUFFIX = /[\s,，。;；]*(?:这是|是)?(?:帮|替)?(?:客人|顾客|客户|同事|店长|店员|老板)(?:在|刚才|刚刚)?问(?:的|我的|我)?[\s。！!~～?？]*$/u;

/** The message without a leading "who and where I am" prefix (raw text, before normalizeText). */
export function stripStorePrefix(s: string): string {
  let t = stripLeadingMentions(s.normalize('NFKC'));
  for (const re of STORE_PREFIXES) {
    const m = re.exec(t);
    // Never strip everything: "我是徐汇3店的" alone is all the message there is.
    // The kind of store is not who is asking but what the rules depend on (我们是加盟店，营业款也要存吗):
    // 加盟 / 直营 stay.
    if (m && m[0].length < t.length) t = (STORE_KIND.exec(m[0])?.[0] ?? '') + t.slice(m[0].length);
  }
  const tail = ASKED_FOR_SUFFIX.exec(t);
  if (tail && tail.index > 0) t = t.slice(0, tail.index);
  return t;
}
