/**
 * Rule tables of the v1 classifier. Each table is plain data so that adding a word is a one-line
 * change; patterns run on normalised text (half-width, lower-case, punctuation and emoji removed,
 * leading @mentions stripped).
 */

export const HELP_COMMANDS: ReadonlySet<string> = new Set(['帮助', 'help', '菜单', 'menu', '功能', '功能列表', '使用说明', '怎么用你', '你能做什么', '你会什么', '你会干什么', '指令', '命令']);

export type UrgentSeverity = 'critical' | 'high';

export interface UrgentRule {
  pattern: RegExp;
  severity: UrgentSeverity;
  /** what the rule detects, for the reason string and the duty manager */
  topic: string;
}

/** Critical: people or the building at risk right now. High: the store cannot operate, or press/regulators are involved. */
export const URGENT_RULES: readonly UrgentRule[] = [
  { pattern: /着火|起火|失火|火灾|冒烟|烟雾报警|烧起来/u, severity: 'critical', topic: '火情' },
  { pattern: /燃气泄漏|煤气泄漏|漏气|煤气味|燃气味/u, severity: 'critical', topic: '燃气泄漏' },
  { pattern: /触电|漏电/u, severity: 'critical', topic: '触电' },
  { pattern: /烫伤|烧伤|割伤|划伤|切到手|流血|受伤|摔倒|骨折/u, severity: 'critical', topic: '人员受伤' },
  { pattern: /晕倒|昏倒|晕过去|昏迷|休克|抽搐/u, severity: 'critical', topic: '人员晕倒' },
  { pattern: /食物中毒|中毒|吃坏肚子|喝坏肚子|上吐下泻|送医院|进医院|住院/u, severity: 'critical', topic: '疑似食物中毒' },
  { pattern: /(?:要|去|已经|已|赶紧|马上|帮我|帮忙)报警|报了警|110|119|120|警察/u, severity: 'critical', topic: '报警' },
  { pattern: /抢劫|打架|闹事|持刀|威胁|砸店/u, severity: 'critical', topic: '治安事件' },
  { pattern: /停电|断电|全店没电|整条街没电/u, severity: 'high', topic: '停电' },
  { pattern: /漏水|跑水|水管爆|爆管|水淹|淹水/u, severity: 'high', topic: '漏水' },
  { pattern: /曝光|媒体|记者|上热搜|发微博|发抖音|12315|12345/u, severity: 'high', topic: '舆情/曝光' },
  { pattern: /市场监管|市监局|监管局|食药监|卫生局|执法|查封|罚款|责令整改|停业整顿/u, severity: 'high', topic: '监管执法' },
  { pattern: /消防检查|消防来了|消防队|消防部门/u, severity: 'high', topic: '消防检查' },
  { pattern: /(?:收银|系统|全店|所有).{0,6}(?:瘫痪|崩溃|崩了|全挂)|全店.{0,4}(?:收不了|无法收)/u, severity: 'high', topic: '收银系统全店瘫痪' },
];

/**
 * Small talk that needs at most a friendly acknowledgement. A message is chit-chat only when,
 * short, it consists of nothing but these phrases (so "谢谢，收银机还是连不上网" is not).
 */
export const CHITCHAT_PHRASES: readonly string[] = [
  '谢谢', '多谢', '感谢', '谢啦', '谢了', '谢谢你', '谢谢啦', '谢谢了', 'thanks', 'thank you', 'thx', '3q',
  '收到', '好的', '好滴', '好嘞', '好哒', '好吧', '好', '行', 'ok', 'okay', '嗯嗯', '嗯', '哦哦', '哦', '噢', '恩恩',
  '早', '早上好', '早安', '上午好', '中午好', '下午好', '晚上好', '晚安', '你好', '您好', '大家好', 'hi', 'hello',
  '哈哈', '呵呵', '嘿嘿', '辛苦了', '辛苦', '辛苦啦', '明白', '明白了', '了解', '知道了', '懂了', '没事了', '没问题',
  '拜拜', '再见', '棒', '真棒', '厉害', '赞', '点赞', '给力', '666', '不客气', '客气了', '可以了', '解决了', '好了',
];

/** Normalised length above which a message is never chit-chat. */
export const CHITCHAT_MAX_CHARS = 12;

/** Messages that ask for attention without saying what about; answered by asking for details. */
export const VAGUE_MESSAGES: ReadonlySet<string> = new Set([
  '在吗', '在不在', '在么', '在', '有人吗', '有人在吗', '人呢', '有人没', '问一下', '问下', '请问', '请问一下', '我想问', '我想问一下', '想问下', '想问一下',
  '咨询一下', '咨询', '有个问题', '问个问题', '我有个问题', '有问题', '求助', '救命', '急', '急急急',
  '这个怎么弄', '这个怎么办', '这个怎么搞', '这个怎么回事', '这个咋弄', '这咋弄', '怎么办', '怎么弄', '咋办', '咋弄', '咋整', '怎么回事', '啥情况',
  '这个', '那个', '什么', '啥', '为什么', '为啥', '不行', '不行了', '坏了', '又坏了', '用不了',
]);

/** Messages shorter than this (normalised characters) that the KB cannot place are unclear. */
export const MIN_SPECIFIC_CHARS = 4;
/** Unmatched messages at least this long are real requests for a human, not vague. */
export const COMPLEX_MIN_CHARS = 20;

export interface ComplexSignal {
  pattern: RegExp;
  topic: string;
  /** Strong signals hand the message to a human even when the KB could only offer a guess list. */
  strong: boolean;
}

export const COMPLEX_SIGNALS: readonly ComplexSignal[] = [
  { pattern: /\d{8,}|订单号|单号|流水号/u, topic: '带订单号', strong: true },
  { pattern: /赔偿|索赔|赔钱|赔付|纠纷|律师|起诉|仲裁/u, topic: '赔偿/纠纷', strong: true },
  { pattern: /帮我查|帮忙查|帮我看|帮忙看|查一下|核实|处理一下|帮我处理|帮忙处理|跟进/u, topic: '请人工处理', strong: true },
  { pattern: /退款|退钱|投诉|申请|审批|为什么还没|怎么还没|一直没|好几次|多次/u, topic: '事务请求', strong: false },
];
