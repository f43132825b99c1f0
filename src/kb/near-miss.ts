/**
 * Near misses: same subject, another ask (「健康证的钱能报吗」 against 「员工健康证怎么办理」). It is
 * the out-of-KB question store staff ask most often and the hardest to reject: every word of the
 * subject matches and the entry wins the ranking by a wide margin; only the ask is not answered.
 * This module finds what a message asks for beyond its subject, so the reply can name the question
 * it answers whenever the entry never says that (see KnowledgeBase.asksBeyond).
 */

/**
 * Where the ask starts in a question: the first question word or modal. What comes before it is
 * the subject ("员工健康证" in "员工健康证怎么办理", "外卖店铺被平台关了" in "…咋重新开").
 */
const ASK_MARKERS: readonly string[] = [
  // the earliest match wins, so 能 also covers 能不能 / 能否, and 可不可以 / 需不需要 start before 可以 / 需要
  '怎么', '怎样', '如何', '咋', '可不可以', '可以', '是否', '要不要', '需不需要', '需要',
  '有没有', '多少', '几', '什么', '啥', '哪', '谁', '为什么', '为啥', '吗', '能', '还能',
  // where a question phrase stood (QUESTION_PHRASES)
  '？',
];
/** Characters that only say how something is asked (the markers above, spelt out), never what. */
const ASK_ONLY_CHARS = new Set([...'怎样如何咋能不可以否是要需有没多少几什么啥哪谁为吗还呢吧啊呀的了']);

/**
 * What a question asks for beyond its subject: the characters of its ask (from the first marker on)
 * that say what is wanted (报 in 健康证的钱能报吗, 办 in 健康证在哪办), without the question words
 * themselves. Empty when the text has no marker or its ask is all question words.
 */
/**
 * Question phrases spelt out, removed before the characters are read: the 个 of 哪个, the 号 of 几号
 * and the 时候 of 什么时候 say how something is asked, and would otherwise count as part of the ask.
 */
const QUESTION_PHRASES = /哪[个些里儿家几位种款天]|几[号点个天次回道遍分档种位台张岁年月周]|什么时候|多少|多久|多长时间|为什么|是不是|能不能|可不可以|要不要|有没有|行不行|会不会|还是|这个|那个|我们|你们|他们|一下/gu;

export function askContent(text: string): string[] {
  const compact = text.replace(/\s+/gu, '').replace(QUESTION_PHRASES, '？');
  let cut = -1;
  for (const marker of ASK_MARKERS) {
    const at = compact.indexOf(marker);
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  if (cut < 0) return [];
  return [...new Set([...compact.slice(cut)].filter((c) => /\p{Script=Han}/u.test(c) && !ASK_ONLY_CHARS.has(c)))];
}

/**
 * Procedures staff name when they want one done: 变更 (folded to 修改), 注销, 过户, 升级, 延期, 叠加…
 * Each is its own question with its own steps, so an entry that never mentions the procedure in
 * any of its questions or answers cannot be answering it, however well the subject matches:
 * 「营业执照地址要变更」 is not answered by the entry on which licences to display, nor 「积分能转给
 * 家里人吗」 by the one on what points buy. Written as the matcher sees them (synonyms folded).
 * Not 换成 (加班换成调休 is the overtime entry's own ask in other words) nor 取消 (作废 folds to it).
 */
export const PROCEDURE_VERBS: readonly string[] = [
  '修改', '注销', '删除', '过户', '转让', '转给', '转赠', '升级', '续保', '延期', '延长', '叠加',
  '补办', '挂失', '冻结', '解冻', '合并', '拆分', '退货', '申诉', '开通', '预约', '加急',
  // 开票 / 开发票 fold to 发票: an invoice for the franchise fee is not the franchise-fee entry's ask
  '发票',
  // money a platform or head office settles to the store (抖音团购的钱啥时候结给我们): not how to redeem
  '结给', '结算给',
  // who may approve (店长不在的时候要退款，谁能授权): not how to do it
  '授权',
  // an invoice or a receipt issued again (抬头开错了能重开吗) is not how to issue one
  '重开',
];

/** The procedures a message asks for (its text as matched) that `said` (all an entry says, as matched) never mentions. */
export function unmentionedProcedures(match: string, said: string): string[] {
  return PROCEDURE_VERBS.filter((v) => match.includes(v) && !said.includes(v));
}

/**
 * A state the message rules out that the entry only speaks of as so: 「没开封的鲜奶能放几天」 asks
 * about unopened milk, and the entry on how long opened stock keeps (开封后…) says nothing of it.
 * Only the attributive shape (没/未 + a two-character state + 的, not the question 有没有…的) is read: 「没打卡怎么补」 is a
 * missed punch, the very thing its entry is about, however that entry words it.
 */
export function negatedStates(match: string, said: string): string[] {
  const out: string[] = [];
  for (const m of match.matchAll(/(?<!有)[没未](?:有)?(\p{Script=Han}{2})的/gu)) {
    const state = m[1]!;
    if (said.includes(state) && !new RegExp(`[没未不无]有?${state}`, 'u').test(said)) out.push(m[0].slice(0, -1));
  }
  return out;
}

/**
 * The store's machines, as the matcher names them (synonyms folded: 冰柜 → 冰箱, POS机 → 收银机).
 * An entry whose questions name one machine is about that machine: 「萃茶机每天怎么清洗」 is not
 * answered by the entry on cleaning the ice machine, however well 清洗 matches.
 */
export const MACHINES: readonly string[] = [
  '制冰机', '萃茶机', '封口机', '冰箱', '开水机', '收银机', '小票机', '标签机', '扫码枪', '空调', '消毒柜', '净水器',
  '咖啡机', '果糖机', '冰沙机', '路由器', '热水器', '烤箱', '微波炉', '榨汁机', '洗碗机', '监控', '打印机',
];

/**
 * The machines a message names when the entry's questions name others and none of these: empty when
 * the message names no machine, the entry's questions name none (设备坏了怎么报修 covers them all),
 * or they share one.
 */
export function otherMachines(match: string, questions: string, said: string): string[] {
  return otherOfKind(MACHINES, match, questions, said);
}

/**
 * The papers a store holds, as the matcher names them (食经证 → 食品经营许可证). An entry whose
 * questions name one is about that one: 「加盟合同到期咋续」 is not answered by the entry on renewing
 * the food licence, however well 到期 and 续 match.
 */
export const DOCUMENTS: readonly string[] = [
  '食品经营许可证', '许可证', '营业执照', '健康证', '合同', '租约', '租赁', '发票', '收据', '对账单', '工资条', '签收单', '存款回单',
];

/** The papers a message names when the entry's questions name others and none of these (see otherMachines). */
export function otherDocuments(match: string, questions: string, said: string): string[] {
  // 食品经营许可证 also contains 许可证: the longer name stands for both
  const asked = otherOfKind(DOCUMENTS, match, questions, said);
  return asked.filter((d) => !asked.some((o) => o !== d && o.includes(d)));
}

function otherOfKind(kind: readonly string[], match: string, questions: string, said: string): string[] {
  const asked = kind.filter((m) => match.includes(m));
  if (!asked.length) return [];
  const entry = kind.filter((m) => questions.includes(m));
  if (!entry.length || asked.some((m) => entry.includes(m) || said.includes(m))) return [];
  return asked;
}

/**
 * A first application (新店头一回办许可证, 首次申请) is another procedure than a renewal: its papers and
 * steps differ. Numerals are digits in matched text (头一回 → 头1次, see normalize.ts).
 */
const FIRST_TIME = /新办|首次(?:办|申请)|初次(?:办|申请)|[头第]1次(?:办|申请)|新申请|新店.{0,4}(?:办|申请)/u;
const RENEWAL = /续|延期|到期/u;
const SPEAKS_OF_FIRST_TIME = /新办|首次|初次|第1次|新店|新开|新申请/u;

/**
 * The first-time application a message asks about, when the entry's questions are about renewing
 * and nothing it says speaks of a first application (otherwise undefined).
 */
export function firstTimeAgainstRenewal(match: string, questions: string, said: string): string | undefined {
  const asked = FIRST_TIME.exec(match)?.[0];
  if (!asked || !RENEWAL.test(questions) || SPEAKS_OF_FIRST_TIME.test(said)) return undefined;
  return asked;
}

/**
 * A mistake already made (存错账户, 存到别的账户, 不小心转了, 填错单): putting it right is another procedure than doing
 * it, and an entry that never speaks of an error (错) only says how to do it.
 */
const MISTAKE = /[存转填打交输扫开点退收找付汇]错|[存转汇打付](?:到|进|给)了?(?:(?:别的|其他的?|别人的?|另一个|另外一个)(?:账户|账号|卡|人)|别人)|不小心(?:把)?.{0,4}?[存转付退删汇]/u;

export function unmentionedMistake(match: string, said: string): string | undefined {
  const made = MISTAKE.exec(match)?.[0];
  return made && !said.includes('错') ? made : undefined;
}

/**
 * Something that happened to the store (备用金被偷了, 被骗了, 钱丢了): an incident for a person, which an
 * entry on the routine (how to apply for petty cash) does not answer unless it speaks of one.
 */
const INCIDENT = /被偷|被盗|被抢|被骗|偷走|丢了|不见了/u;
const SPEAKS_OF_INCIDENT = /偷|盗|抢|骗|丢|遗失|不见/u;

export function unmentionedIncident(match: string, said: string): string | undefined {
  const what = INCIDENT.exec(match)?.[0];
  return what && !SPEAKS_OF_INCIDENT.test(said) ? what : undefined;
}

/**
 * Franchised and company-run stores follow different rules (营业款, 备用金, 发票抬头): an entry whose
 * texts speak only of 直营店 does not answer a 加盟 store's question, nor the other way round.
 */
export function otherStoreType(match: string, said: string): string | undefined {
  const franchise = /加盟/u.test(match);
  const direct = /直营/u.test(match);
  if (franchise && !direct && said.includes('直营') && !said.includes('加盟')) return '加盟';
  if (direct && !franchise && said.includes('加盟') && !said.includes('直营')) return '直营';
  return undefined;
}

/**
 * Delivery orders go through the platforms' own printing, refunds and settings: a question about a
 * 美团 / 饿了么 / 外卖 order (美团来单了但是小票机没吐单子) is not answered by an entry that never speaks of
 * delivery at all (the in-store receipt printer), however well the rest matches.
 */
const DELIVERY = /外卖|美团|饿了么|骑手|外送/u;

export function unmentionedDelivery(match: string, said: string): string | undefined {
  const named = DELIVERY.exec(match)?.[0];
  return named && !DELIVERY.test(said) ? named : undefined;
}
