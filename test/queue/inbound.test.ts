import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { InboundEvent } from '../../src/channels/types';
import { dedupeKey, InboundIngest, ingestStreamKey, jobIdFor } from '../../src/queue/inbound';
import { IngestPump, PUMP_GROUP } from '../../src/queue/ingest-pump';
import { INBOUND_QUEUE } from '../../src/queue/names';
import { createRedis } from '../../src/queue/redis';
import { deletePrefix, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('ingest');
const quiet = pino({ level: 'silent' });
let conn: Redis;
let workerConn: Redis;
let ingest: InboundIngest;
let pump: IngestPump;

function event(msgid: string): InboundEvent {
  return {
    id: `wecom:bot:${msgid}`,
    platform: 'wecom',
    botId: 'bot',
    kind: 'message',
    chatType: 'group',
    chatId: 'wrk1',
    sender: { id: 'u1' },
    text: '你好',
    rawText: '@助手 你好',
    mentions: [],
    receivedAt: Date.now(),
    reply: {},
    raw: { msgid },
  };
}

async function jobCount(p: IngestPump = pump): Promise<number> {
  const c = await p.queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

beforeAll(() => {
  conn = createRedis('redis://127.0.0.1:6379', 'producer');
  workerConn = createRedis('redis://127.0.0.1:6379', 'worker');
  ingest = new InboundIngest({ connection: conn, prefix, dedupeTtlSeconds: 600 });
  pump = new IngestPump({ connection: workerConn, prefix, logger: quiet }).start();
});

afterAll(async () => {
  await pump.close();
  await ingest.close();
  await deletePrefix(conn, prefix);
  await conn.quit();
  await workerConn.quit();
});

describe('InboundIngest + IngestPump', () => {
  it('stores a new event in one script call, with a "seen" marker that expires, and the pump queues it under its id', async () => {
    expect(await ingest.acceptNew(event('a1'))).toBe(true);
    const ttl = await conn.pttl(dedupeKey(prefix, 'wecom:bot:a1'));
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    await pump.drained();
    const job = await pump.queue.getJob(jobIdFor('wecom:bot:a1'));
    expect(job?.data.text).toBe('你好');
    expect(job?.name).toBe('message');
    expect(await ingest.backlog()).toBe(0);
  });

  it('drops retries, sequential and concurrent, leaving one job each', async () => {
    const before = await jobCount();
    expect(await ingest.acceptNew(event('b1'))).toBe(true);
    expect(await ingest.acceptNew(event('b1'))).toBe(false);
    const results = await Promise.all(Array.from({ length: 10 }, () => ingest.acceptNew(event('c1'))));
    expect(results.filter(Boolean)).toHaveLength(1);
    await pump.drained();
    expect(await jobCount()).toBe(before + 2);
  });

  it('moves a burst in batches, each event once', async () => {
    const before = await jobCount();
    await Promise.all(Array.from({ length: 1200 }, (_, i) => ingest.accept(event(`burst-${i}`))));
    await pump.drained();
    expect(await jobCount()).toBe(before + 1200);
  });

  it('still drops a retry after the first copy was processed and its job cleaned away', async () => {
    const p2 = `${prefix}-gone`;
    const eager = new InboundIngest({ connection: conn, prefix: p2, dedupeTtlSeconds: 600 });
    const eagerPump = new IngestPump({ connection: workerConn, prefix: p2, logger: quiet, keepCompletedSeconds: 0 }).start();
    const wc = createRedis('redis://127.0.0.1:6379', 'worker');
    const worker = new Worker(INBOUND_QUEUE, async () => undefined, { connection: wc, prefix: p2 });
    const processed: string[] = [];
    const done = new Promise<void>((resolve) => worker.on('completed', (job) => (processed.push(String(job.id)), resolve())));
    await eager.accept(event('d1'));
    await done;
    expect(await eagerPump.queue.getJob(jobIdFor('wecom:bot:d1'))).toBeUndefined();
    await eager.accept(event('d1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(processed).toHaveLength(1);
    expect(await conn.exists(dedupeKey(p2, 'wecom:bot:d1'))).toBe(1);
    await worker.close();
    await eagerPump.close();
    await deletePrefix(conn, p2);
    await wc.quit();
  });

  it('takes over entries a crashed pump read but never moved', async () => {
    const p3 = `${prefix}-crash`;
    const ing = new InboundIngest({ connection: conn, prefix: p3, dedupeTtlSeconds: 600 });
    await ing.accept(event('e1'));
    await ing.accept(event('e2'));
    // A pump that read both entries and died before adding them: they sit pending under its name.
    const key = ingestStreamKey(p3);
    await conn.xgroup('CREATE', key, PUMP_GROUP, '0', 'MKSTREAM');
    const read = await conn.xreadgroup('GROUP', PUMP_GROUP, 'dead-pump', 'COUNT', 10, 'STREAMS', key, '>');
    expect(read).not.toBeNull();
    const live = new IngestPump({ connection: workerConn, prefix: p3, logger: quiet, claimIdleMs: 200 }).start();
    await live.drained(5000);
    expect(await jobCount(live)).toBe(2);
    expect(await conn.xpending(key, PUMP_GROUP)).toEqual([0, null, null, null]);
    await live.close();
    await deletePrefix(conn, p3);
  });

  it('recreates its consumer group when Redis lost it (restart without persistence)', async () => {
    const p4 = `${prefix}-lost`;
    const ing = new InboundIngest({ connection: conn, prefix: p4, dedupeTtlSeconds: 600 });
    const p = new IngestPump({ connection: workerConn, prefix: p4, logger: quiet, blockMs: 100 }).start();
    await ing.accept(event('f1'));
    await p.drained();
    await conn.del(ingestStreamKey(p4)); // the stream and its group are gone
    await ing.accept(event('f2'));
    await p.drained(5000);
    expect(await jobCount(p)).toBe(2);
    await p.close();
    await deletePrefix(conn, p4);
  });

  it('keeps an unreadable entry aside instead of blocking the stream', async () => {
    const p5 = `${prefix}-bad`;
    const key = ingestStreamKey(p5);
    await conn.xadd(key, '*', 'e', '{not json');
    const ing = new InboundIngest({ connection: conn, prefix: p5, dedupeTtlSeconds: 600 });
    await ing.accept(event('g1'));
    const p = new IngestPump({ connection: workerConn, prefix: p5, logger: quiet }).start();
    await p.drained();
    expect(await jobCount(p)).toBe(1);
    expect(await conn.lrange(`${key}:unreadable`, 0, -1)).toEqual(['{not json']);
    await p.close();
    await deletePrefix(conn, p5);
  });

  it('rejects when Redis cannot be reached, so the callback answers 5xx', async () => {
    const dead = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    dead.on('error', () => undefined);
    const ing = new InboundIngest({ connection: dead, prefix, dedupeTtlSeconds: 600 });
    await expect(ing.accept(event('h1'))).rejects.toThrow();
    dead.disconnect();
  });
});
