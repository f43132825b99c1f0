/**
 * The WeCom callback routes against a real Redis and real crypto: every bad input gets its 4xx and
 * a reason code in the log, and nothing is enqueued; retries enqueue once.
 */
import { encrypt, getSignature } from '@wecom/crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { registerWecomRoutes } from '../../src/channels/wecom/routes';
import { configSchema } from '../../src/config/schema';
import {
  aibotFeedback,
  aibotText,
  groupRobotEventJson,
  groupRobotEventXml,
  groupRobotTextJson,
  groupRobotTextXml,
  signedCallback,
  urlVerification,
  type SignedCallback,
} from '../../src/devtools/wecom-peer';
import { InboundIngest } from '../../src/queue/inbound';
import { IngestPump } from '../../src/queue/ingest-pump';
import { createRedis } from '../../src/queue/redis';
import { deletePrefix, uniquePrefix } from '../support/temp-config';

const TOKEN = 'tok3nForTests';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const prefix = uniquePrefix('routes');
const config = configSchema.parse({
  server: { bodyLimitBytes: 4096 },
  bots: [
    { id: 'ai', platform: 'wecom', name: '门店助手', token: TOKEN, encodingAESKey: KEY },
    { id: 'robot', platform: 'wecom', mode: 'group-robot', name: '门店助手', token: TOKEN, encodingAESKey: KEY },
  ],
});

let app: FastifyInstance;
let conn: Redis;
let ingest: InboundIngest;
let pump: IngestPump;
let workerConn: Redis;
const logs: Array<Record<string, unknown>> = [];
let seq = 0;

beforeAll(async () => {
  conn = createRedis('redis://127.0.0.1:6379', 'producer');
  workerConn = createRedis('redis://127.0.0.1:6379', 'worker');
  ingest = new InboundIngest({ connection: conn, prefix, dedupeTtlSeconds: 600 });
  pump = new IngestPump({ connection: workerConn, prefix, logger: pino({ level: 'silent' }) }).start();
  const logger = pino({ level: 'debug' }, { write: (s: string) => logs.push(JSON.parse(s) as Record<string, unknown>) });
  app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  registerWecomRoutes(app, { getConfig: () => config, ingest });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await pump.close();
  await ingest.close();
  await deletePrefix(conn, prefix);
  await conn.quit();
  await workerConn.quit();
});

/** The inbound queue once the pump has moved everything accepted so far. */
async function drainedQueue(): Promise<IngestPump['queue']> {
  await pump.drained();
  return pump.queue;
}

/** Jobs in the inbound queue once the pump has moved everything accepted so far. */
async function jobCount(): Promise<number> {
  await pump.drained();
  const c = await pump.queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

function post(botId: string, s: SignedCallback, overrides: { query?: Record<string, string | undefined>; body?: string; contentType?: string } = {}) {
  const query = Object.fromEntries(Object.entries({ ...s.query, ...overrides.query }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return app.inject({
    method: 'POST',
    url: `/callbacks/wecom/${botId}?${new URLSearchParams(query).toString()}`,
    headers: { 'content-type': overrides.contentType ?? s.contentType },
    payload: overrides.body ?? s.body,
  });
}

function textCallback(text = '@门店助手 收银机连不上网', msgid = `m${++seq}-${prefix}`): SignedCallback {
  return signedCallback({ token: TOKEN, aesKey: KEY, plaintext: aibotText({ msgid, chatid: 'wrkG1', userid: 'zhangsan', text }), format: 'json' });
}

function lastRejection(): unknown {
  return [...logs].reverse().find((l) => l.event === 'callback_rejected')?.reason;
}

describe('URL verification (GET)', () => {
  it('answers the bare decrypted echostr', async () => {
    const q = urlVerification({ token: TOKEN, aesKey: KEY, echo: '1616140317555161061' });
    const res = await app.inject({ method: 'GET', url: `/callbacks/wecom/ai?${new URLSearchParams(q).toString()}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('1616140317555161061');
  });

  it('refuses a forged verification', async () => {
    const q = { ...urlVerification({ token: 'other', aesKey: KEY, echo: '1' }) };
    const res = await app.inject({ method: 'GET', url: `/callbacks/wecom/ai?${new URLSearchParams(q).toString()}` });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('1');
  });
});

describe('a good callback', () => {
  it('is acknowledged with an empty 200 and queued as a normalized event', async () => {
    const before = await jobCount();
    const res = await post('ai', textCallback('@门店助手 收银机连不上网', `good-${prefix}`));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(await jobCount()).toBe(before + 1);
    const job = await (await drainedQueue()).getJob(`wecom|ai|good-${prefix}`);
    expect(job?.data).toMatchObject({ platform: 'wecom', botId: 'ai', chatId: 'wrkG1', chatType: 'group', text: '收银机连不上网', sender: { id: 'zhangsan' } });
  });

  it('accepts any Content-Type (the AI bot does not document one)', async () => {
    for (const ct of ['text/plain', 'application/octet-stream']) expect((await post('ai', textCallback(), { contentType: ct })).statusCode).toBe(200);
  });

  it('enqueues once when WeCom retries, sequentially and concurrently', async () => {
    const before = await jobCount();
    const s = textCallback('@门店助手 会员积分怎么查', `retry-${prefix}`);
    const statuses = await Promise.all([post('ai', s), post('ai', s), post('ai', s)]);
    expect(statuses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect((await post('ai', s)).statusCode).toBe(200);
    expect(await jobCount()).toBe(before + 1);
  });

  it('ignores stream-refresh polls without queuing anything', async () => {
    const before = await jobCount();
    const plain = JSON.stringify({ msgid: `s-${prefix}`, aibotid: 'A', chattype: 'group', chatid: 'c', from: { userid: 'u' }, msgtype: 'stream', stream: { id: 'x' } });
    expect((await post('ai', signedCallback({ token: TOKEN, aesKey: KEY, plaintext: plain, format: 'json' }))).statusCode).toBe(200);
    expect(await jobCount()).toBe(before);
  });
});

describe('bad input: a clear 4xx, a reason in the log, nothing queued', () => {
  const cases: Array<[string, () => Promise<{ statusCode: number }>, number, string]> = [
    ['forged signature', () => post('ai', textCallback(), { query: { msg_signature: 'a'.repeat(40) } }), 401, 'bad_signature'],
    [
      'stale timestamp',
      () => post('ai', signedCallback({ token: TOKEN, aesKey: KEY, plaintext: aibotText({ msgid: 'old', userid: 'u', text: 'x' }), format: 'json', timestamp: String(Math.floor(Date.now() / 1000) - 3600) })),
      401,
      'stale_timestamp',
    ],
    ['missing timestamp', () => post('ai', textCallback(), { query: { timestamp: undefined } }), 400, 'missing_params'],
    [
      'wrong receiveid (encrypted for a CorpID)',
      () => post('ai', signedCallback({ token: TOKEN, aesKey: KEY, plaintext: aibotText({ msgid: 'rid', userid: 'u', text: 'x' }), format: 'json', receiveId: 'wwCORPID' })),
      403,
      'wrong_receiveid',
    ],
    [
      'malformed base64',
      () => {
        const ts = String(Math.floor(Date.now() / 1000));
        const enc = '!!notbase64!!';
        return post('ai', { query: { msg_signature: getSignature(TOKEN, ts, 'n', enc), timestamp: ts, nonce: 'n' }, body: JSON.stringify({ encrypt: enc }), contentType: 'application/json' });
      },
      400,
      'bad_base64',
    ],
    ['malformed JSON body', () => post('ai', textCallback(), { body: '{"encrypt": ' }), 400, 'malformed_body'],
    ['malformed XML body', () => post('robot', textCallback(), { body: '<xml><Encrypt>' }), 400, 'malformed_body'],
    [
      'malformed JSON plaintext',
      () => post('ai', signedCallback({ token: TOKEN, aesKey: KEY, plaintext: '{"msgid": "x", oops', format: 'json' })),
      400,
      'malformed_payload',
    ],
    [
      'plaintext missing required fields',
      () => post('ai', signedCallback({ token: TOKEN, aesKey: KEY, plaintext: JSON.stringify({ msgtype: 'text' }), format: 'json' })),
      400,
      'malformed_payload',
    ],
    ['body over the limit', () => post('ai', textCallback(), { body: JSON.stringify({ encrypt: 'A'.repeat(5000) }) }), 413, 'body_too_large'],
    ['unknown bot', () => post('nobody', textCallback()), 404, 'unknown_bot'],
  ];

  it.each(cases)('%s', async (_name, send, status, reason) => {
    const before = await jobCount();
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(lastRejection()).toBe(reason);
    expect(await jobCount()).toBe(before);
  });

  it('ciphertext from another key: garbage after decryption is caught, never parsed', async () => {
    // @wecom/crypto does not throw on a wrong key; depending on the garbage, unpadding fails or the
    // receiveid check catches it.
    for (let i = 0; i < 5; i++) {
      const before = await jobCount();
      const ts = String(Math.floor(Date.now() / 1000));
      const enc = encrypt('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg', aibotText({ msgid: `k${i}`, userid: 'u', text: 'x' }), '');
      const res = await post('ai', { query: { msg_signature: getSignature(TOKEN, ts, 'n', enc), timestamp: ts, nonce: 'n' }, body: JSON.stringify({ encrypt: enc }), contentType: 'application/json' });
      expect([400, 403]).toContain(res.statusCode);
      expect(['decrypt_failed', 'wrong_receiveid']).toContain(lastRejection());
      expect(await jobCount()).toBe(before);
    }
  });

  it('never logs secrets or message text when rejecting', () => {
    const text = JSON.stringify(logs.filter((l) => l.event === 'callback_rejected'));
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('收银机');
  });
});

describe('group-robot callback (群机器人回调)', () => {
  it.each([
    ['XML', groupRobotTextXml, 'xml'],
    ['JSON', groupRobotTextJson, 'json'],
  ] as const)('parses a %s text message with its webhook URL', async (_n, build, format) => {
    const msgid = `gr-${format}-${prefix}`;
    const s = signedCallback({ token: TOKEN, aesKey: KEY, plaintext: build({ msgid, chatid: 'wrkR', userid: 'lisi', name: '李四', text: '@门店助手 怎么订货' }), format });
    expect((await post('robot', s)).statusCode).toBe(200);
    const job = await (await drainedQueue()).getJob(`wecom|robot|${msgid}`);
    expect(job?.data).toMatchObject({ kind: 'message', chatId: 'wrkR', text: '怎么订货', sender: { id: 'lisi', name: '李四' } });
    expect(job?.data.reply.webhookUrl).toContain('/cgi-bin/webhook/send?key=');
  });

  it.each([
    ['add_to_chat', 'bot_added'],
    ['delete_from_chat', 'bot_removed'],
  ] as const)('maps the %s event (XML and JSON)', async (eventType, kind) => {
    for (const [plaintext, format] of [
      [groupRobotEventXml({ chatid: `wrkE-${eventType}-x`, userid: 'admin', eventType }), 'xml'],
      [groupRobotEventJson({ chatid: `wrkE-${eventType}-j`, userid: 'admin', eventType }), 'json'],
    ] as const) {
      expect((await post('robot', signedCallback({ token: TOKEN, aesKey: KEY, plaintext, format }))).statusCode).toBe(200);
    }
    const jobs = await (await drainedQueue()).getJobs(['waiting', 'active', 'completed']);
    const mine = jobs.filter((j) => j.data.chatId.startsWith(`wrkE-${eventType}`));
    expect(mine).toHaveLength(2);
    for (const j of mine) expect(j.data.kind).toBe(kind);
  });
});

describe('AI-bot events', () => {
  it('turns a feedback event into a feedback InboundEvent', async () => {
    const msgid = `fb-${prefix}`;
    const s = signedCallback({ token: TOKEN, aesKey: KEY, plaintext: aibotFeedback({ msgid, chatid: 'wrkG1', userid: 'u1', feedbackId: 'F1', type: 2, content: '答非所问' }), format: 'json' });
    expect((await post('ai', s)).statusCode).toBe(200);
    const job = await (await drainedQueue()).getJob(`wecom|ai|${msgid}`);
    expect(job?.data).toMatchObject({ kind: 'feedback', feedback: { id: 'F1', type: 2, content: '答非所问' } });
  });
});
