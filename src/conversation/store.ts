/**
 * Where conversation context lives: one small JSON document per bot + chat + person in Redis,
 * `<prefix>:ctx:<bot>:<chat>:<user>`, expiring with its longest-lived part. Nothing is kept in
 * process memory, so any replica can take the person's next message.
 *
 * A retried job must see the state its first attempt saw (else "2" would consume the clarify on
 * the first try and find nothing on the retry), so every write also keeps the state it replaced,
 * tagged with the event that wrote it: loading for that same event returns the replaced state.
 */
import type { Redis } from 'ioredis';
import type { ConversationState } from '../pipeline/conversation';

export interface ConversationKey {
  botId: string;
  chatId: string;
  userId: string;
}

export interface ConversationStore {
  /** The state as it was before `eventId` (the current state, unless `eventId` wrote it). */
  load(key: ConversationKey, eventId: string): Promise<ConversationState>;
  /** Stores `state` as written by `eventId`, replacing `before` (what load returned). */
  save(key: ConversationKey, eventId: string, state: ConversationState, before: ConversationState): Promise<void>;
}

/** Kept at least this long so a retried job finds its own write. */
export const RETRY_GRACE_MS = 120_000;

interface StoredDoc {
  v: 1;
  eventId: string;
  state: ConversationState;
  before: ConversationState;
}

/** Ids may contain ':' (or anything): encode each part so keys of different people never collide. */
export function conversationKey(prefix: string, k: ConversationKey): string {
  return `${prefix}:ctx:${encodeURIComponent(k.botId)}:${encodeURIComponent(k.chatId)}:${encodeURIComponent(k.userId)}`;
}

function latestUntil(s: ConversationState): number {
  return Math.max(s.clarify?.until ?? 0, s.last?.until ?? 0, s.handoff?.until ?? 0);
}

export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async load(key: ConversationKey, eventId: string): Promise<ConversationState> {
    const raw = await this.redis.get(conversationKey(this.prefix, key));
    if (!raw) return {};
    let doc: StoredDoc;
    try {
      doc = JSON.parse(raw) as StoredDoc;
    } catch {
      return {};
    }
    if (doc?.v !== 1) return {};
    return (doc.eventId === eventId ? doc.before : doc.state) ?? {};
  }

  async save(key: ConversationKey, eventId: string, state: ConversationState, before: ConversationState): Promise<void> {
    const doc: StoredDoc = { v: 1, eventId, state, before };
    const ttl = Math.max(latestUntil(state) - this.now(), RETRY_GRACE_MS);
    await this.redis.set(conversationKey(this.prefix, key), JSON.stringify(doc), 'PX', Math.ceil(ttl));
  }
}
