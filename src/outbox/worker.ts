/**
 * Delivers outbox jobs part by part: response_url first if still usable, then group-robot
 * webhooks under a shared per-webhook rate limit. WeCom's answers decide what happens next:
 * rate limited → wait (not a failed attempt); transient → retry with backoff; permanent →
 * dead-letter with a log line that names the config key to fix.
 */
import crypto from 'node:crypto';
import { DelayedError, UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OutgoingMessage } from '../channels/types';
import { postWecomJson, type SendOutcome } from '../channels/wecom/sender';
import type { AppConfig } from '../config/schema';
import { maskUrlSecrets } from '../logging';
import { OUTBOX_QUEUE } from '../queue/names';
import type { OutboxJobData } from './outbox';
import { planMessage, replanAsWebhook, resolveWebhook, type PlannedPart } from './plan';
import { SlidingWindowLimiter } from './rate-limit';

export interface DeliveryInfo {
  destination: 'response_url' | 'webhook';
  parts: number;
  deliveredAt: number;
}

export interface OutboxWorkerOptions {
  connection: Redis;
  prefix: string;
  getConfig: () => AppConfig;
  logger: Logger;
  concurrency?: number;
  onDelivered?: (msg: OutgoingMessage, info: DeliveryInfo) => void;
  /** Wait after a 45009 (WeCom counts per minute). */
  rateLimitedDelayMs?: number;
  /** Rate-limit window (tests shorten it). */
  webhookWindowMs?: number;
  /** After this many 45009s for one message, count further ones as failed attempts. */
  maxRateLimitedWaits?: number;
  sendTimeoutMs?: number;
  /** BullMQ tuning (lockDuration, stalledInterval…), e.g. for recovery tests. */
  workerOptions?: Partial<WorkerOptions>;
}

export function usedUrlKey(prefix: string, url: string): string {
  return `${prefix}:used-url:${crypto.createHash('sha1').update(url).digest('hex')}`;
}

const RESPONSE_URL_TTL_S = 3600;

export function startOutboxWorker(opts: OutboxWorkerOptions): Worker<OutboxJobData> {
  const redis = opts.connection;
  const limiter = new SlidingWindowLimiter(redis, opts.prefix);
  const log = opts.logger.child({ component: 'outbox' });

  async function responseUrlUsable(msg: OutgoingMessage): Promise<boolean> {
    const url = msg.route.responseUrl;
    if (!url) return false;
    if (msg.route.responseUrlExpiresAt !== undefined && msg.route.responseUrlExpiresAt <= Date.now() + 5000) return false;
    return (await redis.exists(usedUrlKey(opts.prefix, url))) === 0;
  }

  async function delay(job: Job<OutboxJobData>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + ms, token);
    throw new DelayedError();
  }

  async function sendPart(job: Job<OutboxJobData>, token: string | undefined, part: PlannedPart, cfg: AppConfig): Promise<SendOutcome | 'replanned'> {
    const msg = job.data.msg;
    if (part.via === 'response_url') {
      const url = msg.route.responseUrl!;
      if (!(await responseUrlUsable(msg))) return 'replanned';
      const outcome = await postWecomJson(url, part.body, opts.sendTimeoutMs);
      // Single use: once WeCom answered (yes or a definite no), never try this URL again.
      if (outcome.ok || outcome.kind === 'permanent') await redis.set(usedUrlKey(opts.prefix, url), '1', 'EX', RESPONSE_URL_TTL_S);
      if (!outcome.ok && outcome.kind === 'permanent') {
        log.warn({ event: 'response_url_refused', msgId: msg.id, error: outcome.message }, 'response_url refused; falling back to the group webhook');
        return 'replanned';
      }
      return outcome;
    }
    const target = resolveWebhook(cfg, msg);
    if (!target) {
      throw new UnrecoverableError(
        `no way to reach group ${msg.chatId}: response_url is spent or expired and no webhook is configured. ` +
          `Set groups[].webhookKey for this group (or bots[].webhookKey for bot ${msg.botId}).`,
      );
    }
    const slot = await limiter.tryAcquire(target.url, { limit: cfg.outbox.webhookPerMinute, windowMs: opts.webhookWindowMs ?? 60_000 });
    if (!slot.ok) {
      log.debug({ event: 'outbox_rate_wait', msgId: msg.id, waitMs: slot.retryInMs }, 'webhook at its per-minute limit; waiting');
      await delay(job, token, slot.retryInMs);
    }
    const outcome = await postWecomJson(target.url, part.body, opts.sendTimeoutMs);
    if (!outcome.ok && outcome.kind === 'permanent') {
      const fix =
        target.source === 'callback'
          ? 'the webhook URL came with the callback; check the group robot in WeCom'
          : target.source === 'group'
            ? `check groups[].webhookKey of group ${msg.chatId}`
            : `check bots[].webhookKey of bot ${msg.botId}`;
      throw new UnrecoverableError(`WeCom refused the message (${outcome.message}); ${fix}`);
    }
    return outcome;
  }

  const worker = new Worker<OutboxJobData>(
    OUTBOX_QUEUE,
    async (job, token) => {
      const cfg = opts.getConfig();
      const data = job.data;
      if (!data.plan) {
        data.plan = planMessage(data.msg, await responseUrlUsable(data.msg));
        await job.updateData(data);
      }
      while (data.delivered < data.plan.length) {
        const part: PlannedPart = data.plan[data.delivered]!;
        const outcome = await sendPart(job, token, part, cfg);
        if (outcome === 'replanned') {
          data.plan = [...data.plan.slice(0, data.delivered), ...replanAsWebhook(data.msg, part), ...data.plan.slice(data.delivered + 1)];
          await job.updateData(data);
          continue;
        }
        if (outcome.ok) {
          data.delivered += 1;
          await job.updateData(data);
          continue;
        }
        if (outcome.kind === 'rate_limited' && data.rateLimitedTimes < (opts.maxRateLimitedWaits ?? 30)) {
          data.rateLimitedTimes += 1;
          await job.updateData(data);
          log.warn({ event: 'outbox_rate_limited', msgId: data.msg.id, error: outcome.message }, 'WeCom says too fast (45009); waiting before retrying');
          await delay(job, token, opts.rateLimitedDelayMs ?? 60_000);
        }
        throw new Error(outcome.message); // transient: retried with backoff
      }
      const first = data.plan[0]?.via ?? 'webhook';
      opts.onDelivered?.(data.msg, { destination: first, parts: data.plan.length, deliveredAt: Date.now() });
      log.info(
        { event: 'reply_delivered', msgId: data.msg.id, via: first, parts: data.plan.length, e2eMs: data.msg.triggeredAt ? Date.now() - data.msg.triggeredAt : undefined },
        'reply delivered',
      );
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 16, ...opts.workerOptions },
  );

  worker.on('failed', (job, err) => {
    if (!job) return;
    const dead = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (dead)
      log.error(
        { event: 'reply_dead_lettered', msgId: job.data.msg.id, chatId: job.data.msg.chatId, attempts: job.attemptsMade, error: maskUrlSecrets(err.message) },
        `reply could not be delivered and was dead-lettered: ${maskUrlSecrets(err.message)}`,
      );
    else log.warn({ event: 'reply_retry', msgId: job.data.msg.id, attempts: job.attemptsMade, error: maskUrlSecrets(err.message) }, 'reply send failed; will retry');
  });
  worker.on('error', (err) => log.warn({ event: 'outbox_worker_error', error: err.message }, 'outbox worker connection problem'));
  return worker;
}
