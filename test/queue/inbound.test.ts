import { Redis } from 'ioredis';
import type { InboundEvent } from '../../src/channels/types';
import { InboundIngest, jobIdFor } from '../../src/queue/inbound';
import { seenKey } from '../../src/queue/names';
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
  it('queues a new event under its id, with a TTL on the dedupe marker', async () => {
    expect(await ingest.accept(event('a1'))).toBe('accepted');
    const job = await ingest.queue.getJob(jobIdFor('wecom:bot:a1'));
    expect(job?.data.text).toBe('你好');
    const ttl = await conn.ttl(seenKey(prefix, 'wecom:bot:a1'));
    expect(ttl).toBeGreaterThan(590);
  });

  it('drops retries, sequential and concurrent, leaving one job', async () => {
    expect(await ingest.accept(event('b1'))).toBe('accepted');
    expect(await ingest.accept(event('b1'))).toBe('duplicate');
    const results = await Promise.all(Array.from({ length: 10 }, () => ingest.accept(event('c1'))));
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    const counts = await ingest.queue.getJobCounts('waiting', 'active', 'completed', 'delayed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('re-enqueues when an earlier attempt marked the id but died before the enqueue', async () => {
    await conn.set(seenKey(prefix, 'wecom:bot:d1'), 'p', 'EX', 600);
    expect(await ingest.accept(event('d1'))).toBe('duplicate');
    expect(await ingest.queue.getJob(jobIdFor('wecom:bot:d1'))).toBeDefined();
  });
});
