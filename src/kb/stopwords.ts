/**
 * Fillers and politeness words that carry no topic. Kept deliberately small: question words such as
 * 怎么/为什么/多久 stay, because "how do I" and "why does" are different FAQs.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // politeness / address
  '请问', '请', '麻烦', '麻烦你', '劳驾', '您好', '你好', '大家好', '各位', '亲', '老师', '谢谢', '谢啦', '帮忙', '帮个忙',
  // "let me ask"
  '问下', '问一下', '想问', '想问下', '请教', '咨询', '咨询一下', '一下', '下',
  // particles
  '呢', '啊', '吗', '嘛', '么', '吧', '呀', '哦', '噢', '喔', '嗯', '哈', '啦', '哎', '唉', '诶', '额', '呃', '哇', '咯', '滴',
  '的', '了', '地', '得', '着', '过',
  // pronouns and glue
  '我', '我们', '咱', '咱们', '你', '你们', '您', '他', '她', '它', '他们', '自己',
  '是', '就', '都', '也', '还', '又', '很', '挺', '太', '那', '这', '这个', '那个', '那么', '这样', '然后', '现在', '一个', '个',
]);
