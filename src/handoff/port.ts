/**
 * The seam between the pipeline and human agents. v1 records every hand-off request durably in
 * Redis (a capped list the ticket system will consume) and tells the pipeline what to promise the
 * asker. Tickets, the duty rota, SLA timers and CSAT replace `RedisHandoffInbox` in a later issue
 * without the pipeline changing.
 */
import type { Redis } from 'ioredis';
import type { InboundEvent } from '../channels/types';

export type HandoffSeverity = 'urgent' | 'normal';

export interface HandoffRequest {
  event: InboundEvent;
  severity: HandoffSeverity;
  /** Why the bot hands off (classifier reason), for the agent and for reports. */
  reason: string;
  groupName?: string;
}

export interface HandoffAck {
  /** Expected time to a human answer, in words for the group ("30 分钟"). */
  eta: string;
}

export interface HandoffPort {
  open(req: HandoffRequest): Promise<HandoffAck>;
}

export const HANDOFF_INBOX_MAX = 10_000;

export function handoffInboxKey(prefix: string): string {
  return `${prefix}:handoff:inbox`;
}

export class RedisHandoffInbox implements HandoffPort {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly eta: () => string,
  ) {}

  async open(req: HandoffRequest): Promise<HandoffAck> {
    const record = {
      eventId: req.event.id,
      platform: req.event.platform,
      botId: req.event.botId,
      chatId: req.event.chatId,
      groupName: req.groupName,
      senderId: req.event.sender.id,
      text: req.event.text,
      severity: req.severity,
      reason: req.reason,
      at: Date.now(),
    };
    const key = handoffInboxKey(this.prefix);
    await this.redis.multi().lpush(key, JSON.stringify(record)).ltrim(key, 0, HANDOFF_INBOX_MAX - 1).exec();
    return { eta: this.eta() };
  }
}
