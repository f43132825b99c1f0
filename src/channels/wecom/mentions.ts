/**
 * @-mention handling for WeCom text. In groups the AI bot only receives messages that @ it, and
 * the text arrives as "@茶小满总部助手 收银机坏了". We strip mentions of the bot wherever they are
 * and keep other mentions (a colleague being pulled in) for the pipeline.
 */

// WeCom separates a mention from the following text with a space (often U+2005 or U+00A0).
const MENTION = /@([^\s@\u2005\u00a0]+)[\s\u2005\u00a0]*/gu;

export interface MentionSplit {
  text: string;
  mentions: string[];
}

export function stripMentions(raw: string, botName: string): MentionSplit {
  const mentions: string[] = [];
  const bot = botName.trim();
  let text = raw.replace(MENTION, (whole, name: string, offset: number) => {
    if (name === bot || (bot && name.startsWith(bot))) {
      // "@助手，你好": the name can be glued to punctuation; keep what follows the bot name.
      return name.length > bot.length ? name.slice(bot.length) + ' ' : ' ';
    }
    // A leading mention addressed to someone else in a bot callback is almost always the bot under
    // another display name (renamed bot, alias): treat a mention at the very start as the bot.
    if (offset === 0 && mentions.length === 0 && raw.trimStart().startsWith('@')) return ' ';
    mentions.push(name);
    return whole;
  });
  text = text.replace(/[\s\u2005\u00a0]+/gu, ' ').trim();
  return { text, mentions };
}
