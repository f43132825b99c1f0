/**
 * WeCom payload parsers: the outer envelope (JSON {"encrypt"} or XML <Encrypt>) and the decrypted
 * plaintexts of the AI bot (JSON) and the group-robot callback (XML, or snake_case JSON), mapped to
 * the platform-neutral InboundEvent. Schemas are lenient about extra fields (WeCom adds them) and
 * strict about the ones we rely on.
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { InboundEvent, InboundKind } from '../types';
import type { RejectReason } from './crypto';
import { stripMentions } from './mentions';

export type ParseResult = { ok: true; event: InboundEvent | null } | { ok: false; reason: RejectReason };

export interface ParseContext {
  botId: string;
  botName: string;
  receivedAt: number;
}

/** response_url is single use and valid one hour (doc 101138). */
export const RESPONSE_URL_TTL_MS = 3600_000;

const xml = new XMLParser({
  // Every field stays a string: 19-digit MsgIds would lose precision as numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: false,
  isArray: (name) => name === 'Item' || name === 'MsgItem',
});

function parseXml(text: string): Record<string, unknown> | null {
  try {
    const doc = xml.parse(text, true) as Record<string, unknown>;
    const root = doc.xml;
    return root && typeof root === 'object' ? (root as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function extractEncrypt(body: string): { ok: true; encrypt: string; format: 'json' | 'xml' } | { ok: false; reason: RejectReason } {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    const obj = parseJsonObject(trimmed);
    const enc = obj?.encrypt ?? obj?.Encrypt;
    return typeof enc === 'string' && enc ? { ok: true, encrypt: enc, format: 'json' } : { ok: false, reason: 'malformed_body' };
  }
  if (trimmed.startsWith('<')) {
    const root = parseXml(trimmed);
    const enc = root?.Encrypt;
    return typeof enc === 'string' && enc ? { ok: true, encrypt: enc, format: 'xml' } : { ok: false, reason: 'malformed_body' };
  }
  return { ok: false, reason: 'malformed_body' };
}

// ---------- AI bot (智能机器人) JSON ----------

const aibotFrom = z.object({ userid: z.string().min(1), corpid: z.string().optional() }).passthrough();
const textPart = z.object({ content: z.string() }).passthrough();

const aibotPayload = z
  .object({
    msgid: z.string().min(1),
    aibotid: z.string().optional(),
    chatid: z.string().optional(),
    chattype: z.enum(['single', 'group']).default('single'),
    from: aibotFrom,
    response_url: z.string().url().optional(),
    msgtype: z.string().min(1),
    create_time: z.number().optional(),
    text: textPart.optional(),
    voice: textPart.optional(),
    mixed: z
      .object({ msg_item: z.array(z.object({ msgtype: z.string(), text: textPart.optional() }).passthrough()) })
      .passthrough()
      .optional(),
    quote: z.object({ msgtype: z.string().optional(), text: textPart.optional() }).passthrough().optional(),
    event: z
      .object({
        eventtype: z.string(),
        feedback_event: z.object({ id: z.string(), type: z.number(), content: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

function aibotText(p: z.infer<typeof aibotPayload>): string {
  switch (p.msgtype) {
    case 'text':
      return p.text?.content ?? '';
    case 'voice':
      return p.voice?.content ?? '';
    case 'mixed':
      return (p.mixed?.msg_item ?? [])
        .filter((i) => i.msgtype === 'text')
        .map((i) => i.text?.content ?? '')
        .join(' ');
    default:
      return '';
  }
}

const AIBOT_EVENT_KIND: Record<string, InboundKind> = { enter_chat: 'enter_chat', feedback_event: 'feedback', template_card_event: 'other' };

export function parseAibotPlaintext(plain: string, ctx: ParseContext): ParseResult {
  const obj = parseJsonObject(plain);
  if (!obj) return { ok: false, reason: 'malformed_payload' };
  const parsed = aibotPayload.safeParse(obj);
  if (!parsed.success) return { ok: false, reason: 'malformed_payload' };
  const p = parsed.data;
  // Stream-refresh polls carry no new message: we reply through response_url instead.
  if (p.msgtype === 'stream') return { ok: true, event: null };
  const chatType = p.chattype;
  const rawText = aibotText(p);
  const { text, mentions } = stripMentions(rawText, ctx.botName);
  const kind: InboundKind = p.msgtype === 'event' ? (AIBOT_EVENT_KIND[p.event?.eventtype ?? ''] ?? 'other') : 'message';
  const fb = p.event?.feedback_event;
  const event: InboundEvent = {
    id: `wecom:${ctx.botId}:${p.msgid}`,
    platform: 'wecom',
    botId: ctx.botId,
    kind,
    chatType,
    chatId: chatType === 'group' && p.chatid ? p.chatid : p.from.userid,
    sender: { id: p.from.userid, ...(p.from.corpid ? { corpId: p.from.corpid } : {}) },
    text,
    rawText,
    mentions,
    ...(p.quote?.text?.content ? { quote: { text: p.quote.text.content } } : {}),
    ...(fb ? { feedback: { id: fb.id, type: fb.type, ...(fb.content ? { content: fb.content } : {}) } } : {}),
    receivedAt: ctx.receivedAt,
    reply: p.response_url ? { responseUrl: p.response_url, responseUrlExpiresAt: ctx.receivedAt + RESPONSE_URL_TTL_MS } : {},
    raw: { msgid: p.msgid, msgtype: p.msgtype, ...(p.aibotid ? { aibotid: p.aibotid } : {}), ...(p.event ? { eventtype: p.event.eventtype } : {}) },
  };
  return { ok: true, event };
}

// ---------- Group-robot callback (群机器人回调, 内测): XML or snake_case JSON ----------

const robotPayload = z.object({
  webhookUrl: z.string().optional(),
  msgId: z.string().optional(),
  chatId: z.string().min(1),
  chatType: z.string().default('group'),
  fromUserId: z.string().default(''),
  fromName: z.string().optional(),
  msgType: z.string().min(1),
  text: z.string().default(''),
  eventType: z.string().optional(),
});
type RobotPayload = z.infer<typeof robotPayload>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function fromXml(root: Record<string, unknown>): unknown {
  const items = Array.isArray(obj(root.MixedMessage).MsgItem) ? (obj(root.MixedMessage).MsgItem as unknown[]) : [];
  const mixedText = items.map((i) => str(obj(obj(i).Text).Content) ?? '').filter(Boolean).join(' ');
  return {
    webhookUrl: str(root.WebhookUrl),
    msgId: str(root.MsgId),
    chatId: str(root.ChatId),
    chatType: str(root.ChatType),
    fromUserId: str(obj(root.From).UserId),
    fromName: str(obj(root.From).Name),
    msgType: str(root.MsgType),
    text: str(obj(root.Text).Content) ?? mixedText,
    eventType: str(obj(root.Event).EventType),
  };
}

function fromJson(o: Record<string, unknown>): unknown {
  const items = Array.isArray(obj(o.mixed_message).msg_item) ? (obj(o.mixed_message).msg_item as unknown[]) : [];
  const mixedText = items.map((i) => str(obj(obj(i).text).content) ?? '').filter(Boolean).join(' ');
  return {
    webhookUrl: str(o.webhook_url),
    msgId: str(o.msgid),
    chatId: str(o.chatid),
    chatType: str(o.chattype),
    fromUserId: str(obj(o.from).userid),
    fromName: str(obj(o.from).name),
    msgType: str(o.msgtype),
    text: str(obj(o.text).content) ?? mixedText,
    eventType: str(obj(o.event).event_type),
  };
}

const ROBOT_EVENT_KIND: Record<string, InboundKind> = { add_to_chat: 'bot_added', delete_from_chat: 'bot_removed', enter_chat: 'enter_chat' };

function robotEvent(p: RobotPayload, ctx: ParseContext): InboundEvent {
  const kind: InboundKind = p.msgType === 'event' ? (ROBOT_EVENT_KIND[p.eventType ?? ''] ?? 'other') : 'message';
  // Events have no MsgId; WeCom recommends deduping them by sender + time, which we don't get
  // either, so chat + event type + the minute makes a stable id for the retries of one event.
  const msgid = p.msgId ?? `${p.chatId}.${p.eventType ?? p.msgType}.${Math.floor(ctx.receivedAt / 60_000)}`;
  const { text, mentions } = kind === 'message' ? stripMentions(p.text, ctx.botName) : { text: '', mentions: [] };
  const chatType = p.chatType === 'single' ? 'single' : 'group';
  return {
    id: `wecom:${ctx.botId}:${msgid}`,
    platform: 'wecom',
    botId: ctx.botId,
    kind,
    chatType,
    chatId: p.chatId,
    sender: { id: p.fromUserId, ...(p.fromName ? { name: p.fromName } : {}) },
    text,
    rawText: kind === 'message' ? p.text : '',
    mentions,
    receivedAt: ctx.receivedAt,
    reply: p.webhookUrl ? { webhookUrl: p.webhookUrl } : {},
    raw: { msgid, msgtype: p.msgType, ...(p.eventType ? { eventtype: p.eventType } : {}) },
  };
}

export function parseGroupRobotPlaintext(plain: string, ctx: ParseContext): ParseResult {
  const trimmed = plain.trim();
  let candidate: unknown;
  if (trimmed.startsWith('<')) {
    const root = parseXml(trimmed);
    if (!root) return { ok: false, reason: 'malformed_payload' };
    candidate = fromXml(root);
  } else {
    const o = parseJsonObject(trimmed);
    if (!o) return { ok: false, reason: 'malformed_payload' };
    candidate = fromJson(o);
  }
  const parsed = robotPayload.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: 'malformed_payload' };
  return { ok: true, event: robotEvent(parsed.data, ctx) };
}
