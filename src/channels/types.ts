/**
 * The platform-neutral model. Channels turn platform traffic into `InboundEvent`s and
 * `OutgoingMessage`s into platform calls; the pipeline only ever sees these types.
 * Everything here must stay JSON-serialisable: events travel through BullMQ.
 */

export type Platform = 'wecom' | 'dingtalk';

export type ChatType = 'group' | 'single';

export type InboundKind =
  | 'message' // a member wrote something to the bot
  | 'bot_added' // the bot was added to a group (WeCom add_to_chat)
  | 'bot_removed' // the bot was removed from a group (WeCom delete_from_chat)
  | 'member_joined'
  | 'member_left'
  | 'enter_chat' // a user opened the bot's single chat
  | 'feedback' // the user rated an answer (WeCom AI-bot feedback_event)
  | 'other';

export interface Sender {
  /** Platform user id (WeCom userid, DingTalk staffId / senderId). */
  id: string;
  name?: string;
  corpId?: string;
}

/** How a reply to this event can reach the group. Channels fill what the platform gave them. */
export interface ReplyRoute {
  /** WeCom AI bot: single-use URL, valid 1 h; in groups the reply quotes the asker's message. */
  responseUrl?: string;
  /** Epoch ms after which responseUrl must not be used. */
  responseUrlExpiresAt?: number;
  /** WeCom group-robot callback: the webhook URL WeCom gave with the message. */
  webhookUrl?: string;
}

export interface Quote {
  text: string;
}

export interface FeedbackInfo {
  /** Id we attached to the answer (e.g. the stream/markdown feedback id). */
  id: string;
  /** 1 accurate, 2 inaccurate, 3 cancel (WeCom). */
  type: number;
  content?: string;
}

export interface InboundEvent {
  /** Globally unique, stable across platform retries: `${platform}:${botId}:${msgid}`. Used as the job id. */
  id: string;
  platform: Platform;
  /** The bot's id in our config (not the platform's). */
  botId: string;
  kind: InboundKind;
  chatType: ChatType;
  /** Group chat id; for single chats the user id. */
  chatId: string;
  sender: Sender;
  /** Text with @-mentions of the bot stripped and whitespace trimmed. Empty for non-message events. */
  text: string;
  /** Text exactly as received. */
  rawText: string;
  /** User ids / names mentioned in the text (other than the bot). */
  mentions: string[];
  quote?: Quote;
  feedback?: FeedbackInfo;
  /** Epoch ms when our server received the callback. */
  receivedAt: number;
  reply: ReplyRoute;
  /** Platform ids kept for logs and dedupe (msgid, msgtype, aibotid, …). Never secrets. */
  raw: Record<string, string>;
}

export type MessageFormat = 'text' | 'markdown';

export interface OutgoingMessage {
  /** Unique id of this outgoing message (idempotency key for the outbox job). */
  id: string;
  platform: Platform;
  botId: string;
  chatId: string;
  /** The event this answers, if any (for quoting, logs and latency). */
  inReplyTo?: string;
  /** Epoch ms of the triggering callback, to measure end-to-end latency. */
  triggeredAt?: number;
  format: MessageFormat;
  content: string;
  /** Platform user ids to @-mention (e.g. the asker, the on-duty agent). */
  mentions: string[];
  route: ReplyRoute;
  /**
   * For KB answers: the id WeCom's AI bot shows 👍/👎 buttons for (response_url markdown
   * `feedback.id`) and sends back in its feedback_event, so feedback is counted per entry.
   */
  feedbackId?: string;
}
