/**
 * Redis key map. Every key qunzhu writes starts with the configured prefix (default `qz`), so
 * several deployments (and parallel test runs) can share one Redis.
 *
 *   <p>:rl:<destination hash>     sorted set, TTL 60 s                     outbox rate-limit window
 *   <p>:inbound:*                 BullMQ queue "inbound"  (normalized events waiting for the pipeline)
 *   <p>:inbound:de:<job id>       BullMQ dedupe key, TTL security.dedupeTtlSeconds (drops platform retries)
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
