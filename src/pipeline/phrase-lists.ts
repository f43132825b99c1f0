/**
 * The phrase lists of the conversation stage as plain data (no imports, so the config schema can use them
 * as defaults). Matching rules: phrases.ts.
 */

/** "The answer did not help." Said within conversation.contextTtlSeconds of an answer, it counts against that entry. */
export const DEFAULT_FAILURE_PHRASES: readonly string[] = [
  '没用', '没有用', '没啥用', '没什么用', '不管用', '不好使', '没效果', '没有效果', '无效',
  '不对', '不是这个', '不是这样', '不是这样的', '不是这个问题', '不是我要的', '不是我问的', '答非所问', '说的不对', '回答错了', '错了',
  '不行', '还是不行', '还不行', '试了不行', '试过了不行', '没解决', '没有解决', '还是没解决', '解决不了', '没法解决', '搞不定', '还是搞不定',
  '还是一样', '还是老样子', '没反应', '还是没反应', '还是连不上', '用不了', '还是用不了', '还是打不开',
  '都不是', '都不对', '看不懂', '听不懂',
];

/** "I want a person." Always hands off; after an answer it also counts against that entry. */
export const DEFAULT_HANDOFF_PHRASES: readonly string[] = [
  '转人工', '人工', '找人工', '我要人工', '要人工', '人工客服', '人工服务', '转人工客服', '接人工', '人工处理',
  '转客服', '找客服', '客服', '真人', '找真人', '找个人', '找人', '有没有人工', '有人工吗', '叫人工', '叫个人来',
  '找人工客服', '要人工客服', '有没有人工值班', '有没有人工值班的', '有人工值班吗', '有没有人值班', '有人值班吗', '接真人', '接个真人', '转真人', '要真人', '真人客服', '找真人客服',
  '叫真人', '叫个真人', '叫真人来', '叫个真人来', '找个真人', '要个真人', '来个真人', '换真人', '换个真人', '换人工',
  '跟真人说话', '和真人说话', '找真人说话', '跟人工说话', '跟真人聊', '转接人工', '转接人工服务', '转接人工客服', '接人工服务', '转接客服', '人工客服在吗', '有人工客服吗', '人工在吗',
];

/** "It helped." Only whole messages count (with an optional 谢谢); recorded as helpful, never answered differently. */
export const SUCCESS_PHRASES: readonly string[] = [
  '解决了', '已解决', '可以了', '好了', '行了', '搞定了', '搞定', '弄好了', '修好了', '成功了', '有用', '管用', '好使', '没问题了', 'ok了', '能用了',
];
