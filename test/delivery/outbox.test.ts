/**
 * The outbox against a real Redis and the local WeCom send API with its real error codes.
 */
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { OutgoingMessage } from '../../src/channels/types';
import { configSchema, type AppConfig } from '../../src/config/schema';
import { FakeWecomApi } from '../../src/devtools/wecom-fake-api';
import { Outbox } from '../../src/outbox/outbox';
import { startOutboxWorker } from '../../src/outbox/worker';
import { createRedis } from '../../src/queue/redis';
import { deletePrefix, uniquePrefix } from '../support/temp-config';

const AES = 'qunzhuDemoAESKeyForLocalTrialOnly0000000000';

interface Rig {
  api: FakeWecomApi;
  outbox: Outbox;
  worker: Worker;
  logs: Array<Record<string, unknown>>;
  delivered: string[];
  close(): Promise<void>;
}

const conns: Redis[] = [];
const prefixes: string[] = [];

async function rig(opts: { webhookPerMinute?: number; windowMs?: number; apiLimit?: number; groupKey?: string; botKey?: string } = {}): Promise<Rig> {
  const api = await FakeWecomApi.start({ webhookLimit: opts.apiLimit ?? 1000, invalidKeys: ['revoked-key'] });
  const prefix = uniquePrefix('outbox');
  prefixes.push(prefix);
  const config: AppConfig = configSchema.parse({
    platforms: { wecom: { apiBase: api.url } },
    bots: [{ id: 'b1', platform: 'wecom', name: '助手', token: 't', encodingAESKey: AES, ...(opts.botKey ? { webhookKey: opts.botKey } : {}) }],
    groups: [{ id: 'wrkG', bot: 'b1', name: '测试群', ...(opts.groupKey ? { webhookKey: opts.groupKey } : {}) }],
    outbox: { webhookPerMinute: opts.webhookPerMinute ?? 20, maxAttempts: 4, backoffMs: 50 },
  });
  const conn = createRedis('redis://127.0.0.1:6379', 'worker');
  conns.push(conn);
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => logs.push(JSON.parse(s) as Record<string, unknown>) });
  const outbox = new Outbox({ connection: conn, prefix, maxAttempts: () => 4, backoffMs: () => 50 });
  const delivered: string[] = [];
  const worker = startOutboxWorker({
    connection: conn,
    prefix,
    getConfig: () => config,
    logger,
    rateLimitedDelayMs: 200,
    webhookWindowMs: opts.windowMs ?? 60_000,
    onDelivered: (m) => delivered.push(m.id),
  });
  return {
    api,
    outbox,
    worker,
    logs,
    delivered,
    close: async () => {
      await worker.close();
      await outbox.close();
      await api.close();
    },
  };
}

let seq = 0;
function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: `msg-${++seq}-${Date.now()}`,
    platform: 'wecom',
    botId: 'b1',
    chatId: 'wrkG',
    format: 'markdown',
    content: '请重启路由器后再试。',
    mentions: ['zhangsan'],
    route: {},
    ...overrides,
  };
}

async function waitFor(cond: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(async () => {
  for (const [i, c] of conns.entries()) {
    await deletePrefix(c, prefixes[i]!);
    await c.quit();
  }
});

describe('destinations', () => {
  it('uses a response_url once, quoting with <@mention>, then falls back to the group webhook', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      const route = { responseUrl: `${r.api.url}/cgi-bin/aibot/response?response_code=rc1`, responseUrlExpiresAt: Date.now() + 3600_000 };
      await r.outbox.enqueue(message({ route, content: '第一条回复' }));
      await r.api.waitForMessages(1);
      await r.outbox.enqueue(message({ route, content: '第二条回复' }));
      const msgs = await r.api.waitForMessages(2);
      expect(msgs[0]).toMatchObject({ via: 'response_url', key: 'rc1', body: { msgtype: 'markdown', markdown: { content: '<@zhangsan> 第一条回复' } } });
      expect(msgs[1]).toMatchObject({ via: 'webhook', key: 'group-key', body: { msgtype: 'markdown', markdown: { content: '<@zhangsan> 第二条回复' } } });
    } finally {
      await r.close();
    }
  });

  it('skips an expired response_url and sends text with mentioned_list through the bot webhook', async () => {
    const r = await rig({ botKey: 'bot-key' });
    try {
      const route = { responseUrl: `${r.api.url}/cgi-bin/aibot/response?response_code=old`, responseUrlExpiresAt: Date.now() - 1 };
      await r.outbox.enqueue(message({ route, format: 'text' }));
      const [m] = await r.api.waitForMessages(1);
      expect(m).toMatchObject({ via: 'webhook', key: 'bot-key', body: { msgtype: 'text', text: { content: '请重启路由器后再试。', mentioned_list: ['zhangsan'] } } });
    } finally {
      await r.close();
    }
  });

  it('falls back to the webhook when WeCom refuses the response_url', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      const route = { responseUrl: `${r.api.url}/cgi-bin/aibot/response?response_code=`, responseUrlExpiresAt: Date.now() + 3600_000 };
      await r.outbox.enqueue(message({ route }));
      const [m] = await r.api.waitForMessages(1);
      expect(m?.via).toBe('webhook');
      expect(r.logs.some((l) => l.event === 'response_url_refused')).toBe(true);
    } finally {
      await r.close();
    }
  });

  it('is idempotent by message id', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      const m = message();
      await Promise.all([r.outbox.enqueue(m), r.outbox.enqueue(m), r.outbox.enqueue(m)]);
      await r.api.waitForMessages(1);
      await new Promise((res) => setTimeout(res, 300));
      expect(r.api.messages).toHaveLength(1);
    } finally {
      await r.close();
    }
  });
});

describe('WeCom errors', () => {
  it('45009: waits and delivers once, never drops', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      r.api.injectFaults({ kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit' }, { kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit' });
      const m = message();
      await r.outbox.enqueue(m);
      await waitFor(() => r.delivered.includes(m.id));
      expect(r.api.messages).toHaveLength(1);
      expect(r.logs.filter((l) => l.event === 'outbox_rate_limited')).toHaveLength(2);
    } finally {
      await r.close();
    }
  });

  it('5xx and network drops: retried with backoff until delivered', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      r.api.injectFaults({ kind: 'http', status: 502 }, { kind: 'drop' }, { kind: 'http', status: 503 });
      const m = message();
      await r.outbox.enqueue(m);
      await waitFor(() => r.delivered.includes(m.id));
      expect(r.api.messages).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('93000 (revoked webhook): dead-lettered at once with a log that names the key to fix and hides the secret', async () => {
    const r = await rig({ groupKey: 'revoked-key' });
    try {
      const m = message();
      await r.outbox.enqueue(m);
      await waitFor(() => r.logs.some((l) => l.event === 'reply_dead_lettered'));
      const dead = r.logs.find((l) => l.event === 'reply_dead_lettered')!;
      expect(String(dead.error)).toContain('93000');
      expect(String(dead.error)).toContain('groups[].webhookKey');
      expect(JSON.stringify(r.logs)).not.toContain('revoked-key');
      const job = await r.outbox.queue.getJob(m.id.replace(/:/g, '|'));
      expect(job?.attemptsMade).toBe(1);
      expect(await job?.isFailed()).toBe(true);
    } finally {
      await r.close();
    }
  });

  it('no way to reach the group: dead-lettered with what to configure', async () => {
    const r = await rig();
    try {
      await r.outbox.enqueue(message());
      await waitFor(() => r.logs.some((l) => l.event === 'reply_dead_lettered'));
      expect(String(r.logs.find((l) => l.event === 'reply_dead_lettered')!.error)).toContain('Set groups[].webhookKey');
    } finally {
      await r.close();
    }
  });
});

describe('rate limit and long replies', () => {
  it('holds a webhook to its limit in every window and delivers everything', async () => {
    const r = await rig({ groupKey: 'busy-key', webhookPerMinute: 5, windowMs: 1000 });
    try {
      const ids = Array.from({ length: 12 }, () => message());
      for (const m of ids) await r.outbox.enqueue(m);
      await waitFor(() => r.delivered.length === 12, 15000);
      const times = r.api.messages.map((m) => m.at).sort((a, b) => a - b);
      for (let i = 0; i + 5 < times.length; i++) expect(times[i + 5]! - times[i]!).toBeGreaterThanOrEqual(950);
    } finally {
      await r.close();
    }
  });

  it('splits a long reply and resumes after a mid-way 5xx without repeating a part', async () => {
    const r = await rig({ groupKey: 'group-key' });
    try {
      const content = Array.from({ length: 120 }, (_, i) => `第${i + 1}步：按门店操作手册检查设备状态并记录结果。`).join('\n');
      const m = message({ content });
      r.api.injectFaults({ kind: 'pass' }, { kind: 'http', status: 500 }); // part 1 lands, part 2 hits a 500
      await r.outbox.enqueue(m);
      await waitFor(() => r.delivered.includes(m.id));
      expect(r.logs.some((l) => l.event === 'reply_retry')).toBe(true);
      const parts = r.api.messages.map((x) => (x.body as { markdown: { content: string } }).markdown.content);
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
      expect(new Set(parts).size).toBe(parts.length);
      expect(parts.join('\n').replace(/\s/g, '')).toBe(`<@zhangsan>${content}`.replace(/\s/g, ''));
    } finally {
      await r.close();
    }
  });
});
