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
 *   <p>:ctx:*                     pipeline context (added by later features)
 */
export const INBOUND_QUEUE = 'inbound';
export const OUTBOX_QUEUE = 'outbox';

export function rateLimitKey(prefix: string, destination: string): string {
  return `${prefix}:rl:${destination}`;
}
