/**
 * Redis key map. Every key qunzhu writes starts with the configured prefix (default `qz`), so
 * several deployments (and parallel test runs) can share one Redis.
 *
 *   <p>:rl:<destination hash>     sorted set, TTL 60 s                     outbox rate-limit window
 *   <p>:ingest                    stream of accepted events (ack path XADD), consumer group "pump"
 *   <p>:ingest:unreadable         list of stream entries that were not valid JSON (capped at 1,000)
 *   <p>:inbound:seen:<job id>     "seen" marker, TTL security.dedupeTtlSeconds (drops platform retries)
 *   <p>:inbound:*                 BullMQ queue "inbound"  (normalized events waiting for the pipeline)
 *   <p>:used-url:<sha1>           spent response_url, TTL 1 h
 *   <p>:handoff:inbox             list of hand-off requests (newest first, capped)
 *   <p>:outbox:*                  BullMQ queue "outbox"   (replies waiting to be sent)
 *   <p>:ctx:<bot>:<chat>:<user>   JSON, TTL = longest-lived part (≥ 2 min): one person's conversation
 *                                 context in one group (clarify options, last answer, hand-off mark)
 *                                 plus the state it replaced (retries); ids URI-encoded
 *                                 (src/conversation/store.ts)
 *   <p>:fb:answer:<event id>      hash, TTL conversation.feedbackTtlSeconds: entry that answered the
 *                                 message + each rater's verdict (src/feedback/store.ts)
 *   <p>:fb:answered               hash entry id → answers given
 *   <p>:fb:helpful                hash entry id → "it helped" (解决了, WeCom 👍)
 *   <p>:fb:notHelpful             hash entry id → "it did not" (没用, 转人工 after an answer, WeCom 👎)
 *   <p>:fb:cases:<entry id>       list of recent negative cases (capped at 100)
 *   <p>:fb:unattributed           list of WeCom feedback matching no remembered answer (capped at 1,000)
 */
export const INBOUND_QUEUE = 'inbound';
export const OUTBOX_QUEUE = 'outbox';

export function rateLimitKey(prefix: string, destination: string): string {
  return `${prefix}:rl:${destination}`;
}
