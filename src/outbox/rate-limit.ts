/**
 * A sliding-window rate limiter shared by every qunzhu process through Redis: WeCom allows 20
 * messages per minute per webhook, and exceeding it costs a 45009 and a wait. Time comes from
 * Redis (TIME) so processes with skewed clocks agree.
 */
import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { rateLimitKey } from '../queue/names';

// Returns 0 when a slot was taken, else the milliseconds until the oldest send leaves the window.
const SLIDING_WINDOW = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Hash of a destination so keys never contain a webhook key or response code. */
export function destinationHash(destination: string): string {
  return crypto.createHash('sha1').update(destination).digest('hex').slice(0, 16);
}

export class SlidingWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Takes a slot for `destination` if one is free; otherwise says how long to wait (ms). */
  async tryAcquire(destination: string, rl: RateLimit): Promise<{ ok: true } | { ok: false; retryInMs: number }> {
    const key = rateLimitKey(this.prefix, destinationHash(destination));
    const member = `${Date.now()}-${crypto.randomBytes(4).toString('hex')}`;
    const wait = Number(await this.redis.eval(SLIDING_WINDOW, 1, key, rl.windowMs, rl.limit, member));
    return wait === 0 ? { ok: true } : { ok: false, retryInMs: wait };
  }
}
