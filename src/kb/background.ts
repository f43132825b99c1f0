/**
 * Everyday requests that no store FAQ answers, written for qunzhu (not taken from any evaluation
 * set). Self-calibration (knowledge-base.ts) uses them as out-of-KB queries, so that a KB learns how
 * confident an unrelated message looks against its own questions: a message that only shares 怎么
 * or 今天 with a question must not look like a match. Kept varied on purpose: chat, weather, travel,
 * media, cooking, study, health, money, tech support for personal devices, requests to the bot.
 */
export const BACKGROUND_QUERIES: readonly string[] = [
  '今天天气怎么样', '明天会下雨吗', '这周末气温多少度', '帮我查一下北京到上海的高铁', '附近有什么好吃的餐厅',
  '推荐一部好看的电影', '放一首周杰伦的歌', '最近有什么好听的歌', '讲个笑话吧', '给我讲个故事',
  '红烧肉怎么做', '番茄炒蛋要放糖吗', '怎么减肥最快', '感冒了吃什么药', '晚上失眠怎么办',
  '帮我订一张去广州的机票', '酒店怎么预订', '护照怎么办理', '签证需要什么材料', '地铁几点停运',
  '股票明天会涨吗', '基金怎么买', '房贷利率是多少', '信用卡逾期了怎么办', '个税怎么退',
  '孩子数学作业不会做', '英语四级怎么复习', '这道题怎么解', '高考报名什么时候开始', '帮我写一篇作文',
  '手机内存不够怎么清理', '电脑蓝屏了怎么办', '家里路由器怎么设置', '微信聊天记录怎么恢复', '游戏充值退款',
  '你叫什么名字', '你是机器人吗', '你几岁了', '你喜欢什么颜色', '你会唱歌吗',
  '世界杯谁夺冠了', '今晚有什么球赛', '湖人队比分多少', '奥运会在哪里举办', '明星八卦',
  '怎么养多肉植物', '猫不吃饭怎么办', '狗狗打疫苗多少钱', '周末去哪里玩', '公园几点开门',
  '快递到哪了', '网购的衣服怎么退货', '淘宝客服电话', '话费怎么充值', '宽带怎么办理',
  '现在几点了', '今天是星期几', '农历生日是哪天', '春节放几天假', '帮我设个闹钟',
  // short and generic: all question words, no subject — a store FAQ must not claim these
  '多少钱', '为什么', '什么时候', '怎么做', '在哪里', '学什么', '准备好了吗', '那我要怎么做', '可以吗', '怎么办呢',
  '是什么意思', '有什么用', '你在干嘛', '去哪里', '要多久', '几个人', '好不好', '对不对', '怎么样了', '谁知道',
];

/**
 * Store-work questions on subjects a store FAQ often does not cover, written for qunzhu (not taken
 * from any evaluation set). The everyday requests above teach a KB what an unrelated message looks
 * like; these teach it the harder case: a question about the same kind of work, sharing 员工 or 门店
 * or 顾客 with its questions, that asks something none of them answers. A KB that does answer one of
 * them (a near-exact match) does not count it as out-of-KB (see selfCalibrate).
 */
export const STORE_BACKGROUND_QUERIES: readonly string[] = [
  '员工宿舍在哪里申请', '员工工作餐有补贴吗', '员工买店里的东西有折扣吗', '推荐朋友来上班有奖励吗', '门店团建经费怎么申请',
  '开在职证明找谁', '员工体检报告交给谁', '试用期可以辞退吗', '公积金什么时候开始交', '员工生日有福利吗',
  '门店停车费能报吗', '店里的宽带到期了找谁续费', '门店水电费谁来交', '商场的物业费怎么结算', '门店押金什么时候退',
  '门头招牌坏了换新的要审批吗', '店里可以养猫吗', '门店可以装自己的音箱放歌吗', '店里的监控录像保存几天', '门店钥匙丢了怎么办',
  '门店转让需要总部同意吗', '营业执照地址变更怎么办', '门店营业时间能自己改吗', '节假日门店可以提前关门吗', '夜班有没有夜班补贴',
  '商场搞活动我们要参加吗', '可以在门口摆摊促销吗', '门店能自己做抖音账号吗', '门店可以接团餐订单吗', '大客户要月结怎么办',
  '顾客要求开收据可以吗', '顾客想借用厕所可以吗', '顾客把东西落在店里了怎么处理', '顾客要充电宝怎么办', '顾客问能不能带宠物进店',
  '顾客要求我们帮忙叫车', '有人来店里推销东西怎么应对', '隔壁店铺占了我们的门口怎么办', '房东要涨房租怎么办', '门店能不能换供应商',
  '新品可以自己定价吗', '店里的价签纸用完了', '货架摆放有标准吗', '烟草许可证到期怎么续', '香烟能不能拆开单支卖',
  '手机贴膜的价格怎么定', '以旧换新的旧机怎么估价', '电池鼓包的旧手机怎么回收', '耳机试听后顾客不要了能退吗', '数码产品的保修卡在哪打印',
  '便利店的关东煮多久换汤', '鲜食过了时间能打折卖吗', '彩票可以在店里卖吗', '快递代收点怎么申请', '店里能不能放共享充电宝',
  '店长可以兼任两家店吗', '区域经理多久来一次', '门店评级是怎么算的', '神秘顾客检查什么', '季度优秀门店有什么奖励',
  '员工可以在店里吃自己带的饭吗', '上班能不能戴耳钉', '员工的头发颜色有要求吗', '员工可以带家属来店里吗', '员工离职要提前几天说',
  '年度旅游怎么报名', '工会会费怎么交', '公司年会什么时候', '员工内推链接在哪', '个人所得税专项扣除怎么填',
  '门店装修期间员工怎么安排', '疫苗接种可以请假吗', '下雪天门店要不要开门', '台风天怎么安排上班', '停车场的车位谁能用',
];

