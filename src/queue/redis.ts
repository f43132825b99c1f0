/**
 * Redis connections. Two flavours, because they fail differently:
 * - `producer`: used on the callback ack path. Commands fail fast while Redis is away so the
 *   callback answers 503 and the platform retries later, instead of hanging past its deadline.
 * - `worker`: used by BullMQ workers; BullMQ requires maxRetriesPerRequest = null there and waits
 *   for Redis to come back.
 * Both reconnect forever with capped backoff, so a Redis restart heals by itself.
 */
import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'producer' | 'worker';

export function createRedis(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  const base: RedisOptions = {
    lazyConnect: false,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    connectionName: `qunzhu-${role}`,
  };
  const roleOpts: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableOfflineQueue: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000, commandTimeout: 2000 };
  return new Redis(url, { ...base, ...roleOpts, ...extra });
}

/** Waits until the connection answers PING (or throws after `timeoutMs`). */
export async function waitForRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      await redis.ping();
      return;
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`Redis did not answer within ${timeoutMs} ms: ${String(lastErr)}`);
}

/** Deletes every key under `prefix:` (SCAN, not KEYS, to stay friendly to a shared Redis). */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
