/**
 * The durable hand-off between the ack path and the pipeline. `accept` is the only Redis work a
 * callback does before it answers 200, and it is ONE round trip of one small Lua script, per event:
 *
 *   SET <p>:inbound:seen:<id> 1 NX PX <dedupe ttl>   → already seen? it was a platform retry: done
 *   XADD <p>:ingest * e <event json>                  → the event is now as durable as Redis is
 *
 * Both run atomically, so there is no moment where an id is marked "seen" but its event is not
 * stored (a crash loses nothing), and a retry is dropped whether the first copy is still waiting
 * or long processed. The ingest pump (ingest-pump.ts) moves stream entries into the BullMQ
 * "inbound" queue with the event id as job id, off the ack path.
 *
 * Why not `Queue.add` here: BullMQ's add costs ~40–50 µs of CPU per job (Job object, msgpack of
 * the options, a big script) and a connection that carries BullMQ's 60+ scripts makes ioredis
 * rebuild a large Pipeline on every auto-pipelined flush. That was half the ack path's CPU
 * (docs/bench.md). The producer connection now carries this one script only.
 */
import type { Redis } from 'ioredis';
import type { InboundEvent } from '../channels/types';
import { INBOUND_QUEUE } from './names';

export interface Ingest {
  /**
   * Resolves once the event is durably stored, or was already (a retry). Rejects if Redis fails,
   * so the callback can answer 5xx and the platform retries.
   */
  accept(event: InboundEvent): Promise<void>;
}

export interface InboundIngestOptions {
  /** Connection used on the ack path; should have enableAutoPipelining on and fail fast. */
  connection: Redis;
  prefix: string;
  dedupeTtlSeconds: number;
}

/** Job ids may not contain ':' in BullMQ; event ids use it as a separator. */
export function jobIdFor(eventId: string): string {
  return eventId.replace(/:/g, '|');
}

/** Redis key of an event's "seen" marker (drops platform retries for security.dedupeTtlSeconds). */
export function dedupeKey(prefix: string, eventId: string): string {
  return `${prefix}:${INBOUND_QUEUE}:seen:${jobIdFor(eventId)}`;
}

/** Redis stream the ack path appends to and the pump drains. */
export function ingestStreamKey(prefix: string): string {
  return `${prefix}:ingest`;
}

/** Field of a stream entry holding the event JSON. */
export const EVENT_FIELD = 'e';

/**
 * KEYS = [stream, seen_1 … seen_n], ARGV = [ttl ms, event_1 … event_n]; returns 1 (stored) or 0
 * (a retry) per event. One call stores a whole micro-batch, each event atomically with its marker.
 */
const ACCEPT_SCRIPT = `
local out = {}
for i = 2, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
    redis.call('XADD', KEYS[1], '*', '${EVENT_FIELD}', ARGV[i])
    out[i - 1] = 1
  else
    out[i - 1] = 0
  end
end
return out`;

/** Events per script call at most, so one call never holds Redis for long. */
const MAX_BATCH = 256;

/** ioredis defines script commands at runtime; this is the one we add (numkeys passed first). */
interface WithAcceptCommand {
  qunzhuAcceptEvents(numKeys: number, ...keysThenArgs: Array<string | number>): Promise<number[]>;
}

interface Waiting {
  event: InboundEvent;
  resolve: (added: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Callbacks that arrive in the same event-loop turn are stored by one script call (flushed with
 * setImmediate, i.e. after the turn's I/O): per-command client overhead was a large share of the
 * ack path. Every callback still waits for its own event to be stored before it answers 200.
 */
export class InboundIngest implements Ingest {
  private readonly redis: Redis & WithAcceptCommand;
  private readonly streamKey: string;
  private waiting: Waiting[] = [];
  private flushScheduled = false;

  constructor(private readonly opts: InboundIngestOptions) {
    // defineCommand sends EVALSHA and falls back to EVAL on NOSCRIPT (e.g. after Redis restarted).
    opts.connection.defineCommand('qunzhuAcceptEvents', { lua: ACCEPT_SCRIPT });
    this.redis = opts.connection as Redis & WithAcceptCommand;
    this.streamKey = ingestStreamKey(opts.prefix);
  }

  async accept(event: InboundEvent): Promise<void> {
    await this.acceptNew(event);
  }

  /** Like accept, and tells whether this was the first copy (true) or a retry (false). */
  acceptNew(event: InboundEvent): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const all = this.waiting;
    this.waiting = [];
    for (let i = 0; i < all.length; i += MAX_BATCH) void this.store(all.slice(i, i + MAX_BATCH));
  }

  private async store(batch: Waiting[]): Promise<void> {
    const keys: string[] = [this.streamKey];
    const args: string[] = [String(this.opts.dedupeTtlSeconds * 1000)];
    for (const w of batch) {
      keys.push(dedupeKey(this.opts.prefix, w.event.id));
      args.push(JSON.stringify(w.event));
    }
    try {
      const added = await this.redis.qunzhuAcceptEvents(keys.length, ...keys, ...args);
      batch.forEach((w, i) => w.resolve(added[i] === 1));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** Events stored but not yet moved into the inbound queue (for /readyz-style reporting and tests). */
  async backlog(): Promise<number> {
    return this.opts.connection.xlen(this.streamKey);
  }

  async close(): Promise<void> {
    // The connection belongs to the caller; nothing of ours to release.
  }
}
