/**
 * Moves accepted events from the ingest stream (written by the ack path, see inbound.ts) into the
 * BullMQ "inbound" queue, in batches, with the event id as job id.
 *
 * It reads through a consumer group, so several replicas share the work and an entry is removed
 * (XACK + XDEL) only after its job is stored. Crash safety:
 * - a pump that dies mid-batch leaves its entries pending in the group; any live pump claims them
 *   after `claimIdleMs` (XAUTOCLAIM) and adds them again — the job id makes that a no-op for a job
 *   that was already stored, and reply ids derived from the event id keep the outbox exactly-once;
 * - a batch that fails (Redis away) stays pending and is re-read by this pump first;
 * - a Redis that lost the stream or the group (restart without persistence) gets them re-created.
 */
import { Queue } from 'bullmq';
import crypto from 'node:crypto';
import os from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InboundEvent } from '../channels/types';
import { EVENT_FIELD, ingestStreamKey, jobIdFor } from './inbound';
import { INBOUND_QUEUE } from './names';

export const PUMP_GROUP = 'pump';

export interface IngestPumpOptions {
  /** A connection for BullMQ and acknowledgements (maxRetriesPerRequest: null, like workers). */
  connection: Redis;
  prefix: string;
  logger: Logger;
  /** Entries per read (default 500). */
  batchSize?: number;
  /** How long one blocking read waits for new entries (default 1,000 ms). */
  blockMs?: number;
  /** Entries pending this long with a consumer are taken over from it (default 30 s). */
  claimIdleMs?: number;
  /** How long finished jobs stay for inspection (default 1 h); 0 = removed at once. Dedupe does not depend on it. */
  keepCompletedSeconds?: number;
}

type StreamEntry = [id: string, fields: string[]];

export class IngestPump {
  readonly queue: Queue<InboundEvent>;
  private readonly reader: Redis;
  private readonly streamKey: string;
  private readonly deadKey: string;
  private readonly consumer = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  private readonly batchSize: number;
  private readonly blockMs: number;
  private readonly claimIdleMs: number;
  private stopping = false;
  private loop?: Promise<void>;
  private lastClaim = 0;
  /** Events moved since start (for logs and the benchmark). */
  moved = 0;

  constructor(private readonly opts: IngestPumpOptions) {
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
    this.queue.on('error', () => undefined);
    // A blocking read holds its connection: give it its own, so nothing else waits behind it.
    this.reader = opts.connection.duplicate({ connectionName: 'qunzhu-pump', enableAutoPipelining: false });
    this.reader.on('error', () => undefined);
    this.streamKey = ingestStreamKey(opts.prefix);
    this.deadKey = `${this.streamKey}:unreadable`;
    this.batchSize = opts.batchSize ?? 500;
    this.blockMs = opts.blockMs ?? 1000;
    this.claimIdleMs = opts.claimIdleMs ?? 30_000;
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Finishes the batch in hand, then stops. Entries not yet moved stay in the stream for the next start. */
  async close(): Promise<void> {
    this.stopping = true;
    // Wake a blocking read at once; the loop notices `stopping` and exits.
    this.reader.disconnect();
    await this.loop;
    await this.queue.close();
  }

  /** Resolves when every accepted event has been moved into the queue (tests, drains). */
  async drained(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.opts.connection.xlen(this.streamKey)) > 0) {
      if (Date.now() > deadline) throw new Error(`ingest stream still holds entries after ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  private async run(): Promise<void> {
    let readOwnPending = true; // our own unacknowledged entries first (a failed batch)
    let groupReady = false;
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!groupReady) {
          await this.ensureGroup();
          groupReady = true;
        }
        if (Date.now() - this.lastClaim > this.claimIdleMs / 2) {
          this.lastClaim = Date.now();
          if (await this.claimAbandoned()) readOwnPending = true;
        }
        const entries = await this.read(readOwnPending ? '0' : '>');
        if (readOwnPending && entries.length === 0) readOwnPending = false;
        if (entries.length) await this.move(entries);
        failures = 0;
      } catch (err) {
        if (this.stopping) break;
        const message = (err as Error).message;
        if (/NOGROUP/.test(message)) groupReady = false;
        readOwnPending = true;
        failures++;
        if (failures === 1 || failures % 50 === 0)
          this.opts.logger.warn({ event: 'ingest_pump_error', error: message, failures }, 'ingest pump cannot reach Redis; accepted events wait in the stream');
        await sleep(Math.min(50 * 2 ** Math.min(failures, 5), 1000));
      }
    }
  }

  private async ensureGroup(): Promise<void> {
    try {
      // '0': a group created after entries arrived (fresh Redis) still delivers them.
      await this.reader.xgroup('CREATE', this.streamKey, PUMP_GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!/BUSYGROUP/.test((err as Error).message)) throw err;
    }
  }

  private async read(from: '0' | '>'): Promise<StreamEntry[]> {
    const res = (
      from === '>'
        ? await this.reader.xreadgroup('GROUP', PUMP_GROUP, this.consumer, 'COUNT', this.batchSize, 'BLOCK', this.blockMs, 'STREAMS', this.streamKey, '>')
        : await this.reader.xreadgroup('GROUP', PUMP_GROUP, this.consumer, 'COUNT', this.batchSize, 'STREAMS', this.streamKey, '0')
    ) as Array<[string, StreamEntry[]]> | null;
    // Pending entries deleted meanwhile come back with null fields: nothing to move, just acknowledge.
    return res?.[0]?.[1] ?? [];
  }

  /** Takes over entries another (dead) pump read but never acknowledged. */
  private async claimAbandoned(): Promise<boolean> {
    const res = (await this.reader.xautoclaim(this.streamKey, PUMP_GROUP, this.consumer, this.claimIdleMs, '0-0', 'COUNT', this.batchSize)) as [string, StreamEntry[], string[]?];
    const claimed = res[1]?.length ?? 0;
    if (claimed) this.opts.logger.warn({ event: 'ingest_pump_claimed', entries: claimed }, 'took over events a stopped pump had not finished');
    return claimed > 0;
  }

  private async move(entries: StreamEntry[]): Promise<void> {
    const jobs: Array<{ name: string; data: InboundEvent; opts: { jobId: string } }> = [];
    const unreadable: string[] = [];
    for (const [id, fields] of entries) {
      const json = fieldValue(fields, EVENT_FIELD);
      if (json === undefined) continue; // deleted while pending
      try {
        const event = JSON.parse(json) as InboundEvent;
        jobs.push({ name: event.kind, data: event, opts: { jobId: jobIdFor(event.id) } });
      } catch {
        unreadable.push(json);
        this.opts.logger.error({ event: 'ingest_entry_unreadable', entryId: id, key: this.deadKey }, 'an ingest stream entry is not valid JSON; kept aside for inspection');
      }
    }
    if (jobs.length) await this.queue.addBulk(jobs);
    const ids = entries.map(([id]) => id);
    const tx = this.opts.connection.multi();
    if (unreadable.length) tx.lpush(this.deadKey, ...unreadable).ltrim(this.deadKey, 0, 999);
    await tx.xack(this.streamKey, PUMP_GROUP, ...ids).xdel(this.streamKey, ...ids).exec();
    this.moved += jobs.length;
  }
}

function fieldValue(fields: string[] | null, name: string): string | undefined {
  if (!fields) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
