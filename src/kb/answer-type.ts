/**
 * Expected answer types. Some asks can only be answered by an answer that says a certain kind of
 * thing: "多少钱" needs a price, "谁出 / 给报吗" needs who pays, "多久" needs a length of time,
 * "多久一次" needs a frequency, "有效期" needs a validity, "能封多少杯" a count, "什么型号" a size or model,
 * "抽成几个点" a share, "最多几次" a cap, "要带啥材料" what to bring. A message that shares its subject with an entry but asks one of
 * these of an entry that never says that kind of thing ("健康证的体检费公司给报吗" against 员工健康证
 * 怎么办理) is the near miss no word overlap can see: the entry is offered, not given as the answer.
 *
 * Only the kinds whose evidence can be read off the text reliably are checked; "能不能" or "怎么"
 * asks are answered by almost any answer and are left alone.
 */
import type { KbEntry } from './types';

export type AskKind = 'cost' | 'payer' | 'validity' | 'duration' | 'frequency' | 'quantity' | 'size' | 'rate' | 'limit' | 'documents' | 'penalty' | 'compensation' | 'supply' | 'bonus' | 'standard';

/** How each kind of ask is phrased (on normalised text). */
const ASKED: ReadonlyArray<readonly [AskKind, RegExp]> = [
  ['cost', /多少钱|几块钱|几块一|价格是?多少|多贵|收费吗|收不收费|怎么收费|钱一[包个箱件张卷盒]|手续费|[交缴](?:费|钱)(?:吗|不|么)|要[交缴]?钱吗|费用(?:是|大概)?多少|多少费用/u],
  // also as two parties set side by side (店里出还是公司出, 算门店的还是总部的, 要店员自己赔吗)
  ['payer', /谁出|谁承担|谁付|谁买单|谁来?赔|报不报|给报|能报|可以报|报销吗|报销不|有没有补贴|有补贴|补贴吗|扣不扣|扣钱吗|扣工资吗|要自己出|自己掏|还是(?:由)?(?:门店|店里|总部|公司|自己|个人|店员|员工|加盟商|我们|平台|顾客|骑手|商家).{0,4}(?:出钱?|担|承担|赔|付|补贴)(?:的|呢|吗)?$|(?:门店|店里|总部|公司|店员|员工|加盟商|加盟店|直营店)(?:自己)?(?:来)?(?:出钱?|担|承担|赔|买单|掏钱?)(?:吗|还是|呢|啊|$|\s)|(?:自己|个人)(?:来)?(?:出钱|担|承担|赔|买单|掏钱?)(?:吗|还是|呢|啊|$|\s)|算(?:谁|门店|店里|总部|公司|我们|个人|店员)的|(?:人|员工|店员|当班|我们|门店|自己)(?:的人)?(?:来|要)?赔(?:吗|不|钱|$)|是不是(?:要|得|该)?.{0,6}赔|赔不赔/u],
  ['validity', /有效期|多久有效|多长时间有效|能用多久|管多久|多久过期|什么时候过期|几年有效|(?:几|多少)(?:天|个月|年)(?:之?内)?有效|有效(?:几|多少)(?:天|个月|年)/u],
  // normalizeText writes numerals as digits (一次 → 1次), so both forms are matched.
  ['frequency', /(?:多久|多长时间|几天|多少天|几个月).{0,4}[1一]次|频率/u],
  ['duration', /多久|多长时间|多少天|几个小时|几年|几个月|(?<![哪这那前近好])几天/u],
  // how much of something a machine or a pack gives (能封多少杯, 一天出多少斤冰), not how much money
  ['quantity', /(?:能|可以|一天|一次|一卷|一袋|一箱|一包|一桶|大概)[^，。？\s]{0,4}(?:多少|几)(?:杯|斤|公斤|克|升|毫升|份|张|袋|卷|箱|包|瓶|罐|桶)/u],
  // dimensions or a model number (海报印刷尺寸, 滤芯是什么型号)
  ['size', /尺寸|尺码|多大尺|多宽|多高|(?:什么|啥|哪个|哪种)型号|型号是|(?:什么|啥)规格|规格是|大小(?:能|可以)?(?:调|改)|(?:什么|啥|多)大小|大小是?多少/u],
  // a share taken (平台抽成几个点, 扣点多少)
  ['rate', /抽成|扣点|佣金|费率|几个点|百分之几|比例是?多少|(?:多少|几)个?百分点/u],
  // a cap on how often or how many (换班有没有次数限制, 最多能补几次)
  ['limit', /次数限制|限制次数|有没有(?:次数)?限制|有(?:次数)?限制吗|最多(?:能|可以)?(?:补|换|请|调|用|申请|领|退)?[几多少](?:次|回)|上限|封顶/u],
  // what to bring or hand in (办健康证要带啥材料, 需要准备哪些资料)
  ['documents', /(?:带|准备|提交|交|需要|要|备)(?:些)?(?:什么|啥|哪些|哪样)(?:材料|资料|证件|证明|手续)|(?:材料|资料|证件)(?:有)?(?:哪些|什么|啥)|需要(?:什么|啥|哪些)?(?:材料|资料|证件)吗/u],
  // whether something is punished (差评多了会不会罚款, 迟到扣不扣分)
  ['penalty', /会不会(?:被)?(?:罚|处罚|扣分|通报)|罚不罚|要罚款吗|罚多少|会罚吗|扣不扣分|扣分吗|会被处分/u],
  // how much is paid out (最多能赔多少钱, 赔偿标准), not what something costs
  ['compensation', /赔多少|最多(?:能|可以)?赔|赔偿(?:标准|金额|上限)|赔偿多少|赔几倍/u],
  // where to get supplies (清洁剂在哪订, 工服破了怎么申请新的): the entry must say where they come from
  // something given on top (储值充值有没有赠送, 充多少送多少): a top-up promotion, not how stored value works
  ['bonus', /充(?:值)?.{0,6}(?:送|赠)|(?:有没有|有|会)(?:赠送|送钱|返现|返钱)|赠送(?:吗|多少|什么)|送(?:多少|什么|啥)(?:钱|券|礼|积分)?(?:吗)?$|送钱的活动/u],
  // whether a reading meets the standard (温度计显示7度 算超标不, 这个合格不): the entry must give the standard
  ['standard', /算(?:不算)?超标|超标(?:了)?(?:吗|不|没)|(?:合格|达标)(?:吗|不|没|么)|算(?:不算)?(?:合格|达标|正常)|(?:合不合格|达不达标|正不正常)|标准是(?:多少|什么|啥)/u],
  ['supply', /(?:在哪|哪里|去哪)(?:里|儿)?(?:订|买|领|申领|采购)(?!单)|(?:申请|领|换)(?:个|件|套|一?个)?新的|(?:怎么|咋)(?:申领|领取)/u],
];

/** What an entry must say somewhere (question, similar questions, answers) to answer each kind. */
const SUPPLIED: Record<AskKind, RegExp> = {
  cost: /\d+(?:\.\d+)?\s*(?:元|块|角)|¥|￥|免费|价格|收费|费用|手续费|承担|自付|不收/u,
  // who pays, said outright: not any mention of money (支付宝 is a way to pay, 抵扣 a discount)
  payer: /承担|报销|自付|自理|补贴|出钱|赔偿|照价赔|报账|(?:公司|总部|门店|加盟商|店里|店员|平台|骑手|顾客|商家)(?:来)?(?:出|承担|结算|支付|负责|赔|扣)|由.{1,10}(?:承担|支付|结算|负责|出)|免费|不收费|扣.{0,4}(?:工资|绩效|提成|钱|款)|扣除|不扣|责任/u,
  validity: /有效期|效期|保质期|期限|[\d一二两三四五六七八九十半]\s*个?(?:年|月|天|日|小时)(?:内)?(?:有效|过期|失效|清零)|长期有效|永久|清零|过期作废/u,
  duration: /[\d一二三四五六七八九十两半几]\s*个?(?:工作日|天|日|周|星期|月|年|小时|分钟|h\b)|当天|次日|当日|即时|实时|立即|马上|同步|长期|永久|随时/u,
  frequency: /每[天日周月年季次班]|每个?月|每周|[一二两三]次|定期|一周|一月/u,
  quantity: /\d+(?:\.\d+)?\s*(?:杯|斤|公斤|kg|克|升|毫升|ml|份|张|袋|卷|箱|包|瓶|罐|桶)/iu,
  size: /尺寸|尺码|规格|型号|\d+\s*(?:cm|mm|厘米|毫米|米|寸)|[A-Z]{1,4}-?\d{2,}/u,
  rate: /%|％|百分之|个点|抽成|扣点|佣金|费率|比例/u,
  limit: /上限|最多|不超过|不得超过|封顶|不限|没有限制|无限制|限\d|\d+\s*次/u,
  documents: /材料|资料|证明|身份证|户口|复印件|截图|携带|带上|带好|手续(?!费)|留下|提供/u,
  penalty: /罚|处罚|扣分|通报|考核|处分|不会影响|没有影响|影响评分/u,
  compensation: /\d+(?:\.\d+)?\s*(?:元|块|倍)|倍|赔偿标准|上限|封顶|最多/u,
  supply: /订货|采购|申领|购买|商城|订购|领取|补发|配送|下单/u,
  standard: /标准|正常|合格|达标|超标|范围|以下|以上|不超过|不低于/u,
  bonus: /送|赠|返现|返钱|优惠|活动|可领|领一|券|折/u,
};

/** The kinds of thing a message asks for, of those this module checks (frequency before duration). */
export function askKinds(normalized: string): AskKind[] {
  const kinds: AskKind[] = [];
  for (const [kind, pattern] of ASKED) {
    // "有效期多久" asks how long it is valid, "多久盘点一次" how often: not also how long something takes.
    if (kind === 'duration' && (kinds.includes('frequency') || kinds.includes('validity'))) continue;
    if (pattern.test(normalized)) kinds.push(kind);
  }
  return kinds;
}

/** The kinds an entry can answer, from everything it says (overrides included). */
export function suppliedKinds(entry: KbEntry): Set<AskKind> {
  const text = [entry.question, ...entry.similar, entry.answer, ...(entry.overrides ?? []).map((o) => o.answer)].join('\n');
  return new Set((Object.keys(SUPPLIED) as AskKind[]).filter((k) => SUPPLIED[k].test(text)));
}

/** The kinds asked that the entry never speaks to (empty: nothing to hold against it). */
export function unansweredAsks(normalized: string, supplied: ReadonlySet<AskKind>): AskKind[] {
  return askKinds(normalized).filter((k) => !supplied.has(k));
}

/** Chinese names for reasons and logs. */
export const ASK_KIND_NAMES: Record<AskKind, string> = {
  cost: '价格', payer: '谁出钱', validity: '有效期', duration: '时长', frequency: '频率',
  quantity: '数量', size: '尺寸/型号', rate: '比例', limit: '次数上限', documents: '所需材料', penalty: '处罚', compensation: '赔偿金额', supply: '从哪领/订', bonus: '赠送', standard: '标准',
};
