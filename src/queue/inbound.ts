/**
 * The durable hand-off between the ack path and the pipeline. `accept` is the only Redis work a
 * callback does before it answers 200: remember the event id (SET NX EX) and enqueue it with the
 * same id as the BullMQ job id. Commands go out on an auto-pipelined connection, so under load
 * many callbacks share one round trip.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundEvent } from '../channels/types';
import { INBOUND_QUEUE, seenKey } from './names';

export type IngestResult = 'accepted' | 'duplicate';

const PENDING = 'p';
const QUEUED = 'q';

export interface Ingest {
  /** Resolves once the event is durably queued (or known to be a duplicate). Rejects if Redis fails. */
  accept(event: InboundEvent): Promise<IngestResult>;
}

export interface InboundIngestOptions {
  /** Connection used for the dedupe key and by the queue; should have enableAutoPipelining on. */
  connection: Redis;
  prefix: string;
  dedupeTtlSeconds: number;
}

/** Job ids may not contain ':' in BullMQ; event ids use it as a separator. */
export function jobIdFor(eventId: string): string {
  return eventId.replace(/:/g, '|');
}

export class InboundIngest implements Ingest {
  readonly queue: Queue<InboundEvent>;
  private readonly redis: Redis;

  constructor(private readonly opts: InboundIngestOptions) {
    this.redis = opts.connection;
    this.queue = new Queue<InboundEvent>(INBOUND_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        // Completed jobs are kept an hour so the job id also rejects late duplicates.
        removeOnComplete: { age: 3600, count: 100_000 },
        removeOnFail: { age: 7 * 86400 },
      },
    });
    // Connection errors surface on the callbacks that need Redis (as 503s); without a listener
    // BullMQ would print every reconnect attempt to the console.
    this.queue.on('error', () => undefined);
  }

  async accept(event: InboundEvent): Promise<IngestResult> {
    const key = seenKey(this.opts.prefix, event.id);
    // One command answers "have we seen it, and how far did it get?" (SET … NX GET, Redis ≥ 7):
    // null = first time; 'q' = queued before (a retry); 'p' = a previous attempt marked it but may
    // have died before the enqueue, so enqueue again (the job id makes that idempotent).
    const previous = (await this.redis.call('SET', key, PENDING, 'EX', this.opts.dedupeTtlSeconds, 'NX', 'GET')) as string | null;
    if (previous === QUEUED) return 'duplicate';
    try {
      await this.queue.add(event.kind, event, { jobId: jobIdFor(event.id) });
    } catch (err) {
      // Forget the id so the platform's retry can deliver it again; the caller answers 5xx.
      if (previous === null) await this.redis.del(key).catch(() => undefined);
      throw err;
    }
    // Not awaited: if it is lost, the marker stays 'p' and a retry re-enqueues idempotently.
    this.redis.call('SET', key, QUEUED, 'XX', 'KEEPTTL').catch(() => undefined);
    return previous === null ? 'accepted' : 'duplicate';
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
