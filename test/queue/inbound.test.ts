import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundEvent } from '../../src/channels/types';
import { dedupeKey, InboundIngest, jobIdFor } from '../../src/queue/inbound';
import { INBOUND_QUEUE } from '../../src/queue/names';
import { createRedis } from '../../src/queue/redis';
import { deletePrefix, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('ingest');
let conn: Redis;
let ingest: InboundIngest;

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

async function jobCount(): Promise<number> {
  const c = await ingest.queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

beforeAll(() => {
  conn = createRedis('redis://127.0.0.1:6379', 'producer');
  ingest = new InboundIngest({ connection: conn, prefix, dedupeTtlSeconds: 600 });
});

afterAll(async () => {
  await ingest.close();
  await deletePrefix(conn, prefix);
  await conn.quit();
});

describe('InboundIngest', () => {
  it('queues a new event under its id, with a dedupe key that expires', async () => {
    await ingest.accept(event('a1'));
    const job = await ingest.queue.getJob(jobIdFor('wecom:bot:a1'));
    expect(job?.data.text).toBe('你好');
    const ttl = await conn.pttl(dedupeKey(prefix, 'wecom:bot:a1'));
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('drops retries, sequential and concurrent, leaving one job each', async () => {
    const before = await jobCount();
    await ingest.accept(event('b1'));
    await ingest.accept(event('b1'));
    await Promise.all(Array.from({ length: 10 }, () => ingest.accept(event('c1'))));
    expect(await jobCount()).toBe(before + 2);
  });

  it('still drops a retry after the first copy was processed and its job cleaned away', async () => {
    const p2 = `${prefix}-gone`;
    const eager = new InboundIngest({ connection: conn, prefix: p2, dedupeTtlSeconds: 600, keepCompletedSeconds: 0 });
    const workerConn = createRedis('redis://127.0.0.1:6379', 'worker');
    const worker = new Worker(INBOUND_QUEUE, async () => undefined, { connection: workerConn, prefix: p2 });
    const done = new Promise<void>((resolve) => worker.on('completed', () => resolve()));
    await eager.accept(event('d1'));
    await done;
    expect(await eager.queue.getJob(jobIdFor('wecom:bot:d1'))).toBeUndefined();
    const processed: string[] = [];
    worker.on('completed', (job) => processed.push(String(job.id)));
    await eager.accept(event('d1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(processed).toEqual([]);
    expect(await conn.exists(dedupeKey(p2, 'wecom:bot:d1'))).toBe(1);
    await worker.close();
    await eager.close();
    await deletePrefix(conn, p2);
    await workerConn.quit();
  });
});
