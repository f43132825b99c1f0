/**
 * The durable hand-off between the ack path and the pipeline. `accept` is the only Redis work a
 * callback does before it answers 200, and it is ONE round trip: BullMQ's add script, with the
 * message id as job id and as deduplication id, checks the job id, sets the dedupe key
 * (SET NX PX, TTL security.dedupeTtlSeconds) and stores the job atomically. So a platform retry is
 * dropped whether the first copy is still queued or long finished, and there is no moment where
 * the id is marked "seen" but the job is not stored (a crash loses nothing).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundEvent } from '../channels/types';
import { INBOUND_QUEUE } from './names';

export interface Ingest {
  /**
   * Resolves once the event is durably queued, or was already (a retry). Rejects if Redis fails,
   * so the callback can answer 5xx and the platform retries.
   */
  accept(event: InboundEvent): Promise<void>;
}

export interface InboundIngestOptions {
  /** Connection used by the queue; should have enableAutoPipelining on. */
  connection: Redis;
  prefix: string;
  dedupeTtlSeconds: number;
  /** How long finished jobs stay for inspection (default 1 h); 0 = removed at once. Dedupe does not depend on it. */
  keepCompletedSeconds?: number;
}

/** Job ids may not contain ':' in BullMQ; event ids use it as a separator. */
export function jobIdFor(eventId: string): string {
  return eventId.replace(/:/g, '|');
}

/** Redis key of an event's dedupe marker (BullMQ's deduplication key). */
export function dedupeKey(prefix: string, eventId: string): string {
  return `${prefix}:${INBOUND_QUEUE}:de:${jobIdFor(eventId)}`;
}

export class InboundIngest implements Ingest {
  readonly queue: Queue<InboundEvent>;

  constructor(private readonly opts: InboundIngestOptions) {
    this.queue = new Queue<InboundEvent>(INBOUND_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: opts.keepCompletedSeconds === 0 ? true : { age: opts.keepCompletedSeconds ?? 3600, count: 100_000 },
        removeOnFail: { age: 7 * 86400 },
      },
    });
    // Connection errors surface on the callbacks that need Redis (as 503s); without a listener
    // BullMQ would print every reconnect attempt to the console.
    this.queue.on('error', () => undefined);
  }

  async accept(event: InboundEvent): Promise<void> {
    const id = jobIdFor(event.id);
    await this.queue.add(event.kind, event, { jobId: id, deduplication: { id, ttl: this.opts.dedupeTtlSeconds * 1000 } });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
