/**
 * Turns a question or a message into the signals the matcher compares: words (jieba, fillers out,
 * synonyms canonical, numbers folded), character bigrams and unigrams (typos, unknown words),
 * pinyin bigrams (homophone typos: 收营机/收银机, 会圆/会员), and small semantic flags (question
 * type, negation) that separate questions sharing all their nouns ("怎么开通" vs "为什么开通不了").
 */
import { pinyin } from '@napi-rs/pinyin';
import { normalizeText, stripStorePrefix } from './normalize';
import { joinSeparableVerbs } from './separable';
import { STOPWORDS } from './stopwords';
import type { SynonymTable } from './synonyms';
import { addWords, cutForSearch, cutPrecise } from './tokenize';

/**
 * Amounts that name a thing, not a number: 满30减5 is a 满减优惠券 whatever its figures, and 少了30块 /
 * 差了80元 is money short (差钱), which the till entries say (多出来30块 is the same discrepancy the other way); left as figures they match nothing, or
 * match 货少了一箱 by its 少了.
 */
const AMOUNT_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/满\s*\d+(?:\.\d+)?\s*(?:元|块)?\s*减\s*\d+(?:\.\d+)?\s*(?:元|块)?(?:的)?(?:优惠)?(?:券|卷)?/gu, '满减优惠券'],
  [/(?:少|差|短)了?\s*\d+(?:\.\d+)?\s*(?:块钱|块|元)/gu, '差钱'],
  // 差了几十 / 差了一百多: a sum with no unit said is still money where the till is counted
  [/(?<=(?:日结|对账|交班|钱箱|现金|微信|支付宝|营业额|系统).{0,12})(?:少|差|短)了\s*(?:几十|几百|好几十|好几百|[一二两三四五六七八九]?[十百]多|\d+多?)(?![天号个次分小份箱件杯单张])(?:块钱|块|元)?/gu, '差钱'],
  // money over is a discrepancy too (钱箱多出来30块); 多收了30块 is a charge, not the till
  [/(?<![收付扣交给])多(?:出来|出|了)\s*\d+(?:\.\d+)?\s*(?:块钱|块|元)/gu, '差钱'],
];

/**
 * Descriptions staff give for what the KB names: 喝牛奶会拉肚子 is 乳糖不耐受, which the allergen entry says;
 * a till that is stuck is frozen (死机); making an item unorderable is setting it sold out (售罄); an
 * order the customer wants back is a refund (退单).
 */
const DESCRIPTION_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?:喝|吃)了?(?:牛奶|奶|乳制品|奶制品)(?:就|会|要)?(?:拉肚子|腹泻|肚子疼|不舒服)/gu, '乳糖不耐受'],
  // a till or a screen stuck (收银机今天第三次卡住了, 屏幕卡在那了) is frozen; a paper jam is not (卡纸, 纸卡住)
  [/(收银机|收银系统|收银|系统|屏幕|界面|电脑|平板)([^纸]{0,8}?)(?:卡(?:住|在那|着不动)|冻住|定住)了?/gu, '$1$2死机'],
  // a screen that takes no touch (点哪都没反应, 按什么都没反应) is frozen too
  [/(?:点|按|摸)(?:哪|哪里|什么|啥)(?:都|也)(?:没|没有|不)(?:反应|动静)/gu, '死机'],
  // making an item unorderable (咋让顾客点不了这款, 线上别再卖) is setting it sold out
  [/(?:让|叫)(?:顾客|客人)?(?:点不了|点不到|下不了单|买不了|下不了)(?:这款|这个|那款|这杯)?|(?:线上|平台上?|外卖上?)(?:那款|这款|那个|这个)?(?:别再|不要再|先别|先不|暂时别|暂时不)卖/gu, '设置售罄'],
  // another chance after an exam (考了62分 还有机会吗) is a resit
  [/(考试?|考了\d+分|没过).{0,6}?还有(?:没有)?(?:机会|办法)(?:吗|不)?/gu, '$1能补考吗'],
  // a fridge whose compressor has stopped (压缩机好像不转了) is a fridge that does not cool
  [/压缩机(?:好像|也|一直)?(?:不转|不响|不工作|坏|停)了?/gu, '冰箱不制冷'],
  // 补卡 typed with its homophone 不 (已经不卡3次了, 要去不卡): only where a punch is being made up
  [/不卡(?=\s?\d+次|\s?[几两]次)|(?<=要|去|怎么|咋|申请|能)不卡/gu, '补卡'],
  // an order the customer wants refunded (上上周的单顾客现在要退)
  [/(?:订单|的单|那单|这单|单子)(?:顾客|客人)?(?:现在|今天)?(?:要|想)退(?!货)/gu, '顾客要退单'],
];

/** Descriptions first (their patterns read the figures an amount fold would replace), then amounts. */
const FOLDS = [...DESCRIPTION_FOLDS, ...AMOUNT_FOLDS];

/**
 * Ingredients a tea shop keeps, by name, and the word the KB uses for all of them. Not the
 * allergens (花生, 大豆, 牛奶), which the allergen entry names one by one, nor the teas, which the
 * brewer entry does.
 */
const INGREDIENT = '原料';
const INGREDIENTS: ReadonlySet<string> = new Set([
  '珍珠', '波霸', '椰果', '芋圆', '芋泥', '布丁', '仙草', '红豆', '西米', '爆爆珠', '寒天', '奶盖', '奶盖粉', '奶油', '淡奶油',
  '椰浆', '椰奶', '果酱', '糖浆', '果糖', '蔗糖', '黑糖', '柠檬', '芒果', '草莓', '西柚',
  '葡萄', '橙子', '百香果', '西瓜', '水蜜桃', '荔枝', '菠萝', '蓝莓', '杨梅', '燕麦', '奶精', '植脂末', '冰淇淋', '芝士', '奶酪',
  '炼乳', '酸奶', '果浆', '茶粉', '抹茶粉', '可可粉', '小料',
]);

/** The message with descriptions and amounts replaced by the words the KB uses for them. */
export function foldDescriptions(text: string): string {
  let t = text;
  for (const [pattern, word] of FOLDS) t = t.replace(pattern, word);
  return t;
}

export interface AnalyzedText {
  /** normalizeText of the raw text (what rules and logs see) */
  normalized: string;
  /** what matching sees: store prefix and fillers removed, synonyms canonical, no spaces */
  match: string;
  words: string[];
  grams: string[];
  chars: string[];
  pinyin: string[];
  qtype: QuestionType;
  negated: boolean;
}

export type QuestionType = '' | 'why' | 'when' | 'cost' | 'amount' | 'where' | 'can' | 'how' | 'what';

// Fillers said around a question, never the question itself. Longest first.
const FILLERS = [
  '麻烦问一下', '想请问一下', '请问一下', '想问一下', '问一下', '想咨询一下', '咨询一下', '请教一下', '麻烦你', '麻烦',
  '请问', '想问', '问下', '你好', '您好', '大家好', '谢谢', '帮我', '帮忙', '一下', '老师', '亲', '我想', '我要',
  // how staff hail the group before a question
  '姐妹们', '家人们', '兄弟们', '小伙伴们', '伙伴们', '各位',
].sort((a, b) => b.length - a.length);
// …的时候 only says when the rest happens (交班的时候钱箱差了): not 什么时候, which asks when.
const FILLER_PATTERN = new RegExp(`${FILLERS.join('|')}|(?<!什么)的时候`, 'gu');
// Particles that are almost never part of a word; dropping them keeps 好了吗/好了吧 from differing.
const PARTICLES = /[吗呢啊吧呀哦嘛哈啦呗]+(?=\s|$)/gu;
/**
 * The "almost": words whose last character is a particle. At the end of a message their last
 * character stays (怎么开通花呗 must not become 怎么开通花). Words a KB teaches the segmenter count
 * too (TextAnalyzer.learnWords). Not 网吧/水吧/酒吧: 上网吧, 喝水吧 and 喝酒吧 end in a particle as often as in
 * the noun, so only a KB that uses the word makes it one.
 */
const PARTICLE_ENDED_WORDS = ['花呗', '借呗'];

/** Trailing particles dropped, except the last character of a word ending in one (`keep`). */
function stripParticles(text: string, keep: ReadonlySet<string>): string {
  return text.replace(PARTICLES, (run: string, offset: number) => {
    // Only 呗 and 吧 end nouns; 是吗 or 干嘛 still lose their particle.
    if (run[0] !== '呗' && run[0] !== '吧') return ' ';
    for (const len of [2, 3]) {
      const start = offset + 1 - len;
      if (start >= 0 && keep.has(text.slice(start, offset + 1))) return `${run[0]} `;
    }
    return ' ';
  });
}
const NUMBER = /^\d+$|^\*+$/u;
/** Characters that are words of their own far more often than half of a typo (超是谁 is not 超时谁). */
const FUNCTION_CHARS = /[是的了在有和就都也不我你他她它这那吗么呢吧啊要能可还又很太才被把给让点个]/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/**
 * A syllable as much of China says it, and so types it: zh/ch/sh like z/c/s, -ng like -n (收营机
 * for 收银机, 深请 for 申请). Only for reading homophone typos; the matcher's pinyin stays exact.
 */
function fuzzySyllable(s: string): string {
  return s.replace(/^([zcs])h/u, '$1').replace(/(?<=[aeiu])ng$|(?<=i)ng$/u, 'n');
}

/**
 * How a word is looked up by sound: exact pinyin for two characters (三去 must not read as 上去),
 * fuzzy for three or four, where the other syllables pin the word down.
 */
function soundKey(syllables: readonly string[]): string {
  return (syllables.length >= 3 ? syllables.map(fuzzySyllable) : syllables).join('_');
}
// PINYIN_STYLE.Plain (toneless); the package declares it as a const enum, which isolatedModules cannot inline.
const PLAIN_PINYIN = 0;

// Checked in order: the first that matches names the question's type.
const QTYPES: ReadonlyArray<readonly [QuestionType, RegExp]> = [
  ['why', /为什么|为何|原因|怎么回事|怎么会|咋回事/u],
  ['when', /什么时候|几点|多久|几天|哪天|何时|时间|期限|截止/u],
  ['cost', /多少钱|费用|收费|价格|手续费|利息|扣费/u],
  ['amount', /多少|几个|几次|额度/u],
  ['where', /哪里|在哪|入口|位置/u],
  ['can', /可以|能不能|不能|是否|行不行|能否|^能|能吗|会不会/u],
  ['how', /怎么|流程|步骤|方法|操作|办理/u],
  ['what', /什么|是啥|意思/u],
];
const NEGATION = /不|没有|没|未|无法/u;
/** A-not-A questions (是不是, 能不能, 有没有, 可不可以) ask; they negate nothing. */
const A_NOT_A = /(\p{Script=Han})[不没]\1|可不可以|有没有/gu;

function questionType(match: string): QuestionType {
  for (const [type, re] of QTYPES) if (re.test(match)) return type;
  return '';
}

export class TextAnalyzer {
  /** Words of this KB whose last character is a particle (see PARTICLE_ENDED_WORDS). */
  private readonly particleWords = new Set<string>();

  constructor(private readonly synonyms: SynonymTable) {
    addWords(synonyms.words);
    addWords(PARTICLE_ENDED_WORDS);
    this.learnWords([...PARTICLE_ENDED_WORDS, ...synonyms.words]);
  }

  /** KB words by their toneless pinyin (积分 under ji_fen), for homophone typos; ambiguous sounds left out. */
  private homophones: Map<string, string> | undefined;
  private homophoneWords: Set<string> | undefined;

  /**
   * Teaches the analyzer the KB's topic words, so a message that writes one with a homophone typo
   * (积份 for 积分, 报消单 for 报销单, 收营 for 收银) is read as the word meant. A sound two KB words
   * share is left alone: there is no telling which was meant.
   */
  learnHomophones(words: Iterable<string>): void {
    const bySound = new Map<string, string | null>();
    const all = new Set<string>();
    for (const w of words) {
      // Question words are no topic (是间 must not become 时间).
      if (!/^\p{Script=Han}{2,4}$/u.test(w) || QTYPES.some(([, re]) => re.test(w))) continue;
      all.add(w);
      const key = soundKey(pinyin(w, { style: PLAIN_PINYIN }) as string[]);
      const seen = bySound.get(key);
      bySound.set(key, seen === undefined || seen === w ? w : null);
    }
    this.homophones = new Map([...bySound].filter((e): e is [string, string] => e[1] !== null));
    this.homophoneWords = all;
    this.last = undefined;
  }

  /**
   * Homophone typos of KB words replaced by the word. Only where the written characters are no word
   * of their own (jieba cuts them apart: 积份 → 积/份), they share a character with the KB word, and
   * they are not themselves a KB word: "事件" stays 事件 though it sounds like 时间.
   */
  private correctHomophones(match: string): string {
    const sounds = this.homophones;
    if (!sounds?.size) return match;
    return match.replace(HAN_RUN, (run) => {
      const chars = [...run];
      if (chars.length < 2) return run;
      const syl = pinyin(run, { style: PLAIN_PINYIN }) as string[];
      if (syl.length !== chars.length) return run;
      // Where jieba leaves single characters (a typo is no word, so it falls apart: 积/份): only such
      // characters may be read as a typo, never part of a real word (热门电影 holds no 门店).
      const single: boolean[] = [];
      for (const token of cutPrecise(run)) for (const _ of token) single.push([...token].length === 1);
      if (single.length !== chars.length) return run;
      let out = '';
      for (let i = 0; i < chars.length; ) {
        let fixed = false;
        for (let len = Math.min(4, chars.length - i); len >= 2 && !fixed; len--) {
          const written = chars.slice(i, i + len).join('');
          if (this.homophoneWords!.has(written)) break; // a KB word as written: keep it whole
          const meant = sounds.get(soundKey(syl.slice(i, i + len)));
          if (!meant || meant === written || ![...meant].some((c) => written.includes(c))) continue;
          // A longer word with one character mistyped (健康正 for 健康证, 排版表 for 排班表) keeps the
          // rest as written, so jieba may see a word there; one wrong character in three or four is
          // still the KB word. Shorter ones must have fallen apart (积/份).
          const oneSlip = len >= 3 && [...written].filter((c, k) => c !== [...meant][k]).length === 1;
          if ((!oneSlip && !single.slice(i, i + len).every(Boolean)) || FUNCTION_CHARS.test(written)) continue;
          if (cutPrecise(written).length < 2) continue; // a word of its own that merely sounds alike (点钱, 垫钱)
          out += meant;
          i += len;
          fixed = true;
        }
        if (!fixed) {
          // Step over a KB word as written, so no part of it is "corrected" into another.
          const kbWord = [4, 3, 2].map((len) => chars.slice(i, i + len).join('')).find((w) => w.length >= 2 && this.homophoneWords!.has(w));
          const step = kbWord ? [...kbWord].length : 1;
          out += chars.slice(i, i + step).join('');
          i += step;
        }
      }
      return out;
    });
  }

  /** Words this KB uses (learnt from its questions): those ending in 呗 or 吧 keep that character. */
  learnWords(words: Iterable<string>): void {
    for (const w of words) if ([...w].length >= 2 && /[呗吧]$/u.test(w)) this.particleWords.add(w);
    this.last = undefined;
  }

  // One message is analysed several times in a row (decide, then the classifier's topic checks):
  // the last result is kept. Callers treat AnalyzedText as read-only.
  private last: { raw: string; result: AnalyzedText } | undefined;

  analyze(raw: string): AnalyzedText {
    if (this.last?.raw === raw) return this.last.result;
    const result = this.analyzeUncached(raw);
    this.last = { raw, result };
    return result;
  }

  private analyzeUncached(raw: string): AnalyzedText {
    const normalized = normalizeText(raw);
    const stripped = normalizeText(stripStorePrefix(raw));
    const match = this.synonyms
      .text(this.correctHomophones(stripParticles(foldDescriptions(joinSeparableVerbs(stripped)).replace(FILLER_PATTERN, ' '), this.particleWords)))
      .replace(/\s+/gu, ' ')
      .trim();
    const words: string[] = [];
    for (const w of cutForSearch(match)) {
      const word = w.trim();
      if (!word || STOPWORDS.has(word)) continue;
      words.push(NUMBER.test(word) ? '#' : this.synonyms.word(word));
    }
    // 椰果, 糖浆, 奶盖粉 are 原料 to the KB (原料开封后能放多久, 发现过期原料怎么处理): the kind is
    // added beside the name, so the name still tells entries about one ingredient apart.
    if (!words.includes(INGREDIENT) && words.some((w) => INGREDIENTS.has(w))) words.push(INGREDIENT);
    const compact = match.replace(/ /g, '').replace(/\d+|\*+/g, '#');
    const chars = [...compact].filter((c) => !STOPWORDS.has(c));
    const grams: string[] = [];
    const all = [...compact];
    if (all.length === 1) grams.push(all[0]!);
    for (let i = 0; i + 1 < all.length; i++) grams.push(all[i]! + all[i + 1]!);
    const py: string[] = [];
    for (const run of compact.match(HAN_RUN) ?? []) {
      const syl = pinyin(run, { style: PLAIN_PINYIN }) as string[];
      for (let i = 0; i + 1 < syl.length; i++) py.push(`${syl[i]}_${syl[i + 1]}`);
    }
    return { normalized, match, words, grams, chars, pinyin: py, qtype: questionType(match), negated: NEGATION.test(match.replace(A_NOT_A, '')) };
  }
}

// Runs of single-character jieba tokens that keep recurring are words jieba does not know (花呗,
// 杯贴): learning them from the KB lets queries segment the same way the questions do. Twice is
// enough: without jieba's HMM guessing, a run of single characters seen in two questions is a term.
const MIN_RUN_OCCURRENCES = 2;

/**
 * Runs of two or more single-character Han tokens (stopwords and `breakers` end a run): where jieba
 * leaves a word it does not know (杯贴 → 杯 / 贴, 大骨汤 → 大 / 骨 / 汤).
 */
export function singleCharacterRuns(tokens: Iterable<string>, breakers: ReadonlySet<string> = new Set()): string[] {
  const runs: string[] = [];
  let run = '';
  const flush = (): void => {
    if ([...run].length >= 2) runs.push(run);
    run = '';
  };
  for (const token of tokens) {
    const t = token.trim();
    if ([...t].length === 1 && /\p{Script=Han}/u.test(t) && !STOPWORDS.has(t) && !breakers.has(t)) run += t;
    else flush();
  }
  flush();
  return runs;
}

/** Learns words worth teaching the segmenter from the KB's own questions, one question at a time. */
export class KbWordLearner {
  private readonly counts = new Map<string, number>();

  add(text: string): void {
    for (const run of new Set(singleCharacterRuns(cutForSearch(normalizeText(text))))) {
      if ([...run].length <= 4) this.counts.set(run, (this.counts.get(run) ?? 0) + 1);
    }
  }

  words(): string[] {
    return [...this.counts].filter(([, n]) => n >= MIN_RUN_OCCURRENCES).map(([w]) => w);
  }
}
