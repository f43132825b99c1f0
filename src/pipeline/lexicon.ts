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
  {
    pattern: /着火|起火|失火|火灾|(?<!会|那个|那款)冒烟(?!的)|冒黑烟|起烟|浓烟|烟雾报警|烧起来|烧着了|冒火花|打火花|电火花|火花|烧焦味|焦糊味|(?:电线|插座|插头|电源).{0,4}(?:烧|焦|发黑|冒烟)/u,
    severity: 'critical',
    topic: '火情/电火花',
  },
  { pattern: /燃气泄漏|煤气泄漏|漏气|煤气味|燃气味|液化气味|天然气味|闻到.{0,4}(?:燃气|煤气|液化气|天然气)/u, severity: 'critical', topic: '燃气泄漏' },
  { pattern: /触电|漏电|被电了|电了一下|电到了|麻电/u, severity: 'critical', topic: '触电' },
  {
    // 流血 in all its word orders: 血一直流 / 流了好多血 / 刀切进手指 / 被开水泼到
    pattern:
      /烫伤|烫到|被烫|烧伤|割伤|划伤|划破|切到手|切到了手|流血|出血|血.{0,3}(?:流|冒|喷|止不住)|流了?.{0,3}血|伤口|缝针|(?:刀|刀片|玻璃|铁片).{0,6}(?:切|割|划|扎)(?:进|破|到|伤)|(?:切|割|划|扎)(?:进|破|伤)了?.{0,2}(?:手|手指|脚|胳膊|腿)|(?:开水|热水|热油|沸水).{0,4}(?:泼|洒|浇|溅)到|受伤|摔倒|摔伤|摔了一跤|滑倒|扭伤|砸到.{0,2}(?:人|头|脚)|骨折|起了?.{0,3}泡/u,
    severity: 'critical',
    topic: '人员受伤',
  },
  {
    pattern: /晕倒|昏倒|晕过去|晕了|昏迷|不省人事|叫不醒|休克|抽搐|倒地|喘不上气|呼吸困难|胸口疼|心脏.{0,3}(?:疼|痛|不舒服)|中暑|过敏.{0,4}(?:肿|喘|休克)|(?:蹲|躺|倒)在.{0,6}起不来/u,
    severity: 'critical',
    topic: '人员晕倒/急症',
  },
  {
    // A customer's sickness becomes urgent once it is several people or a hospital; one "肚子疼" alone may be a question.
    pattern:
      /食物中毒|中毒|吃坏肚子|喝坏肚子|上吐下泻|送医院|进医院|去医院|住院|挂水|输液|急诊|(?:拉肚子|腹泻|呕吐|吐了|肚子疼|肚子痛).{0,16}(?:医院|好几个|几个人|多个|都)|(?:好几|几|[两三四五六七八九十多])(?:个|位|名)(?:顾客|客人|人|小孩|孩子).{0,14}(?:拉肚子|腹泻|呕吐|吐了|肚子疼|肚子痛|不舒服)/u,
    severity: 'critical',
    topic: '疑似食物中毒',
  },
  {
    // 120 is also a sum of money (差了一百二十块): the emergency numbers count only when dialled or arriving.
    pattern: /(?:要|去|已经|已|赶紧|马上|帮我|帮忙)报警|报了警|报警了|(?:打|叫|拨|喊)(?:了|个|一下|一个)?(?:110|119|120)|(?<!\d)(?:110|119|120)(?:急救|救护车|来了|到了|的车)|救护车|警察/u,
    severity: 'critical',
    topic: '报警/急救',
  },
  {
    pattern: /抢劫|抢了|抢走|被抢|抢钱|打架|打起来|动手|动了手|打人|被打(?![一二三四五12345两]?颗?星|分|折|卡|电话|印)|推了.{0,2}把|推搡|扭打|闹事|持刀|拿刀|威胁|砸店|砸东西|掀桌|耍酒疯|偷东西|偷了|被偷|偷走|小偷/u,
    severity: 'critical',
    topic: '治安事件',
  },
  { pattern: /吵起来|吵架|大吵|(?:顾客|客人|有人|那人|对方|他|她).{0,6}骂(?:人|店员|我们|我|同事|得)|骂店员|不肯走|赖着不走|堵门|堵着门|围着.{0,4}(?:骂|吵|不让)/u, severity: 'high', topic: '顾客冲突' },
  { pattern: /停电|断电|(?:全店|整条街|整栋|店里|全部|都)没电|全黑了|突然黑了|(?:整个店|全店|店里).{0,4}(?:黑了|没电)/u, severity: 'high', topic: '停电' },
  {
    pattern:
      /漏水|跑水|水管爆|爆管|水淹|淹水|淹到|淹了|积水|积了.{0,6}水|水漫|漫出来|溢出来|反水|返水|倒灌|污水|(?:水管|进水管|管子|接头).{0,4}(?:裂|破|爆|脱落|掉了|断了)|水.{0,6}(?:往外冒|冒出来|喷出来|喷|涌|止不住|关不住)|滴水.{0,8}(?:越来越|积|一地)/u,
    severity: 'high',
    topic: '漏水',
  },
  { pattern: /曝光|媒体|记者|上热搜|发微博|发抖音|发小红书|(?<!\d)(?:12315|12345)(?!\d)/u, severity: 'high', topic: '舆情/曝光' },
  { pattern: /市场监管|市监局|监管局|食药监|卫生局|卫生监督|卫监|执法|查封|罚款|责令整改|停业整顿|来检查|检查的来了|来查了/u, severity: 'high', topic: '监管执法' },
  { pattern: /消防检查|消防来了|消防队|消防部门|消防的人/u, severity: 'high', topic: '消防检查' },
  {
    pattern:
      /(?:收银|系统).{0,8}(?:瘫痪|崩溃|崩了|全挂|全崩)|全店.{0,4}(?:收不了|无法收)|(?:收银机|pos|系统).{0,4}都.{0,4}(?:登不上|用不了|打不开|死机|进不去)|(?:全店|所有|全部|整个店|每台|[两三四五几]台).{0,10}(?:挂了|进不去|登不上|登录不了|用不了|打不开|死机|黑屏|崩|瘫)|(?:收不了|没法收|收不进)(?:钱|款)/u,
    severity: 'high',
    topic: '收银系统全店瘫痪',
  },
];

/**
 * Words that turn an alarming word into routine business: a planned outage, a drill, a training,
 * an injury already handled. A message matching an urgent rule and one of these goes to a person as
 * a normal request instead of paging the duty manager (critical rules still win when the same
 * message also says it is happening now).
 */
export const URGENT_DEFUSERS = /演练|演习|培训|通知|计划|检修|预计|下周|明天|后天|下个月|提前|报备|准备|怎么申请|订购|买个?新的|更换|年检|已经没事|现在没事|没事了|已经好了|处理好了|上个月|上周|之前|以前|理赔|工伤|算不算|走什么流程/u;
/** Words that say it is happening right now, which keeps a message urgent despite a defuser. */
export const URGENT_NOW = /现在|正在|刚刚|刚才|马上|快来|赶紧|救命|(?<!应)急|(?:人|队|局)(?:来了|到了)|来店里了|在店里查/u;


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
  '懂了', '搞定', '搞定了', 'ok了', '收到收到', '马上弄', '这就去', '好嘞马上', '下班', '下班啦', '下班了', '明白啦',
  '总部', '小助手', '助手', '大家', '亲', '老师',
];

/** Small talk addressed to the bot or the group that is not made only of the phrases above. */
export const CHITCHAT_PATTERN = /你(?:真|好|挺|还挺|也太)?(?:可爱|聪明|厉害|棒|机灵|萌)|你是(?:机器人|真人|ai)吗?|你(?:吃饭|下班|睡觉)了[吗没]?|(?:今天)?好(?:忙|累)啊?|累死了?|忙死了?|(?:周末|节日|新年|中秋|端午)快乐|生日快乐|加油|^6{3,}$/u;

/** Normalised length above which a message is never chit-chat. */
export const CHITCHAT_MAX_CHARS = 12;

/** Messages that ask for attention without saying what about; answered by asking for details. */
export const VAGUE_MESSAGES: ReadonlySet<string> = new Set([
  '在吗', '在不在', '在么', '在', '有人吗', '有人在吗', '人呢', '有人没', '问一下', '问下', '请问', '请问一下', '我想问', '我想问一下', '想问下', '想问一下',
  '咨询一下', '咨询', '有个问题', '问个问题', '我有个问题', '有问题', '求助', '救命', '急', '急急急',
  '这个怎么弄', '这个怎么办', '这个怎么搞', '这个怎么回事', '这个咋弄', '这咋弄', '怎么办', '怎么弄', '咋办', '咋弄', '咋整', '怎么回事', '啥情况',
  '这个', '那个', '什么', '啥', '为什么', '为啥', '不行', '不行了', '坏了', '又坏了', '用不了',
  '嗯那个', '额那个', '呃那个', '就是那个', '那个那个', '我想问那个', '有个事', '有件事', '出问题了', '又出问题了',
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
  /** A specific case (an order number, a dispute): a person handles it even when the KB has a general answer. */
  specificCase?: boolean;
}

export const COMPLEX_SIGNALS: readonly ComplexSignal[] = [
  { pattern: /\d{8,}|订单号|单号|流水号/u, topic: '带订单号', strong: true, specificCase: true },
  { pattern: /赔偿|索赔|赔钱|赔付|纠纷|律师|起诉|仲裁/u, topic: '赔偿/纠纷', strong: true, specificCase: true },
  { pattern: /帮我查|帮忙查|帮我看|帮忙看|查一下|核实|处理一下|帮我处理|帮忙处理|跟进/u, topic: '请人工处理', strong: true },
  { pattern: /退款|退钱|投诉|申请|审批|为什么还没|怎么还没|一直没|好几次|多次/u, topic: '事务请求', strong: false },
];

export interface OffTopicRule {
  pattern: RegExp;
  topic: string;
}

/**
 * Requests outside store work. Checked only after the KB declined to answer confidently, so a
 * store question that happens to use one of these words ("新品配方怎么做", "冰箱温度多少度")
 * still reaches its FAQ; an off-topic message gets a one-line scope reply instead of a guess list.
 */
export const OFFTOPIC_RULES: readonly OffTopicRule[] = [
  { pattern: /天气|下雨|下雪|气温|刮风|台风天|雾霾|空气质量|紫外线/u, topic: '天气' },
  { pattern: /[听放播首].{0,8}歌|音乐|歌词|演唱会|专辑|周杰伦|林俊杰|邓紫棋/u, topic: '音乐' },
  { pattern: /电影|电视剧|综艺|动漫|追剧|小说|票房|影院/u, topic: '影视' },
  { pattern: /讲个?(?:笑话|故事)|说个?(?:笑话|故事)|脑筋急转弯|猜谜/u, topic: '闲聊娱乐' },
  { pattern: /股票|基金|炒股|大盘|涨停|彩票|比特币|理财产品/u, topic: '投资理财' },
  { pattern: /球赛|比分|世界杯|nba|cba|欧冠|奥运会|湖人|皇马/u, topic: '体育' },
  { pattern: /机票|火车票|高铁票|订酒店|酒店预订|景点|旅游攻略|签证|护照/u, topic: '出行旅游' },
  { pattern: /王者荣耀|和平精英|原神|打游戏|游戏充值|吃鸡/u, topic: '游戏' },
  { pattern: /作业|作文|考试|高考|考研|四六级|英语单词|数学题/u, topic: '学习' },
  { pattern: /星座|算命|运势|塔罗|风水/u, topic: '星座运势' },
  { pattern: /(?:红烧|清蒸|炒|炖|煮).{0,4}(?:怎么做|做法)|菜谱|家常菜/u, topic: '菜谱' },
  { pattern: /在家.{0,6}(?:做|煮|泡)|做给(?:我|家)|红烧肉|糖醋|饺子怎么包/u, topic: '家里做饭' },
  { pattern: /双色球|大乐透|买彩票|能买吗.{0,2}$|还能买吗|股价/u, topic: '投资理财' },
  { pattern: /去哪(?:里)?玩|好玩的地方|周末去哪|旅游/u, topic: '出行旅游' },
  { pattern: /写(?:一?段|一?首|一?篇|个)?.{0,4}(?:祝福|诗|情书|文案|作文)|翻译一下|翻译成/u, topic: '写作翻译' },
  { pattern: /淘宝|京东|拼多多|网购/u, topic: '个人网购' },
  { pattern: /(?:我家|家里)的?(?:狗|猫|宠物)|狗狗|猫咪/u, topic: '宠物' },
  { pattern: /高铁|火车|飞机|航班|自驾/u, topic: '出行旅游' },
  { pattern: /减肥|健身|增肌|失眠|感冒了?吃/u, topic: '个人健康' },
  { pattern: /喜茶|霸王茶姬|奈雪|蜜雪冰城|茶百道|古茗|瑞幸|星巴克/u, topic: '其他品牌' },
];

/**
 * A task the bot is asked to do outside store work ("播放…", "打开…", "导航到…", "翻译…"):
 * off-topic rather than small talk, when the message shares no topic word with the KB.
 */
export const OUT_OF_SCOPE_TASK = /^(?:请|帮我|给我|麻烦|我要|我想)?(?:打开|播放|放|搜索|搜一下|查询|查一下|导航|翻译|订|预订|推荐|下载|设置|提醒|定个?|打电话|发短信|关闭)|做法|怎么做|菜谱|天气|歌|电影|电视|节目|新闻|小说|诗|笑话|故事/u;

/** Something is broken or failing: a store problem even when no KB topic word names the thing. */
export const PROBLEM_WORDS = /坏|不行|用不了|出错|报错|打不开|失败|不动|没反应|卡住|卡死|不出|不亮|故障|异常|不能用|没法用|黑屏|死机|不工作/u;

/**
 * Talk addressed to the bot itself (你叫什么 / 你几岁 / 你喜欢什么歌 / 你会唱歌吗): small talk, answered
 * with the small-talk line that says what the bot is for. Only for messages with no store topic word,
 * so "你知道收银机怎么重启吗" still reaches the KB.
 */
export const BOT_PERSONA = /^(?:那|唉|哎|诶|嗯|喂|所以|可是|但是)?(?:你|您)/u;

/**
 * Asking for help without saying with what: 想问个事 / 搞不定了 / 还是一样 / 上次那个事呢 / 什么情况.
 * (Plain short questions like 这是啥 are left to small talk: people chat in questions too.)
 */
export const ASKS = /想问|问个|问下|问一下|咨询|请教|求助|搞不定|弄不好|不行|还是一样|没用|出问题|怎么办|咋办|咋整|怎么整|怎么弄|咋弄|怎么搞|怎么回事|什么情况|啥情况|怎么样了|那个事|那个问题|那事|上次说/u;

/**
 * Words that carry no subject of their own (事, 情况, 上次, 一样): a question made only of these and
 * the KB's unknown words is vague ("这个是什么情况", "上次说的那个事呢"), not a question about
 * another subject ("英语四级怎么准备").
 */
export const SUBJECTLESS_WORDS: ReadonlySet<string> = new Set([
  '个事', '事情', '件事', '情况', '问题', '东西', '上次', '之前', '刚才', '一样', '还是', '不定', '搞不定', '比较', '平时', '最近', '马上',
  '具体', '时间', '一下', '这边', '那边', '这样', '那样', '怎么样', '有点', '好像', '感觉', '然后', '结果', '处理', '解决', '办法',
]);

/**
 * Words of store work in general (people, pay, rota, stock, premises, customers), beyond what one
 * KB covers. A message using them that the KB cannot answer is a request for a person
 * ("离职要提前多久说", "社保试用期交吗"), not small talk, however short.
 */
export const WORK_WORDS =
  /员工|店员|店长|督导|区域经理|区经|总部|门店|加盟|直营|离职|辞职|入职|转正|试用期|社保|公积金|工资|薪资|提成|奖金|绩效|年假|调休|加班|请假|病假|事假|排班|班表|换班|工服|工牌|工作服|合同|劳动|盘点|库存|订货|进货|配送|供应商|收货|物料|原料|设备|维修|报修|收银|营业额|营业款|对账|发票|报销|房租|租金|物业|装修|转让|证照|营业执照|健康证|培训|考核|巡店|客诉|顾客|客人|会员|外卖|美团|饿了么|团购|促销|新品|调价|假钞|假币|灭火器|起送/u;

/** The shape of a question or a request (checked on the raw text too, for ？). */
export const QUESTION_SHAPE = /[？?]|吗|么|呢|怎么|咋|如何|什么|啥|哪|几|多少|多久|能不能|可不可以|是不是|有没有|要不要|需不需要|行不行|谁|请问|想问|咨询|申请|帮我|帮忙/u;

/** An acknowledgement or greeting opening a longer message ("好的收到，我转告店员", "你好，我是新来的店长"). */
export const CHITCHAT_OPENER = /^(?:好的|好滴|好嘞|好哒|收到|ok|okay|嗯嗯|谢谢|感谢|多谢|你好|您好|大家好|哈哈|明白|了解|知道了|辛苦)/u;
