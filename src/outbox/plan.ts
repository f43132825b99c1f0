/**
 * Where and in what pieces a reply goes. Decided once per message and stored in the job, so a
 * retry resumes the same plan after the last delivered part instead of re-sending it.
 */
import type { OutgoingMessage } from '../channels/types';
import type { AppConfig } from '../config/schema';
import { splitMessage } from './split';

/** WeCom limits, in UTF-8 bytes. */
export const LIMITS = { responseUrlMarkdown: 20480, webhookMarkdown: 4096, webhookText: 2048 } as const;

export type Via = 'response_url' | 'webhook';

export interface PlannedPart {
  via: Via;
  body: unknown;
}

export interface WebhookTarget {
  url: string;
  /** Which config key supplied it, to tell the admin what to fix. */
  source: 'callback' | 'group' | 'bot';
}

export function webhookSendUrl(apiBase: string, key: string): string {
  return `${apiBase.replace(/\/$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
}

export function resolveWebhook(cfg: AppConfig, msg: OutgoingMessage): WebhookTarget | undefined {
  if (msg.route.webhookUrl) return { url: msg.route.webhookUrl, source: 'callback' };
  const group = cfg.groups.find((g) => g.bot === msg.botId && g.id === msg.chatId);
  if (group?.webhookKey) return { url: webhookSendUrl(cfg.platforms.wecom.apiBase, group.webhookKey), source: 'group' };
  const bot = cfg.bots.find((b) => b.id === msg.botId);
  if (bot?.webhookKey) return { url: webhookSendUrl(cfg.platforms.wecom.apiBase, bot.webhookKey), source: 'bot' };
  return undefined;
}

function mentionPrefix(mentions: string[]): string {
  return mentions.length ? mentions.map((m) => `<@${m}>`).join(' ') + ' ' : '';
}

/** Webhook parts for `content`; mentions go on the first part only. */
export function webhookParts(msg: OutgoingMessage, content: string, withMentions: boolean): PlannedPart[] {
  if (msg.format === 'text') {
    return splitMessage(content, LIMITS.webhookText).map((c, i) => ({
      via: 'webhook' as const,
      body: { msgtype: 'text', text: { content: c, ...(withMentions && i === 0 && msg.mentions.length ? { mentioned_list: msg.mentions } : {}) } },
    }));
  }
  const prefix = withMentions ? mentionPrefix(msg.mentions) : '';
  return splitMessage(prefix + content, LIMITS.webhookMarkdown).map((c) => ({ via: 'webhook' as const, body: { msgtype: 'markdown', markdown: { content: c } } }));
}

/** Plans a message: the response_url takes the first (large) part if usable, webhooks the rest. */
export function planMessage(msg: OutgoingMessage, responseUrlUsable: boolean): PlannedPart[] {
  if (!responseUrlUsable) return webhookParts(msg, msg.content, true);
  const [first = '', ...rest] = splitMessage(mentionPrefix(msg.mentions) + msg.content, LIMITS.responseUrlMarkdown);
  // Only the AI bot's response_url can carry feedback buttons (webhooks have no such field).
  const feedback = msg.feedbackId ? { feedback: { id: msg.feedbackId } } : {};
  return [{ via: 'response_url', body: { msgtype: 'markdown', markdown: { content: first, ...feedback } } }, ...rest.flatMap((r) => webhookParts(msg, r, false))];
}

/** Re-plans a part that could not go through the response_url (spent, expired) as webhook parts. */
export function replanAsWebhook(msg: OutgoingMessage, part: PlannedPart): PlannedPart[] {
  const content = (part.body as { markdown?: { content?: string } }).markdown?.content ?? msg.content;
  // The content already carries the <@mentions> prefix; do not add it twice.
  return webhookParts({ ...msg, mentions: [] }, content, false);
}
