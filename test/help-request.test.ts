import { normalizeText } from '../src/kb/normalize';
import { isHelpRequest } from '../src/pipeline/help-request';

const help = (s: string): boolean => isHelpRequest(normalizeText(s));

describe('help requests (the help card)', () => {
  it.each([
    '帮助', '菜单', 'HELP！', '功能菜单', '查看帮助', '指令列表', '发一下使用手册', '机器人说明书发一下',
    '你能干嘛', '你会啥嘛', '@茶小满总部助手 你都会啥', '小助手能干什么呀', '你能帮我干啥',
    '你会回答哪些类型的问题', '你都能回答我什么问题', '能问你哪些问题', '你有哪些功能', '有啥功能', '有没有帮助文档', '有使用说明吗',
    '请问这个机器人怎么使用', '机器人咋用', '怎么用你啊', '怎么向你提问比较好', '@茶小满总部助手 列一下你的功能',
    '能问你些啥', '你怎么用的，教教我', '把你能答的类别列一下', '列一下你支持的指令', '@茶小满总部助手 你有啥功能，列一下',
    '您好，你都可以帮我们做什么', '查看帮助菜单',
  ])('%s → help', (s) => expect(help(s)).toBe(true));

  // Store questions that merely contain 功能/菜单/帮 stay questions.
  it.each([
    '收银机功能菜单在哪', '会员卡有什么功能', '你能帮我查一下订单吗', '菜单上新品什么时候上', '新菜单到了吗',
    '有菜单吗', '菜单发一下', '外卖菜单怎么改', '帮助顾客退款怎么操作', '怎么用优惠券', '功能键失灵了', '你好',
    '你会做杨枝甘露吗 配方发一下 新来的店员不会做 我们店今天第一次卖', '把收银机的功能列一下', '你怎么用的优惠券',
    '你好 请问会员积分怎么算', '您好', '你好你好',
  ])('%s → not help', (s) => expect(help(s)).toBe(false));
});
