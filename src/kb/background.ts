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
