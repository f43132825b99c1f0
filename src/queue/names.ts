/**
 * Redis key map. Every key qunzhu writes starts with the configured prefix (default `qz`), so
 * several deployments (and parallel test runs) can share one Redis.
 *
 *   <p>:seen:<eventId>            string, TTL security.dedupeTtlSeconds   inbound dedupe (platform retries)
 *   <p>:rl:<destination hash>     sorted set, TTL 60 s                     outbox rate-limit window
 *   <p>:inbound:*                 BullMQ queue "inbound"  (normalized events waiting for the pipeline)
 *   <p>:outbox:*                  BullMQ queue "outbox"   (replies waiting to be sent)
 *   <p>:ctx:*                     pipeline context (added by later features)
 */
export const INBOUND_QUEUE = 'inbound';
export const OUTBOX_QUEUE = 'outbox';

export function seenKey(prefix: string, eventId: string): string {
  return `${prefix}:seen:${eventId}`;
}

export function rateLimitKey(prefix: string, destination: string): string {
  return `${prefix}:rl:${destination}`;
}
