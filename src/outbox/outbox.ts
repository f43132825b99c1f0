/**
 * The outbox queue: every reply waits here until it is delivered, so rate limits, WeCom errors,
 * network trouble and restarts delay replies but never drop them.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutgoingMessage } from '../channels/types';
import { jobIdFor } from '../queue/inbound';
import { OUTBOX_QUEUE } from '../queue/names';
import type { PlannedPart } from './plan';

export interface OutboxJobData {
  msg: OutgoingMessage;
  /** Set on the first attempt; later attempts resume it. */
  plan?: PlannedPart[];
  /** Parts of `plan` already delivered. */
  delivered: number;
  /** How often WeCom said "too fast" for this message (bounded, see worker). */
  rateLimitedTimes: number;
}

export interface OutboxOptions {
  connection: Redis;
  prefix: string;
  maxAttempts?: () => number;
  backoffMs?: () => number;
}

export class Outbox {
  readonly queue: Queue<OutboxJobData>;

  constructor(private readonly opts: OutboxOptions) {
    this.queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: { removeOnComplete: { age: 3600, count: 100_000 }, removeOnFail: { age: 14 * 86400 } },
    });
    // Reconnects are reported once by the service's connection listeners; don't print each one.
    this.queue.on('error', () => undefined);
  }

  /** Idempotent by msg.id: enqueueing the same reply twice sends it once. */
  async enqueue(msg: OutgoingMessage): Promise<void> {
    await this.queue.add(
      'send',
      { msg, delivered: 0, rateLimitedTimes: 0 },
      {
        jobId: jobIdFor(msg.id),
        attempts: this.opts.maxAttempts?.() ?? 8,
        backoff: { type: 'exponential', delay: this.opts.backoffMs?.() ?? 1000 },
      },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
