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
  ['骑手', '外卖员', '外卖小哥', '配送员', '送餐员', '美团小哥', '饿了么小哥', '配送小哥', '送外卖的', '外卖骑手'],
  ['工资', '薪水', '薪资', '工钱'],
  ['空调', '冷气'],
  ['冰箱', '冰柜', '冷藏柜'],
  ['打卡', '签到', '打考勤'],
  ['打烊', '休息中', '置休', '暂停营业'],
  // how staff say it in chat, against how a KB writes it
  ['制冰机', '冰机', '做冰机'],
  ['小时', '钟头'],
  ['垫付', '垫钱', '垫了', '先垫', '自己垫', '自掏腰包', '自己掏钱'],
  ['零钱不够', '找不开', '零钱不够找', '没零钱', '零钱没了'],
  ['调休', '换休', '补休', '倒休'],
  ['截止', '截单'],
  ['调价', '涨价', '提价'],
  ['没到', '没影', '没送到', '没送来'],
  ['累计', '攒'],
  ['用完', '用光', '用没了'],
  ['不冷', '不凉', '不够冷', '不够凉'],
  ['饮品', '饮料', '奶茶', '茶饮'],
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
