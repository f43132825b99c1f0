/**
 * Slash commands and the group-rules request. A message that starts with 「/」 (or 「／」) is typed at
 * the bot as a command: it is never a KB question (「/规则」 must not answer the points-rules FAQ) and
 * never small talk. Known commands are named here; an unknown one gets the list of those that exist.
 *
 *   /帮助 /help /菜单 [分类]   the help card, or the questions on a subject (help-request.ts, help-topic.ts)
 *   /人工 /转人工 /客服         hand the conversation to a person (the conversation stage)
 *   /规则 /群规 /rules          the group's rules (groups[].rules, else messages.rules)
 *   /状态 /status               whether the bot is up, and what it has loaded
 */
import { normalizeText } from '../kb/normalize';

export type SlashCommand = 'help' | 'handoff' | 'rules' | 'status' | 'unknown';

const NAMES: ReadonlyMap<string, SlashCommand> = new Map([
  ...['帮助', 'help', '菜单', 'menu', '功能', '指令', '命令', '?', '？'].map((n) => [n, 'help'] as const),
  ...['人工', '转人工', '找人工', '客服', '人工客服', '真人'].map((n) => [n, 'handoff'] as const),
  ...['规则', '群规', '群规则', 'rules', 'rule', '规定'].map((n) => [n, 'rules'] as const),
  ...['状态', 'status', 'ping'].map((n) => [n, 'status'] as const),
]);

/**
 * Longer than this after the slash, with no space, it reads as a question typed after a stray slash
 * (「/积分规则是什么」) rather than a command name: the slash is dropped and the message read as usual.
 */
const MAX_COMMAND_CHARS = 4;

export interface ParsedSlashCommand {
  command: SlashCommand;
  /** the command word as typed (「规则」, 「status」) */
  name: string;
  /** what follows it (「外卖」 in 「/帮助 外卖」) */
  args: string;
}

/** The slash command a message is, or undefined when it does not start with one. */
export function parseSlashCommand(text: string): ParsedSlashCommand | undefined {
  const m = /^\s*[/／]\s*([^\s/／]+)\s*(.*)$/su.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const name = m[1]!.toLowerCase().replace(/[。.!！?？~～]+$/u, '') || m[1]!;
  const args = m[2]!.trim();
  const known = NAMES.get(name) ?? NAMES.get(normalizeText(name).replace(/ /g, ''));
  if (known) return { command: known, name, args };
  if ([...name].length > MAX_COMMAND_CHARS && !args) return undefined;
  return { command: 'unknown', name, args };
}

/**
 * Asking for the group's rules in words (群规 / 本群规则 / 群规发一下 / 看看群规 / 群里有啥规矩). Anchored to
 * the whole message: 「积分规则是什么」 and 「排班有什么规定」 are KB questions.
 */
const RULES_REQUEST =
  /^(?:请|麻烦)?(?:看看|看一?下|查看|发一?下|发个|再发一?下|说一?下|讲一?下)?(?:本群|咱们?群|我们群|这个群|群里|群内)?(?:的)?(?:群规|群规则|规则|规矩|群公约|群须知)(?:是(?:什么|啥)|有(?:哪些|什么|啥)|发一?下|发我|看看|呢)?$|^(?:本群|咱们?群|我们群|这个群|群里|群内)(?:有|都有)?(?:什么|啥|哪些)(?:规则|规矩|规定|要求)$/u;

export function isRulesRequest(normalized: string): boolean {
  return RULES_REQUEST.test(normalized.replace(/ /g, '').replace(/[吗呢啊呀吧]+$/u, ''));
}
