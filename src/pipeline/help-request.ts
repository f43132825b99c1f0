/**
 * "What can you do?" in its many shapes: 帮助 / 查看帮助 / 功能菜单 / 有没有使用说明 /
 * 你会回答哪些类型的问题 / 这个机器人怎么用 / 怎么向你提问比较好.
 *
 * Every pattern is anchored to the whole message (after normalisation, a leading filler and a
 * trailing particle are dropped), so a store question that merely contains 功能 or 菜单
 * ("收银机的会员功能在哪开") never turns into the help card.
 */
import { HELP_COMMANDS } from './lexicon';

// a greeting may come first too (你好 请问你可以帮我做什么)
const LEADING_FILLER = /^(?:你好|您好|哈喽|嗨|hi|hello|在吗|请问一?下?|问一?下|想问一?下|麻烦问一?下|麻烦|那个|哎|诶|嗯)+/u;
const TRAILING = /(?:吗|呢|吧|啊|呀|哈|嘛|哦|不|没|没有)+$/u;

/** who the message is about: the bot, under the names staff give it */
const BOT = '(?:你|您|机器人|小助手|助手|群助手|总部助手|这个机器人|这个助手|这机器人|智能客服|小助理|助理)';
/**
 * what the bot shows: the help card under its many names. Bare 菜单 is left out on purpose: in a tea
 * shop "有菜单吗 / 菜单发一下" is about the drinks menu; only the whole message 菜单 means the help card.
 */
const HELP_NOUN =
  '(?:帮助|功能菜单|功能列表|功能清单|功能介绍|功能|使用说明|使用帮助|使用指南|使用方法|使用手册|帮助文档|帮助手册|说明书|操作说明|操作指南|指令|命令|help)';

const HELP_REQUEST_PATTERNS: readonly RegExp[] = [
  // 查看帮助 / 列一下你的功能 / 发一下机器人说明书 / 功能菜单
  new RegExp(
    `^(?:请|麻烦)?(?:查看|看看|看一?下|打开|显示|发一?下|发个|给我|来个|来一?份|列一?下|列出|说说|说一?下|介绍一?下)?(?:一下)?(?:${BOT}的?)?${HELP_NOUN}(?:文档|列表|清单|一览|菜单)?(?:发一?下|发我|发来|发给我|给我看看|看看|一下)?$`,
    'u',
  ),
  // 有没有帮助文档 / 有使用说明吗 / 你有什么功能
  new RegExp(`^${BOT}?(?:都)?(?:有没有|有|有哪些|有什么|有啥)(?:什么|啥)?${HELP_NOUN}(?:文档|列表)?$`, 'u'),
  // 你会回答哪些类型的问题 / 你可以帮我们做些什么 / 机器人都能干啥
  new RegExp(
    `^${BOT}?(?:都|还|到底|平时|主要)?(?:能|会|可以)(?:帮(?:我们|我|大家|咱们)?)?(?:干|做|回答|解答|处理|查|问|管)?(?:我们|我|大家)?(?:些|点)?(?:嘛|啥|什么|哪些)(?:类型的?|种类的?|方面的?|样的)?(?:问题|事|事情|功能|东西|忙|活)?$`,
    'u',
  ),
  // 能问你哪些问题 / 能问你些啥
  new RegExp(`^(?:能|可以)(?:问|找)${BOT}(?:些|点)?(?:哪些|什么|啥)(?:问题|事)?$`, 'u'),
  // 把你能答的类别列一下 / 你能回答的问题说说 / 机器人支持的指令发一下
  new RegExp(
    `^(?:请|麻烦)?(?:把|给我)?${BOT}(?:都|平时)?(?:能|会|可以|支持)(?:答|回答|解答|问|处理|干|做|用)?的(?:问题|事|事情|功能|指令|命令|类别|类型|范围|内容|东西)(?:类别|类型|范围|清单|列表)?(?:都|有哪些)?(?:列一?下|列出来|说说|说一?下|讲讲|介绍一?下|发一?下|发我|看看)$`,
    'u',
  ),
  // 列一下你支持的指令 / 说说机器人能用的功能
  new RegExp(`^(?:请|麻烦)?(?:列一?下|列出|说说|说一?下|讲讲|介绍一?下|发一?下)${BOT}(?:都)?(?:支持|能用|可用|能答|能回答|会)?的?${HELP_NOUN}$`, 'u'),
  // 你有啥功能，列一下 (the list verb comes last)
  new RegExp(`^${BOT}?(?:都)?(?:有哪些|有什么|有啥)${HELP_NOUN}(?:列一?下|说说|说一?下|介绍一?下|发一?下)$`, 'u'),
  // 这个机器人怎么使用 / 怎么用你 / 怎么向你提问比较好 / 咋跟机器人提问
  new RegExp(`^${BOT}(?:要|该|应该)?(?:怎么|如何|咋|怎样)(?:使用|用|提问|问)(?:才行|比较好|最好)?$`, 'u'),
  // 你怎么用的，教教我 / 机器人咋用啊 说说
  new RegExp(`^${BOT}(?:要|该|应该)?(?:怎么|如何|咋|怎样)(?:使用|用)的?(?:啊|呀)?(?:教教我|教一?下我?|说说|讲讲|说一?下)?$`, 'u'),
  new RegExp(`^(?:要|该|应该)?(?:怎么|如何|咋|怎样)(?:使用|用)${BOT}(?:比较好|最好)?$`, 'u'),
  // a bare "怎么用" said to the bot (the message names nothing else to use)
  /^(?:要|该)?(?:怎么|如何|咋|怎样)(?:使用|用)$/u,
  new RegExp(`^(?:要|该|应该)?(?:怎么|如何|咋|怎样)(?:向|跟|和|给)${BOT}(?:提问|问问题|问|说)(?:才行|比较好|最好|有效)?$`, 'u'),
];

/** True when the (normalised) message asks the bot for its help card. */
export function isHelpRequest(normalized: string): boolean {
  const compact = normalized.replace(/ /g, '');
  if (HELP_COMMANDS.has(compact)) return true;
  const unfilled = compact.replace(LEADING_FILLER, '');
  if ([...unfilled].length > 20) return false;
  // 嘛 is both a particle (你会啥嘛) and a word (你能干嘛): try the message with and without it.
  return [unfilled, unfilled.replace(TRAILING, '')].some((core) => core !== '' && (HELP_COMMANDS.has(core) || HELP_REQUEST_PATTERNS.some((p) => p.test(core))));
}
