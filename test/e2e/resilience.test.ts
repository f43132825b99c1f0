/**
 * What must survive: a worker dying after the callback was acknowledged, and Redis restarting
 * mid-run. In both cases every acknowledged question is answered exactly once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { FakeWecomApi } from '../../src/devtools/wecom-fake-api';
import { aibotText, postCallback, signedCallback } from '../../src/devtools/wecom-peer';
import { startService, type RunningService } from '../../src/service';
import { PrivateRedisServer } from '../support/private-redis';
import { deletePrefix, tempExampleConfig, uniquePrefix } from '../support/temp-config';

const BOT = { id: 'hq-assistant', name: '茶小满总部助手', token: 'qunzhuDemoToken', aesKey: 'qunzhuDemoAESKeyForLocalTrialOnly0000000000' };

function callback(api: FakeWecomApi, msgid: string, text: string) {
  const plaintext = aibotText({
    msgid,
    chatid: 'wrkHuadongFranchise01',
    userid: 'wangwu',
    text: `@${BOT.name} ${text}`,
    responseUrl: `${api.url}/cgi-bin/aibot/response?response_code=${msgid}`,
  });
  return signedCallback({ token: BOT.token, aesKey: BOT.aesKey, plaintext, format: 'json' });
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a worker crash after the ack', () => {
  const prefix = uniquePrefix('crash');
  let api: FakeWecomApi;
  let redis: Redis;

  beforeAll(async () => {
    api = await FakeWecomApi.start();
    redis = new Redis('redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await api.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('still answers the question exactly once', async () => {
    const location = tempExampleConfig(prefix);
    // 1. Ack-only service: the callback is accepted and queued.
    const acker = await startService({ location, logger: pino({ level: 'silent' }), env: { WECOM_API_BASE: api.url }, workers: false, watchConfig: false });
    const signed = callback(api, `crash-${prefix}`, '会员积分怎么查');
    expect((await postCallback(acker.url!, BOT.id, signed)).status).toBe(200);

    // 2. A worker process picks the job up and dies mid-way (SIGKILL, no cleanup).
    const child = spawn(process.execPath, ['-r', path.resolve(__dirname, '../support/swc-register.js'), path.resolve(__dirname, '../support/crashing-worker.ts'), location.dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('PROCESSING')).catch((err: unknown) => {
      child.kill('SIGKILL'); // never leave the child behind a failed wait (jest would hang on it)
      throw err;
    });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    expect(api.messages).toHaveLength(0);
    await acker.close();

    // 3. A healthy instance finds the stalled job and completes it, once.
    const healthy = await startService({
      location,
      logger: pino({ level: 'silent' }),
      env: { WECOM_API_BASE: api.url },
      watchConfig: false,
      inboundWorkerOptions: { lockDuration: 1000, stalledInterval: 500 },
    });
    try {
      await api.waitForMessages(1, 15000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(api.messages.filter((m) => m.key === `crash-${prefix}`)).toHaveLength(1);
    } finally {
      await healthy.close();
    }
  });
});

describe('Redis restarting mid-run', () => {
  const prefix = uniquePrefix('restart');
  let api: FakeWecomApi;
  let redisServer: PrivateRedisServer;
  let svc: RunningService;

  beforeAll(async () => {
    api = await FakeWecomApi.start();
    redisServer = await PrivateRedisServer.create();
    const location = tempExampleConfig(prefix, (cfg) => {
      cfg.redis = { url: redisServer.url, keyPrefix: prefix };
    });
    // Jobs that were active when Redis died are recovered by BullMQ's stalled-job check once their
    // lock expires (30 s by default); short locks keep this test quick.
    const fast = { lockDuration: 2000, stalledInterval: 1000 };
    svc = await startService({
      location,
      logger: pino({ level: process.env.QZ_TEST_LOG ?? 'silent' }),
      env: { WECOM_API_BASE: api.url },
      watchConfig: false,
      inboundWorkerOptions: fast,
      outboxWorkerOptions: fast,
    });
  });
  afterAll(async () => {
    await svc.close();
    await api.close();
    await redisServer.stop();
  });

  it('loses nothing acknowledged and recovers by itself', async () => {
    const questions = ['收银机连不上网怎么办', '会员积分怎么查', '怎么申请报销', '订货截止时间是几点', '排班表在哪里看'];
    const acked = new Set<string>();
    // Like WeCom: send, and retry (same msgid) until a 200 comes back.
    const deliver = async (msgid: string, text: string): Promise<void> => {
      const signed = callback(api, msgid, text);
      for (let i = 0; i < 200; i++) {
        const status = await postCallback(svc.url!, BOT.id, signed).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) {
          acked.add(msgid);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${msgid} never acknowledged`);
    };

    for (let i = 0; i < 5; i++) await deliver(`before-${i}-${prefix}`, questions[i]!);
    await redisServer.kill();
    // While Redis is down, callbacks are refused with 503 (so WeCom retries), never acked and lost.
    const down = await postCallback(svc.url!, BOT.id, callback(api, `probe-${prefix}`, '在吗'));
    expect(down.status).toBe(503);
    const during = Promise.all(questions.map((q, i) => deliver(`during-${i}-${prefix}`, q)));
    await new Promise((r) => setTimeout(r, 1000));
    await redisServer.start();
    await during;

    expect(acked.size).toBe(10);
    await waitFor(() => [...acked].every((id) => api.messages.some((m) => m.key === id)), 30000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of acked) expect(api.messages.filter((m) => m.key === id)).toHaveLength(1);
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
  }, 60_000);
});
