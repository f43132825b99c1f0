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
    pattern: new RegExp(
      [
        /着火(?!了?一样|似的|了?似的)|起火|失火|(?<!防)火灾(?!应急|预案|演练|险|隐患)|(?<!会|那个|那款)冒(?:白|黑|青)?烟(?!的)|冒黑烟|起烟|浓烟|烟雾报警|烟雾.{0,3}(?:很大|弥漫|报警|缭绕)|(?:好多|很多|一屋子?|满屋子?|满是)烟(?!雾乌龙)|烧起来|烧着了|燃起来|着起来/u,
        /冒火花|打火花|电火花|火花|火星子?|火苗|明火|窜火|蹿火|火(?:冒|窜|蹿)(?:出来|起来|上来)|火光|火势|火(?:很|太|特别)大|烧焦味|焦糊味|烧(?:塑料|橡胶|电线)?的?味|(?:烟|火)(?:好|很|太|特别)大|看不清了|(?:电瓶|电池|充电宝|锂电池|电动车|电瓶车).{0,4}(?:爆|炸|鼓包冒烟|起火|着了)|用了灭火器|灭火器.{0,2}(?:喷|灭)/u,
        // "烤箱里面着了": a thing that caught fire (着了 alone is also 睡着了 / 找着了)
        /(?:油锅|锅里|烤箱|微波炉|插座|插线板|排插|电线|线路|电箱|配电箱|电闸|机器|垃圾桶|后厨|仓库|灶台)(?:里面?|那边|里头|上)?(?:着了|着火|烧了|烧着)/u,
        /(?:电线|插座|插头|插线板|排插|电源线?).{0,4}(?:烧|焦|发黑|冒烟|熔|化了)|烟感.{0,6}(?:响|叫|报警|鸣)/u,
        // a bang from the fuse box and a burning smell: electrical fire until proven otherwise
        /(?:电箱|配电箱|电闸|电表|电线|线路|插座|压缩机|电机).{0,8}(?:焦味|焦糊味|糊味|烧焦|啪的一声|砰的一声)|(?:啪|砰)的一声.{0,10}(?:焦味|焦糊|糊味|冒烟|火花)/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'critical',
    topic: '火情/电火花',
  },
  {
    pattern: /燃气泄漏|煤气泄漏|漏气|煤气味|燃气味|液化气味|天然气味|臭鸡蛋味|闻到.{0,4}(?:燃气|煤气|液化气|天然气)|(?:燃气|煤气|液化气|天然气|煤气罐|气罐|燃气灶).{0,10}(?:味|嘶嘶|关不上|关不掉|泄)|(?:燃气|煤气|天然气|可燃气体?|一氧化碳)报警器.{0,6}(?:一直|突然|在|又)?(?:响|叫|报警|鸣|滴滴)/u,
    severity: 'critical',
    topic: '燃气泄漏',
  },
  {
    pattern: /触电|漏电|被电(?!视|影|脑|话|梯)了?|电了一下|电到了?|麻电|带电(?!脑|池|话|源|瓶|动|梯|子|视)|(?:电线|线路|插座|电箱|配电箱).{0,8}(?:湿了|泡水|进水|滋滋|打火)|滋滋.{0,3}(?:响|冒)/u,
    severity: 'critical',
    topic: '触电',
  },
  {
    // 流血 in all its word orders: 血一直流 / 流了好多血 / 刀切进手指 / 被开水泼到
    pattern: new RegExp(
      [
        /割伤|划伤|划破|切到手|切到了手|流血|出血|见血|(?:全是|都是|一手|一地|满手|满脸)血|血.{0,3}(?:流|冒|喷|止不住)|流了?.{0,3}血|伤口|缝针|口子.{0,3}(?:深|大|长)|划了?.{0,2}口子/u,
        /(?:刀|刀片|玻璃|铁片|钉子).{0,6}(?:切|割|划|扎)(?:进|破|到|伤)|(?:切|割|划|扎|削)(?:进|破|伤|掉)?了?.{0,2}(?:手|手指|拇指|指头|脚|胳膊|腿)|(?:手|手指|拇指|指头)(?:被)?(?:切|割|划|削)(?:了|到|破|伤)|(?:切|割|划)(?:得|了)(?:好|很|挺|特别)?深|扎到|扎破|(?:溅|喷|进)到?(?:了)?眼睛|眼睛.{0,4}(?:睁不开|看不见|烫|溅)/u,
        // 烫: a person burnt, not a drink that is too hot (奶茶太烫了)
        /烫伤(?!膏|药)|烧伤(?!膏|药)|被.{0,6}烫|(?:手|脚|胳膊|脸|皮|人)(?:被)?.{0,3}烫(?:红|伤|到|了|起|破)|烫到了?(?:手|脚|人|胳膊|脸)|烫.{0,3}(?:一大块|一片|起泡|水泡|掉皮)|皮.{0,2}(?:掉了|破了|烫)|(?:泼|洒|溅)(?:到|在)了?.{0,4}(?:脸|身上|眼睛|手上|头上)|(?:开水|热水|热油|沸水|蒸汽).{0,4}(?:泼|洒|浇|溅|喷)到/u,
        /受伤|(?<!防)摔倒|绊倒|推倒|撞倒|(?:从|梯子|凳子|椅子|台阶|楼梯).{0,6}(?:掉|摔|滚)下来|摔伤|摔下来|摔下去|(?:摔|滑|绊|跌)了?一?跤|(?:头|后脑勺?|脑袋)(?:先)?着地|摔得|磕破|磕伤|磕到(?:头|脑袋)|头(?:被)?磕|头破|滑倒|扭伤|扭了?(?:脚|腰)|崴了?脚|闪了?腰|骨折|骨头|砸到.{0,2}(?:人|头|脚|手)|被.{0,4}(?:砸|撞)(?:到|伤|倒)/u,
        /站不起来|爬不起来|(?:被|给).{0,6}(?:压到|压住|夹到|卷进)|(?:腿|脚|胳膊|腰|手)(?:都|也)?(?:不能动|动不了)|夹(?:了|到|住|伤)了?(?:手|脚|手指)|(?:手|手指|脚)(?:被)?.{0,4}(?:夹|压|轧|卷)(?:了|到|住|进|伤)|起了?.{0,3}泡|(?<!烫伤膏.{0,4})水泡|(?:很|好|特别|非常)?痛得?(?:动不了|站不|走不)|剧痛|(?:疼|痛|难受)得(?:不行|厉害|受不了|直哭)|疼得(?:满头|直冒|打滚|站不|受不了)|牙(?:齿)?(?:崩|磕|碎|断)了?/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'critical',
    topic: '人员受伤',
  },
  {
    pattern: new RegExp(
      [
        /晕倒|昏倒|晕过去|(?<!热|快|要|热得)晕了|倒下了?.{0,6}(?:喊|叫|没|不)|喊不应|叫不应|抽过去|昏迷|不省人事|叫不醒|休克|抽搐|抽筋|口吐白沫|口齿不清|半边身子|(?:半边|一边)(?:脸|身子|身体).{0,4}(?:动不了|麻|没知觉)|心脏病|心梗|脑梗|中风|哮喘.{0,4}(?:发作|犯了)|发作|卡住喉咙|(?:喉咙|嗓子|气管).{0,4}卡住|噎住|呛住.{0,6}(?:喘|咳不|脸)|心跳.{0,4}(?:很快|好快|特别快|加速)|站不住|倒地|喘不上|喘不过气|喘气.{0,6}(?:急|憋|困难|不上)|憋(?:得)?(?:红|紫|青)|咳(?:嗽)?.{0,4}(?:喘|憋|停不下来)|上不来气|呼吸困难|胸口疼|胸口痛|心脏.{0,3}(?:疼|痛|不舒服)|(?<!要|快|要被|都要)中暑(?!了?(?:可以|能|怎么|算|要不要|的话))/u,
        // "叫她没反应" is a person; "点了没反应" is a till
        /(?:叫|喊|拍|摇)(?:他|她|了|人)?.{0,3}没(?:有)?反应|浑身(?:发抖|抽|冒冷汗|无力)|脸色(?:发白|发青|煞白|惨白)|嘴唇(?:发紫|发麻|发白)|喉咙.{0,3}(?:肿|堵|发紧)|嘴.{0,2}肿|(?:起|长|出)了?.{0,3}(?:疹子|红疹|疙瘩)|一身(?:疹|包|红点)|过敏了|过敏反应|过敏.{0,4}(?:肿|喘|休克)|过敏.{0,16}(?:肿起来|肿了|喘不上气|呼吸困难|休克)|(?:脸|眼睛|眼皮|舌头|嘴唇)(?:都|一下子?)?肿(?:了|起来)|头晕.{0,4}(?:想吐|恶心|站不住|站不稳)|吐血|便血|(?:蹲|躺|倒)在.{0,6}起不来|(?:蹲|躺|倒|坐)(?:着|在地上|地上).{0,4}起不来|疼得(?:起不来|站不起来|直不起腰)/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'critical',
    topic: '人员晕倒/急症',
  },
  {
    // A customer's sickness becomes urgent once it is several people or a hospital; one "肚子疼" alone may be a question.
    pattern:
      /食物中毒|中毒|吃坏肚子|喝坏肚子|上吐下泻|送医院|进医院|去医院(?!.{0,3}(?:报销|报不了|开证明|开病假|体检|复查|拿药))|住院|挂水|输液|急诊|(?:拉肚子|腹泻|呕吐|吐了|肚子疼|肚子痛).{0,16}(?:医院|好几个|几个人|多个|都)|(?:好几|几|[两三四五六七八九十多])(?:个|位|名|桌|拨|批|家)(?:顾客|客人|人|小孩|孩子)?.{0,14}(?:拉肚子|腹泻|呕吐|吐了|肚子疼|肚子痛|不舒服)|(?:全家|[1一]家人?|都).{0,6}(?:拉肚子|腹泻|上吐|吐了|肚子疼|肚子痛)/u,
    severity: 'critical',
    topic: '疑似食物中毒',
  },
  {
    // glass in a drink can cut; a pest seen in the store or in a cup is a food-safety incident
    pattern: /玻璃渣|玻璃碴|碎玻璃.{0,4}(?:喝|吃|杯|饮)|(?:喝出|吃出|咬出|吃到|喝到|咬到|发现|里面?有|跑过|拍到|爬出).{0,4}(?:蟑螂|老鼠|一窝|活虫|虫子?|苍蝇|钢丝|铁丝|刀片|老鼠屎|石头|钉子|针)|(?:顾客|客人|有人).{0,10}(?:馊|发霉|长毛|变质)|(?:蟑螂|老鼠|耗子).{0,4}(?:跑|爬|窜|乱)|(?<!没)有(?:只|个|1只|几只|好几只)?(?:老鼠|耗子)(?![药夹贴板笼])|(?:老鼠|耗子).{0,8}(?:咬|啃)|老鼠屎|鼠屎|鼠粪|(?:过期|变质|发霉|坏了?)的?.{0,16}(?:卖出去|卖掉|卖给|卖了|给顾客|给客人|顾客喝|客人喝|做了.{0,4}杯|出了.{0,4}杯)|(?:卖出去|卖了|顾客喝了|客人喝了).{0,12}(?:过期|变质|发霉)/u,
    severity: 'high',
    topic: '食品安全事件',
  },
  {
    // 120 is also a sum of money (差了一百二十块): the emergency numbers count only when dialled or arriving.
    pattern: /(?:要|去|已经|已|赶紧|马上|帮我|帮忙)报警|报了警|报警了|(?:打|叫|拨|喊)(?:了|个|一下|一个)?(?:110|119|120)|(?<!\d)(?:110|119|120)(?:急救|救护车|来了|到了|的车)|救护车|警察|民警|派出所|公安/u,
    severity: 'critical',
    topic: '报警/急救',
  },
  {
    pattern: new RegExp(
      [
        /抢劫|抢了|抢走|被抢|抢钱|打架|打起来|动手|动了手|打人|被打(?!了?[一二三四五12345两]?颗?星|分|折|卡|电话|印)|推了.{0,2}把|推搡|扭打|闹事|持刀|拿刀|拿着?(?:刀|棍|棒|砖|酒瓶)|威胁|砸店|砸东西|砸(?:玻璃|门|柜台|收银|桌)|掀桌|耍酒疯|发酒疯|醉汉|(?:喝醉|喝多)了?.{0,8}(?:闹|骂|砸|摔|打|不走)|(?:门|玻璃|柜台|收银台|招牌|车).{0,2}被砸/u,
        /偷东西|偷了|被偷|偷走|小偷|被盗|盗窃|撬了?(?:门|锁|店|抽屉|柜)|门被撬|(?:钱|现金|备用金|营业款|手机|包).{0,8}(?:被拿走|拿走了|不见了|被偷|顺走|被人拿|少了.{0,8}(?:被|拿|偷))|冒充.{0,6}(?:总部|领导|老板|公司|客服)|(?:说是|自称|说他是|假装是?).{0,6}(?:总部|领导|老板|公司|客服|区域|经理|财务).{0,14}(?:转账|打钱|汇款|付款|扫码|验证码|转钱)|(?:被|遭)骗|诈骗|骗子|已经转了|拿(?:了|着)?.{0,4}(?:就)?跑了|顺走/u,
        /(?:性)?骚扰|跟踪(?:店员|女|我们)|偷拍|(?:揪|拽|扯|掐|踹|扇|薅)(?:着|了|住)?.{0,4}(?:衣领|衣服|头发|店员|员工|同事|脖子|耳光|巴掌)|衣领/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'critical',
    topic: '治安事件',
  },
  {
    pattern: /(?<!(?:店员|员工|同事).{0,8})(?:吵起来|吵架|大吵)|吵得(?:很|特别|好)?凶|(?:顾客|客人|有人|那人|对方|他|她).{0,6}骂(?:人|店员|我们|我|同事|得)|骂店员|骂骂咧咧|大喊大叫|不肯走|赖着不走|赶(?:都|也)?赶不走|堵门|堵着门|围着.{0,4}(?:骂|吵|不让)|情绪(?:很|非常|特别|比较)?(?:激动|失控)|(?:很|好|特别)害怕|吓坏了|(?:一直|在店里|店里|门口)(?:大)?闹|骂了.{0,4}(?:半个?小时|很久|好久|[1一]个?(?:多)?小时)|搞臭|搞垮|黑店|拿(?:着)?喇叭|(?:推|按|顶)到(?:了)?墙上|大哭大闹|撒泼|闹着要|家属.{0,4}(?:在)?(?:吵|闹|骂|堵)/u,
    severity: 'high',
    topic: '顾客冲突',
  },
  {
    // "吧台那排插座都没电了 其他地方正常" is one circuit tripped (the breaker FAQ), not an outage.
    pattern: /(?<!(?:其他|其它|别的)(?:地方|插座|电器|灯|设备).{0,6}(?:正常|有电|没事|好好的).*)(?:停电|断电|(?:突然|又|已经)?停水了|(?:全店|整条街|整栋|整层|店里|全部|都|整个店|整个商场|商场)(?:突然|都|也|全)?.{0,3}(?:没电|黑了|停电)|跳闸.{0,10}(?:推不上|合不上|全黑|没电)|全黑了|突然黑了|(?:灯|电灯|所有灯).{0,4}(?:全灭|全部灭|都灭|突然灭)|(?:冰柜|冰箱|冷库|冷柜|冷藏柜).{0,4}(?:都停了|全停了|也停了))(?!.*(?:其他|其它|别的)(?:地方|插座|电器|灯|设备).{0,6}(?:正常|有电|没事|好好的))/u,
    severity: 'high',
    topic: '停电',
  },
  {
    // A freezer or cold room that has stopped while the stock in it thaws: the loss is happening now.
    pattern: /(?:冷库|冷冻柜|冷冻|冰柜|冷柜|冷藏柜|冰箱)(?:全部|都|全|整个)*.{0,4}(?:不制冷|不冷了|停机|停了|坏了|不转了).{0,10}(?:在化|化了|都化|要化|化掉|融化|开始化)/u,
    severity: 'high',
    topic: '冷链失效',
  },
  {
    pattern: new RegExp(
      [
        /(?<!有点|有些|一点|轻微)漏水(?!.{0,6}(?:一小滩|一点点|不多|找谁|怎么修))|跑水|水管爆|爆管|水淹|淹水|淹到|淹了|积水|积了.{0,6}水|水漫|漫出来|溢出来|反水|返水|倒灌|污水|(?:冷库|冰柜|冰箱|冷柜|冷藏柜).{0,12}(?:都要化|全化|全坏|化了一地)|渗水.{0,6}(?:一地|越来越|很多|好多|流)|全是水|(?:设备|机器|东西|货).{0,3}(?:都)?泡(?:着|了|水)/u,
        /(?:店里|店内|大厅|后厨|仓库|地下室|门店|屋里|里面)(?:都|也)?进(?:了)?水|雨水.{0,4}(?:灌|进|倒)|往店里(?:灌|流|淌|进)|(?:流|灌|淌|漫|淹)(?:到|进)了?店里|往下(?:滴|漏|流)水|天花板.{0,6}(?:水|漏|塌|掉)|吊顶.{0,4}(?:塌|掉|漏|水)/u,
        /(?:水管|进水管|管子|接头).{0,4}(?:裂|破|爆|脱落|掉了|断了)|水.{0,6}(?:往外冒|冒出来|喷出来|喷|涌|止不住|关不住)|(?:一直|不停)(?:在)?(?:喷|冒|漏)水|喷水.{0,6}(?:关不|止不|停不)|滴水.{0,8}(?:越来越(?:多|大|快|厉害)|积|一地)/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'high',
    topic: '漏水',
  },
  {
    pattern: /(?:天花板|吊顶|招牌|灯箱|广告牌|货架|柜子|门头|吊灯|灯|空调|风扇|玻璃).{0,10}(?:塌|掉下来|倒了|砸|晃得)/u,
    severity: 'critical',
    topic: '坠落/倒塌',
  },
  {
    pattern: /曝光|媒体|记者(?!节)|(?:找|叫|喊|联系|打给|报给|告到|告诉)(?:了)?(?:电视台|报社|报纸)|(?:电视台|报社)的人|(?:电视台|报社|报纸|记者|媒体).{0,6}(?:打电话|打来|来电|采访|找上门|来了|到店|在门口)|网红.{0,8}(?:拍|曝光|直播)|一直在(?:录像|录视频|拍)|举着.{0,4}(?:手机|杯子).{0,8}(?:拍|录)|上热搜|发微博|发抖音|发小红书|(?:发|传|挂|晒)(?:到)?(?:网上|微博|抖音|小红书)|(?:发|传|转)(?:到|在|了)?(?:群里|朋友圈).{0,4}(?:几百|上千|好多人|很多人)|(?:拍|录)(?:了)?视频.{0,8}(?:发|传|网上|投诉|曝光)|(?:在店里|店里|门口|现场|开着?)直播|直播说|维权|消协|发帖.{0,16}(?:浏览|转发|评论|点赞)|(?:几千|几万|上万|好几千|好几万)(?:人)?(?:浏览|转发|评论|点赞|播放)|消费者协会|投诉到(?:12315|12345|市场|工商|消协|监管|媒体|电视台)|(?<!\d)(?:12315|12345)(?!\d)/u,
    severity: 'high',
    topic: '舆情/曝光',
  },
  {
    pattern: /市场监管|市监|抽检|带走样品|市场监督|监督管理局|市监局|监管局|监管所|食药监|卫生局|卫健委|卫生监督|卫监|工商局|工商的人|城管|疾控.{0,4}(?:来了|的人|在店)|防疫的人|穿制服|执法|查封|(?<![门密])封条|罚款|责令整改|(?:马上|立即|限期)整改|不然(?:就)?停业|停业整顿|来检查|检查的来了|来查了|突击检查|暗访/u,
    severity: 'high',
    topic: '监管执法',
  },
  { pattern: /消防检查|消防来了|消防队|消防部门|消防的人|消防.{0,4}(?:来了|到了|在店)/u, severity: 'high', topic: '消防检查' },
  {
    pattern: new RegExp(
      [
        /(?:收银|系统).{0,8}(?:瘫痪|崩溃|崩了|全挂|全崩)|系统(?:又|全)?挂了|全店.{0,4}(?:收不了|无法收)|(?:收银机|pos|系统).{0,4}都.{0,4}(?:登不上|用不了|打不开|死机|进不去)/u,
        /(?:全店|所有|全部|整个店|每台|(?:[两三四五几2-9]|\d{2,})台).{0,10}(?:挂了|报错|进不去|登不上|登不进|登录不了|连不上|用不了|打不开|死机|黑屏|崩|瘫|收不了|下不了单|接不了单|开不了单|出不了单|做不了单|转圈)/u,
        /(?:收不了|没法收|收不进)(?:钱|款)|只能收现金|(?:排了|排起了?)(?:一|很|好)?长(?:的)?队/u,
        /(?:美团|饿了么|小程序|外卖平台|点单系统|外卖|后台).{0,8}(?:全都|全部|都|同时).{0,6}(?:接不了|下不了|用不了|异常|崩|挂|掉线|打不开|报错)|(?:美团|饿了么).{0,4}(?:美团|饿了么).{0,6}(?:掉线|接不了|进不了单|挂)|[1一](?:个)?单(?:子)?(?:也|都)(?:收|出|下|接|做|进|开)不(?:了|来)/u,
        /开不了门|没法营业|无法营业|营业不了|(?:只能|被迫|要)关门|(?:只能|被迫)停业/u,
      ].map((r) => r.source).join('|'),
      'u',
    ),
    severity: 'high',
    topic: '门店无法营业',
  },
];

/**
 * Words that turn an alarming word into routine business: a planned outage, a drill, a training,
 * an injury already handled. A message matching an urgent rule and one of these goes to a person as
 * a normal request instead of paging the duty manager (critical rules still win when the same
 * message also says it is happening now).
 */
export const URGENT_DEFUSERS = /演练|演习|培训|通知|计划|检修|预计|下周|明天|后天|下个月|提前|报备|准备|怎么申请|订购|买个?新的|更换|年检|已经没事|现在没事|没事了|已经好了|处理好了|上个月|上周|之前(?!的)|以前(?!的)|理赔|工伤|算不算|走什么流程|医保|能报|报销|保险|申诉|的话|要是|如果|万一|假如|的时候.{0,6}(?:怎么|要|该|应该)|找到了|追回|防着|以防|评论区|评论里|评价里|医药费|医疗费|缝了针|在家休|跑(?:一趟)?(?:市场监管|市监局|工商局|监管局)|去(?:市场监管局|市监局|工商局|监管局)(?:办|换|交|递|申请|续)/u;
/** 现在 that says the danger is over or a claim is being made now (现在没事了, 现在拿着发票来要), not that it is happening: URGENT_NOW must not read it. */
export const NOW_BUT_NOT_URGENT = /现在(?:已经)?(?:没事|好了|好多了|稳定了?|在家|拿着|来要|要我们|找我们)/gu;
/** Times still to come among the defusers: after an event already reported they say when help comes (classify.ts). */
export const LATER_TIME = /明天|后天|下周|下个月|预计/gu;
/** A question about what to do in general, not a report: the urgent model does not page for these. */
export const HOW_TO_QUESTION = /怎么处理|该怎么|应该怎么|要不要|能不能|可以吗|吗$|怎么弄回来|怎么恢复|怎么改回来/u;

/**
 * Also not a report, for the urgent model only (it reads characters, not meaning): asking how long
 * or when ("一般几个小时内会打电话来"), or wanting to complain about a colleague or head office
 * ("想投诉一下区域督导"): routine business for a person, however alarming the characters.
 */
export const ROUTINE_ASK = /一般.{0,12}(?:多久|几|什么时候|会不会)|还没退|还没到账|还没(?:给|结|批)|说好.{0,12}(?:退|给|结)|多久|几个小时|什么时候|几点|想投诉|要投诉(?:一下)?(?:区域|督导|经理|店长|同事|总部|仓库|物流)/u;

/** Words that say it is happening right now, which keeps a message urgent despite a defuser. */
// A threat ("说明天带人来砸店") and a journalist on the phone about last week are both happening now.
export const URGENT_NOW = /现在|正在|刚刚|刚才|马上|快来|赶紧|救命|(?<!应)急|(?:人|队|局)(?:来了|到了)|来店里了|在店里查|威胁|扬言|带人来|(?:电视台|报社|报纸|记者|媒体).{0,6}(?:打电话|打来|来电|采访|找上门|来了|到店)/u;


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
  // "still not working" with no subject: after an answer the feedback stage takes it as a failed
  // answer; on its own it needs details, not a list of guesses
  '还是不行', '还不行', '又不行了', '还是用不了', '还是没反应', '没反应', '还是没用', '还是那样',
  '不对', '好像不对', '不对吧', '还是不对', '不是这样', '不是这个', '就是那个上次那个', '上次那个',
  // a question word with nothing to ask about, or "can it be done?" about nothing named
  '啥时候', '什么时候', '几时', '几点', '多久', '在哪', '在哪里',
  '能不能行', '行不行', '能行吗', '可以不', '可不可以', '能不能', '行吗',
  '我想问个事', '想问个事', '问个事', '问你个事', '请教个事', '请教一下', '还要多久',
  '为什么会这样', '怎么会这样', '咋会这样', '为啥会这样', '为什么这样', '怎么这样',
  '这显示的啥', '显示的啥', '这显示的什么', '这是啥情况', '这显示啥意思',
  '还有别的办法吗', '还有别的办法', '有没有别的办法', '还有其他办法吗', '同上', '上面那个', '上面那个呢', '这样是对的吗', '这样对吗', '这样可以吗', '这样行吗', '这样对不对',
]);

/**
 * The same, in shapes rather than a list (whole message, trailing particles off): a request with no
 * object (帮我弄一下, 帮忙看看), "me too" (我这边也是), a pointer to something said before (昨天说的
 * 那个, 那个东西呢, 那然后呢, 跟昨天一样, 那个东西放哪了), chasing with no subject (弄好了吗, 能不能快点, 这个谁管).
 */
export const VAGUE_PATTERN =
  /^(?:(?:谁|谁来|能|能不能|可以|有没有人|有人)?(?:帮我|帮忙|麻烦|给我)(?:再)?(?:弄|看|搞|处理|整|查)(?:一?下|看)?(?:这个|那个)?(?:吗)?|(?:再)?(?:弄|看|搞|处理)一下|(?:我|我们|我这|我这边|我们这边|我们店|我店|这边)也(?:是|一样|这样|遇到了?|有)|那?然后呢?|(?:昨天|上次|上回|前几天|前两天|之前|刚才|你|你们)?说的那个(?:东西|事)?|(?:还是)?(?:跟|和|同)(?:昨天|前天|上次|上回|之前|刚才)(?:的)?一样|(?:按|照|按照)(?:你|你们)?说的(?:做|弄|试|操作)了?(?:也|还是)?(?:没用|不行|没效果|没反应)|那个(?:东西|事儿?)?呢|(?:弄|搞|修|处理)好了(?:吗|没|没有)?|好了没(?:有)?|(?:能不能|可以)?快点(?:处理|弄)?|(?:这个|这事|这|那个)(?:归)?谁管|(?:又|怎么又)来了|弄不好|搞不好|(?:我们店|我们|我这)?的?(?:这个|那个)(?:东西|事儿?)?(?:可以|能用|能不能用|行不行|可不可以|到了|到没到|来了|怎么样|咋样|放哪(?:里|儿)?了?|在哪(?:里|儿)?|去哪(?:里|儿)?了?)?(?:吗|没|没有|不)?)$/u;

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
  // 尾号4417的单 / 手机尾号5521: one customer or one order, named
  { pattern: /\d{8,}|订单号|单号|流水号|尾号\s?\d{3,4}/u, topic: '带订单号', strong: true, specificCase: true },
  // A lawsuit is a dispute for a person, not a same-minute emergency (media exposure is: it spreads).
  { pattern: /赔偿|索赔|赔钱|赔付|纠纷|律师|起诉|告我们|打官司|仲裁|(?:要|让|找)(?:我们|门店|店里)(?:来)?赔|医药费|扣了?(?:我们)?\d+.{0,6}罚款|罚(?:了|款)(?:我们)?\d+|合同(?:里|上)?(?:写|规定|约定)(?:了|的是|着|明)(?=.{0,30}(?:隔壁|又开|但|可是|却|凭什么|怎么算|不对|多收|违约))/u, topic: '赔偿/纠纷', strong: true, specificCase: true },
  // "帮我查下上个月的营业额对不对" is about this store's own numbers: no FAQ answers it, however well 营业 matches.
  { pattern: /(?:帮我|帮忙|麻烦|请)?核(?:对|实)?一?下|(?:帮我|帮忙|麻烦)(?:查|看|核实|核对|核|对).{0,12}(?:上个?月|这个?月|昨天|前天|今天|上周|这周|我们店|我们的|我的|这笔|那笔|上次|对不对|有没有问题)/u, topic: '核查本店情况', strong: true, specificCase: true },
  // A request chasing an earlier one ("上次报修的冰箱一周了还没人来") needs whoever has that case.
  { pattern: /还没(?:有)?人(?:来(?![拿取接])|管|处理|回|联系)|(?:[一两三四五六七八九十几]|好几|\d+)(?:天|周|个星期|个月)了?.{0,6}(?:还没|没人|没有人)|催(?:一下|一催|了|促|下|催)|帮(?:忙|我们?)?催|还没(?:回复|处理|修好|来修)|到现在(?:都|还)?没(?:有)?(?:人|消息|回复|回音|动静|下文)|(?:审批中|审核中|处理中|待审批|待审核).{0,8}(?:\d+|[一两三四五六七八九十几]|好几)多?(?:天|周|个月)|说好.{0,12}(?:退|给|结|还).{0,12}还没|(?:专员|客服|师傅|财务|督导|区经|区域经理|仓库|物流|维修商|售后)(?:那边)?(?:一直|始终|到现在|还)(?:都)?没(?:有)?(?:联系|回复|回电话|回消息|回|来|处理|上门)/u, topic: '催办', strong: true, specificCase: true },
  // A case already taken one step and stuck there (申诉被驳回, 差异提交了一直没补, 物业不肯修 两边扯皮):
  // the FAQ on how to take that step is no answer; whoever can push the case is.
  { pattern: /驳回|不认账|扯皮|推来推去|踢皮球|推脱|(?<!就)不肯(?:修|赔|退|补|处理|认|给|重?开|改|换)|(?<!就|是不是|过期)不给(?:补|退|修|处理|报|重?开|改|换)|(?:报销|申请|单子|发票|材料|资料).{0,6}被退回|(?:提交|提|申请|报|反馈|申诉|投诉)(?:了|过|完)?.{0,10}(?:一直|还|也|都)(?:没|不)(?:有)?(?:人|回|补|处理|下文|动静|消息|批|到账|退|通过|结果|反应|联系|解决|给|修|来)|(?:[两几]|好几|\d+|[一三四五六七八九十])(?:天|周|个星期|个月)(?:了)?.{0,4}(?:没人?回|没回复|没消息|没动静|没下文)/u, topic: '已办未果', strong: true, specificCase: true },
  // "工资少了600" / "管理费扣了两次": one person's or one store's money, which only finance can check.
  { pattern: /(?<=(?:工资|薪资|薪水|提成|管理费|对账单|货款|账户|余额|报销款|加班费|备用金|营业款|押金|保证金|考勤|旷工|全勤|结算|回款|团购款|水电费|电费|水费|运费|租金|房租|物业费|配送费).*)(?:少了|少发了?|少算了?|少给了?|多扣了?|多收了?|多算了?|差了)(?:我们|我|了)?(?:\d{2,}|[一二两三四五六七八九][十百千万]|\d+\s?(?:天|个?小时|次))|(?:少了|少发了?|少算了?|少给了?|多扣了?|多收了?|多算了?|差了)(?:我们|我|了)?\d{2,}(?=.*(?:工资|薪资|薪水|提成|管理费|对账单|货款|账户|余额|报销款|加班费|备用金|营业款|押金|保证金|考勤|旷工|全勤|结算|回款|团购款))|扣了?(?:两|2)(?:次|笔)|(?:收|扣)了(?:我们|我)?(?:两|2|三|3|好几)(?:次|遍|回|笔)|多收了?(?:我们|我)?的?(?:水电费|电费|水费|运费|租金|房租|物业费|管理费|配送费|服务费|钱)|重复扣|扣重了|多扣的|多收的|多退(?:了|的)|明明(?:还)?有\d+|查不到(?:记录|这笔|充值)|(?:写的|说好的?|合同|约定).{0,8}\d+.{0,12}按\s?\d+\s?(?:扣|收)|(?:扣了?|记成|显示(?:我|成)?|算(?:我|成))旷工|(?:钱|款|账)(?:一直|到现在)?还没(?:结|给|付|还|打)/u, topic: '金额有出入', strong: true, specificCase: true },
  { pattern: /帮我查|帮忙查|帮我看|帮忙看|查一下|核实|处理一下|帮我处理|帮忙处理|跟进|(?:找人|找谁|向谁|跟谁|想)反映/u, topic: '请人工处理', strong: true },
  // Head office asked to deal with a third party for this store (报价太贵 总部能不能帮我们谈一下): a
  // person's job whatever the KB says about the subject.
  { pattern: /帮(?:我们|我|忙)?(?:去)?(?:谈谈|谈一下|谈下|砍砍价|砍价|压压价|压价|交涉|协调一?下|沟通一?下)/u, topic: '请总部出面', strong: true, specificCase: true },
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
  { pattern: /天气|下雨|下雪|气温|刮风|台风天|雾霾|空气质量|紫外线|明天降温|降温了吗|要降温|大降温|冷空气|穿秋裤|秋衣秋裤|穿羽绒服/u, topic: '天气' },
  { pattern: /[听放播首].{0,8}歌|音乐|歌词|演唱会|专辑|周杰伦|林俊杰|邓紫棋/u, topic: '音乐' },
  { pattern: /电影|电视剧|综艺|动漫|追剧|看剧|(?:好看|新出|在追|追什么|推荐)的?剧|小说|票房|影院/u, topic: '影视' },
  { pattern: /讲个?(?:笑话|故事)|说个?(?:笑话|故事)|脑筋急转弯|猜谜/u, topic: '闲聊娱乐' },
  { pattern: /股票|基金|炒股|大盘|涨停|跌停|彩票|比特币|理财产品|[a港美]股|抄底|牛市|熊市|房贷|汇率|金价|茅台|股市|(?:股|基金|币)(?:价|又)?(?:大)?[涨跌]/u, topic: '投资理财' },
  { pattern: /球赛|比分|世界杯|nba|cba|欧冠|奥运会|湖人|皇马|国足|足球|篮球|那场球|场球|球队|踢球|打球|进球|亚运会|马拉松/u, topic: '体育' },
  { pattern: /明星|娱乐圈|八卦|绯闻|离婚|出轨|爱豆|偶像|网红|热搜/u, topic: '娱乐八卦' },
  { pattern: /科目[一二三四]|驾照|驾校|学车|倒车入库|侧方停车|违章|油价|加油站|停车场|停车费|买车|电车还是油车|油车还是电车|新能源车/u, topic: '出行用车' },
  { pattern: /租房|押一付三|房东涨租|买房|首付|装修自己家|搬家公司/u, topic: '个人生活' },
  { pattern: /机票|火车票|高铁票|订酒店|酒店预订|景点|旅游攻略|签证|护照/u, topic: '出行旅游' },
  { pattern: /王者荣耀|和平精英|原神|打游戏|游戏充值|吃鸡|玩王者|开黑|打排位/u, topic: '游戏' },
  { pattern: /作业|作文|(?<!培训|食安|食品安全|学堂|上岗|线上|补)考试(?!没过|挂了|不及格|通过|补考)|高考|考研|四六级|英语[四六]级|雅思|托福|英语单词|数学题|应用题|奥数|家长会|择校|补习班|辅导班|(?:小孩|孩子|娃|儿子|女儿|闺女).{0,4}上(?:小学|幼儿园|初中|高中)|(?:小孩|孩子|娃|儿子|女儿|闺女).{0,8}(?:辅导|期末|成绩|补课)|期末考|幼升小|小升初|开学(?:要)?(?:准备|买)/u, topic: '学习' },
  { pattern: /星座|算命|运势|塔罗|风水|算(?:一)?卦|占卜|财运|桃花运|生辰八字/u, topic: '星座运势' },
  { pattern: /(?:红烧|清蒸|炒|炖|煮).{0,4}(?:怎么做|做法)|(?:汤|鱼|虾|肉|鸡|鸭|排骨|饼|面条|炒饭|菜|粥|饺子|包子)的?(?:做法|怎么做|怎么煮|怎么炒)|菜谱|家常菜|番茄炒蛋|西红柿炒鸡?蛋|先放.{1,4}还是先放/u, topic: '菜谱' },
  { pattern: /在家.{0,6}(?:做|煮|泡)|做给(?:我|家)|红烧肉|糖醋|饺子怎么包/u, topic: '家里做饭' },
  { pattern: /双色球|大乐透|买彩票|能买吗.{0,2}$|还能买吗|股价/u, topic: '投资理财' },
  { pattern: /去哪(?:里)?玩|好玩的地方|周末去哪|旅游|(?:去|到)[\p{Script=Han}]{1,4}玩|旅游路线|攻略|自由行|跟团|拼车|去机场/u, topic: '出行旅游' },
  { pattern: /写(?:一?段|一?首|一?篇|个)?.{0,4}(?:祝福|诗|情书|文案|作文)|翻译一下|翻译成/u, topic: '写作翻译' },
  { pattern: /淘宝|京东|拼多多|网购|(?:双十一|双11|618).{0,8}(?:预售|尾款|定金|抢购|凑单|满减)|付尾款|凑单/u, topic: '个人网购' },
  { pattern: /附近.{0,6}(?:好吃|好玩|餐厅|饭店|酒店|景点|商场)|好吃的(?:火锅|餐厅|饭店|馆子)|哪家.{0,6}好吃|新开了?(?:一?个|一?家)?.{0,4}(?:火锅|饭店|餐厅|馆子|烧烤)|限号|限行|尾号.{0,2}限/u, topic: '生活信息' },
  { pattern: /(?:我家|家里)的?(?:狗|猫|宠物)|狗狗|猫咪/u, topic: '宠物' },
  { pattern: /爬山|徒步|露营|钓鱼|骑行|唱k|k歌|ktv|蹦迪|剧本杀|密室逃脱|打麻将|打牌|吃火锅|撸串|(?:今晚|今天晚上|晚上|中午|午饭|晚饭|夜宵|宵夜)(?:吃|去吃)(?:什么|啥)/u, topic: '休闲生活' },
  { pattern: /高铁|火车|飞机|航班|自驾/u, topic: '出行旅游' },
  { pattern: /减肥|健身|增肌|失眠|感冒了?吃|高血压|糖尿病|降血压|降血糖|养生|偏方|(?:吃|用)什么药/u, topic: '个人健康' },
  { pattern: /^(?![你您]).*(?:世界上(?:最|第一)|最高的山|首都是|哪个国家|谁发明|百科知识)/u, topic: '百科常识' },
  { pattern: /^(?![你您]).*(?:(?:中秋|国庆|春节|元旦|清明|端午|五一|劳动节|过年)(?:节)?.{0,3}放(?:几天)?假|放假安排)/u, topic: '节假日安排' },
  { pattern: /手机(?:内存|卡顿|很卡|好卡|太卡|发烫|中毒)|手机(?:买|选)哪款|哪款手机|换(?:个)?(?:手机)?屏(?:幕)?|修手机|买(?:个|部|台)?新手机|推荐.{0,4}(?:手机|电脑|耳机)|买(?:苹果|华为|小米|oppo|vivo|三星|荣耀)(?:手机)?还是|^(?:我的?)?手机(?!.{0,2}打卡).{0,4}(?:卡|慢|发烫|中毒|内存)|(?:苹果|华为|小米|安卓)手机|iphone|电脑中毒|车险|(?:小孩|孩子|老人|爸妈|父母|老婆|老公)的?(?:医保|社保|保险)/u, topic: '个人事务' },
  { pattern: /喜茶|霸王茶姬|奈雪|蜜雪冰城|茶百道|古茗|瑞幸|星巴克/u, topic: '其他品牌' },
];

/**
 * A task the bot is asked to do outside store work ("播放…", "打开…", "导航到…", "翻译…"):
 * off-topic rather than small talk, when the message shares no topic word with the KB.
 */
export const OUT_OF_SCOPE_TASK = /^(?:请|帮我|给我|麻烦|我要|我想)?(?:打开|播放|放|搜索|搜一下|查询|查一下|导航|翻译|订|预订|推荐|下载|设置|提醒|定个?|打电话|发短信|关闭)|做法|怎么做|菜谱|天气|歌|电影|电视|节目|新闻|小说|诗|笑话|故事/u;

/** Something is broken or failing: a store problem even when no KB topic word names the thing. */
export const PROBLEM_WORDS = /坏|罢工|歇菜|趴窝|不行|用不了|出错|报错|打不开|失败|不动|没反应|卡住|卡死|不出|不亮|故障|异常|不能用|没法用|黑屏|死机|不工作/u;

/**
 * Talk addressed to the bot itself (你叫什么 / 你几岁 / 你喜欢什么歌 / 你会唱歌吗): small talk, answered
 * with the small-talk line that says what the bot is for. Only for messages with no store topic word,
 * so "你知道收银机怎么重启吗" still reaches the KB.
 */
export const BOT_PERSONA = /^(?:那|唉|哎|诶|嗯|喂|所以|可是|但是|哈哈+|嘿嘿)?(?:你|您|(?:这个?|咱们?的?|群里的?)?(?:机器人|小助手|助手|小助理|智能客服))/u;

/**
 * A question after information about the world, not about the asker's store and not to the bot:
 * recommendations, tips, who won, what is normal, whether anyone in the group can help ("五一去云南
 * 推荐去哪", "科目二有啥技巧", "谁会修电动车", "押一付三正常吗"). With no store topic word it gets the
 * scope line (off-topic), not a small-talk reply. The markers are question shapes, not topics, so
 * they carry over to subjects no list names.
 */
export const WORLD_QUESTION = /推荐|技巧|攻略|窍门|诀窍|谁赢|赢了吗|输了吗|怎么讲|怎么说|哪款|哪个牌子|什么牌子|买哪|怎么选|值不值|值得买|靠谱吗|真的假的|是真的吗|正常吗|热不热|冷不冷|好不好玩|好玩吗|谁会|谁知道|谁教|教教我|有人.{1,12}吗$|有没有人.{1,12}$/u;

/**
 * Asking for help without saying with what: 想问个事 / 搞不定了 / 还是一样 / 上次那个事呢 / 什么情况.
 * (Plain short questions like 这是啥 are left to small talk: people chat in questions too.)
 */
export const ASKS = /想问|问个|问下|问一下|咨询|请教|求助|搞不定|弄不好|不行|还是一样|没用|出问题|怎么办|咋办|咋整|怎么整|怎么弄|咋弄|怎么搞|怎么回事|什么情况|啥情况|怎么样了|那个事|那个问题|那事|上次说|咋回事|咋了|来着|(?:怎么|咋)又|又(?:这样|那样|坏了|不行)|一样的问题|(?:这个|那个)(?:问题|事)呢|老样子/u;

/**
 * A short message that points at something the group has not been told: what someone else said
 * (他说不可以), a reply from elsewhere (那边回了吗), a thing left unnamed (就是那个东西), a picture sent
 * without words (这样可以吗[图片]), something that came back (弄好了但是又没了). Nobody can help before
 * it is said what is meant, so it is unclear, not small talk.
 */
export const POINTS_AT_UNSAID =
  /^(?:他|她|他们|她们|对方|那边|人家)(?:说|讲|回|回复|答复)|(?:那边|对方|他们|他|她)(?:回|回复|答复|联系)(?:了)?(?:吗|没|么)|就是那个|那个东西|这个东西|这样(?:弄|做|摆|放|贴)?(?:可以|行|对)(?:吗|不|么)|(?:^|\s)图片(?:\s|$)|又没了|又不行了|又不动了/u;
/** Longest message POINTS_AT_UNSAID reads as unclear: a longer one says enough to go on. */
export const POINTS_AT_UNSAID_MAX_CHARS = 12;

/**
 * Words that carry no subject of their own (事, 情况, 上次, 一样): a question made only of these and
 * the KB's unknown words is vague ("这个是什么情况", "上次说的那个事呢"), not a question about
 * another subject ("英语四级怎么准备").
 */
export const SUBJECTLESS_WORDS: ReadonlySet<string> = new Set([
  '个事', '事情', '件事', '情况', '问题', '东西', '上次', '之前', '刚才', '一样', '还是', '不定', '搞不定', '比较', '平时', '最近', '马上',
  '具体', '时间', '一下', '昨天', '今天', '上午', '下午', '早上', '晚上', '刚刚', '一直', '来着', '又', '老样子', '样子', '这边', '那边', '这样', '那样', '怎么样', '有点', '好像', '感觉', '然后', '结果', '处理', '解决', '办法',
]);

/**
 * Words of store work in general (people, pay, rota, stock, premises, customers), beyond what one
 * KB covers. A message using them that the KB cannot answer is a request for a person
 * ("离职要提前多久说", "社保试用期交吗"), not small talk, however short.
 */
export const WORK_WORDS =
  /员工|店员|店长|督导|区域经理|区经|总部|门店|加盟|直营|离职|辞职|入职|转正|试用期|社保|公积金|工资|薪资|提成|奖金|绩效|年假|调休|加班|请假|病假|事假|排班|班表|换班|工服|工牌|工作服|合同|劳动|盘点|库存|订货|进货|配送|供应商|收货|物料|原料|设备|维修|报修|收银|营业额|营业款|对账|发票|报销|房租|租金|物业|装修|转让|证照|营业执照|健康证|培训|考核|巡店|客诉|顾客|客人|会员|外卖|美团|饿了么|团购|促销|新品|调价|假钞|假币|灭火器|起送|冻品|鲜奶|奶油|糖浆|打车|车费|差旅|成长值|金卡|银卡|储值|卡券|优惠券|小票|出餐|出品|配方|物料|样品|保质期|效期|临期|房东|店面|铺面|商铺|编制|人手|调店|调岗|单价|返利|减免|下单|的货|到货|上架|下架|停卖|估清|售罄/u;

/** The shape of a question or a request (checked on the raw text too, for ？). */
export const QUESTION_SHAPE = /[？?]|吗|么|呢|怎么|咋|如何|什么|啥|哪|几|多少|多久|能不能|可不可以|是不是|有没有|要不要|需不需要|行不行|谁|请问|想问|咨询|申请|帮我|帮忙/u;

/**
 * Words of a social statement to the group (welcomes, cheers, praise, good news): "新同事报到，大家多多
 * 关照", "今天营业额破纪录了，开心🎉". A message that asks nothing and reports no problem is small talk
 * when it says one of these, not a request to rephrase.
 */
export const SOCIAL_WORDS = /大家|开心|高兴|关照|欢迎|恭喜|祝贺|厉害|聪明|给力|太棒|真棒|好棒|(?:太|真|好)牛|牛[啊逼bB!！]|哈哈|嘿嘿|辛苦|感谢|谢谢|点赞|破纪录|爆单|加油|冲鸭|\p{Extended_Pictographic}/u;

/** "收到，马上处理": a promise to act, not an emergency (马上 is otherwise a sign of urgency). */
export const PROMISE_TO_ACT = /马上(?:就)?(?:去|来)?(?:处理|弄|办|安排|改|按|照做|整改|执行|落实|跟进|搞)/gu;

/** An acknowledgement or greeting opening a longer message ("好的收到，我转告店员", "你好，我是新来的店长"). */
export const CHITCHAT_OPENER = /^(?:好的|好滴|好嘞|好哒|收到|ok|okay|嗯嗯|谢谢|感谢|多谢|你好|您好|大家好|哈哈|明白|了解|知道了|辛苦)/u;
