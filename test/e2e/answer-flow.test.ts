/**
 * End to end through the production path: a signed, encrypted AI-bot callback in → the pipeline →
 * the outbox → the answer posted to WeCom's (local) response_url, quoted and @-mentioning the asker,
 * exactly once even when WeCom retries.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import { FakeWecomApi } from '../../src/devtools/wecom-fake-api';
import { aibotText, postCallback, signedCallback } from '../../src/devtools/wecom-peer';
import { sendChatLine } from '../../src/cli/chat';
import { shanghaiDate } from '../../src/kb/answer';
import { startService, type RunningService } from '../../src/service';
import { deletePrefix, tempExampleConfig, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('e2e');
const BOT = { id: 'hq-assistant', name: '茶小满总部助手', token: 'qunzhuDemoToken', aesKey: 'qunzhuDemoAESKeyForLocalTrialOnly0000000000' };
const CHAT = 'wrkHuadongFranchise01';

let api: FakeWecomApi;
let svc: RunningService;
let redis: Redis;
let seq = 0;

function callback(text: string, opts: { msgid?: string; userid?: string } = {}) {
  const code = `rc-${prefix}-${++seq}`;
  const plaintext = aibotText({
    msgid: opts.msgid ?? `m-${prefix}-${seq}`,
    chatid: CHAT,
    userid: opts.userid ?? 'zhangsan',
    text: `@${BOT.name} ${text}`,
    responseUrl: `${api.url}/cgi-bin/aibot/response?response_code=${code}`,
  });
  return { code, signed: signedCallback({ token: BOT.token, aesKey: BOT.aesKey, plaintext, format: 'json' }) };
}

function repliesFor(code: string) {
  return api.messages.filter((m) => m.key === code || JSON.stringify(m).includes(code));
}

async function waitFor(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  api = await FakeWecomApi.start();
  const location = tempExampleConfig(prefix);
  svc = await startService({ location, logger: pino({ level: 'silent' }), env: { WECOM_API_BASE: api.url }, watchConfig: false });
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  await svc.close();
  await api.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('WeCom AI bot: a store question answered end to end', () => {
  it('answers an FAQ from the KB via response_url, @-mentioning the asker, within a second', async () => {
    const { code, signed } = callback('收银机连不上网了怎么办');
    const t0 = Date.now();
    const res = await postCallback(svc.url!, BOT.id, signed);
    expect(res.status).toBe(200);
    await waitFor(() => repliesFor(code).length > 0);
    expect(Date.now() - t0).toBeLessThan(1000);
    const [reply] = repliesFor(code);
    const body = reply!.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('<@zhangsan>');
    expect(body.markdown.content).toMatch(/网|路由|网络/);
  });

  it('a less than sure answer names the question it answers; a sure one does not', async () => {
    // 管理费的扣款明细在哪看 is answered from 加盟管理费怎么交？ at about 0.70 (below kb.nameQuestionBelow
    // 0.8): the asker sees which question was understood. 收银机连不上网了怎么办 is answered at about 0.9.
    const unsure = callback('管理费的扣款明细在哪看');
    const sure = callback('收银机连不上网了怎么办');
    await postCallback(svc.url!, BOT.id, unsure.signed);
    await postCallback(svc.url!, BOT.id, sure.signed);
    await waitFor(() => repliesFor(unsure.code).length > 0 && repliesFor(sure.code).length > 0);
    const text = (code: string) => (repliesFor(code)[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(text(unsure.code)).toContain('关于「加盟管理费怎么交？」');
    expect(text(sure.code)).not.toContain('关于「');
  });

  it('a sure answer still names its question when the entry never speaks to part of the ask', async () => {
    // 健康证过期了能补吗 matches 员工健康证怎么办理？ above 0.9, but that entry never says anything
    // about 补(办): the asker must see which question was answered. (健康证丢了能补吗 is not answered
    // at all: a loss is an incident the entry never speaks of.)
    const nearMiss = callback('健康证过期了能补吗');
    await postCallback(svc.url!, BOT.id, nearMiss.signed);
    await waitFor(() => repliesFor(nearMiss.code).length > 0);
    expect((repliesFor(nearMiss.code)[0]!.body as { markdown: { content: string } }).markdown.content).toContain('关于「员工健康证怎么办理？」');
  });

  it('offers, and does not answer, a sure match that never states the payer asked for', async () => {
    // 健康证的钱能报吗 matches 员工健康证怎么办理？ above 0.8, but nothing in that entry says who
    // pays (src/kb/answer-type.ts): the asker gets the choice list, not the how-to as if it answered.
    const payer = callback('健康证的钱能报吗');
    await postCallback(svc.url!, BOT.id, payer.signed);
    await waitFor(() => repliesFor(payer.code).length > 0);
    const reply = (repliesFor(payer.code)[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(reply).toContain('1. 员工健康证怎么办理？');
    expect(reply).toContain('回复序号');
  });

  it('a promotion asked about before it starts (or after it ended) is named with its date, not answered', async () => {
    // mkt-new-year-2027 is answered from 2026-12-28 to 2027-01-03 (Asia/Shanghai): what the asker
    // hears depends on today, so the expectation does too.
    const today = shanghaiDate(new Date());
    const promo = callback('元旦跨年活动能和会员券一起用吗');
    await postCallback(svc.url!, BOT.id, promo.signed);
    await waitFor(() => repliesFor(promo.code).length > 0);
    const reply = (repliesFor(promo.code)[0]!.body as { markdown: { content: string } }).markdown.content;
    if (today < '2026-12-28') expect(reply).toContain('「元旦跨年活动有哪些？」的说明 2026年12月28日 起生效');
    else if (today <= '2027-01-03') expect(reply).toContain('第二杯半价');
    else expect(reply).toContain('「元旦跨年活动有哪些？」已于 2027年1月3日 结束');
    expect(reply).not.toContain('回复序号');
  });

  it('answers exactly once when WeCom retries the same msgid, sequentially and concurrently', async () => {
    const { code, signed } = callback('会员积分怎么查', { msgid: `dup-${prefix}` });
    const statuses = await Promise.all([1, 2, 3].map(() => postCallback(svc.url!, BOT.id, signed).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect((await postCallback(svc.url!, BOT.id, signed)).status).toBe(200);
    await waitFor(() => repliesFor(code).length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesFor(code)).toHaveLength(1);
  });

  it('escalates an urgent message with an urgent acknowledgement and records the hand-off', async () => {
    const { code, signed } = callback('店里突然停电了，冰柜全停了');
    expect((await postCallback(svc.url!, BOT.id, signed)).status).toBe(200);
    await waitFor(() => repliesFor(code).length > 0);
    expect(JSON.stringify(repliesFor(code)[0]!.body)).toContain('紧急');
    const inbox = await redis.lrange(`${prefix}:handoff:inbox`, 0, -1);
    expect(inbox.some((r) => (JSON.parse(r) as { severity: string }).severity === 'urgent')).toBe(true);
  });

  it('answers 帮助 with the help text', async () => {
    const { code, signed } = callback('帮助');
    expect((await postCallback(svc.url!, BOT.id, signed)).status).toBe(200);
    await waitFor(() => repliesFor(code).length > 0);
    expect(JSON.stringify(repliesFor(code)[0]!.body)).toContain('茶小满总部助手');
  });

  it('answers 帮助 + a subject with that subject\'s questions, numbered; the number gets the answer', async () => {
    const list = callback('帮助 外卖', { userid: 'wangwu' });
    expect((await postCallback(svc.url!, BOT.id, list.signed)).status).toBe(200);
    await waitFor(() => repliesFor(list.code).length > 0);
    const listed = (repliesFor(list.code)[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(listed).toContain('「外卖」相关的常见问题');
    const second = /\n2\. ([^\n]+)/u.exec(listed)?.[1];
    expect(second).toBeTruthy();
    const pick = callback('2', { userid: 'wangwu' });
    expect((await postCallback(svc.url!, BOT.id, pick.signed)).status).toBe(200);
    await waitFor(() => repliesFor(pick.code).length > 0);
    const answered = (repliesFor(pick.code)[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(answered).not.toContain('常见问题');
    expect(answered).not.toContain('没太理解');
    // a subject the KB has nothing on says so and lists what it has
    const none = callback('帮助 股票', { userid: 'wangwu' });
    expect((await postCallback(svc.url!, BOT.id, none.signed)).status).toBe(200);
    await waitFor(() => repliesFor(none.code).length > 0);
    expect(JSON.stringify(repliesFor(none.code)[0]!.body)).toContain('没有找到和「股票」相关的常见问题');
  });

  it('answers /规则 and 群规 with the group rules, /状态 with what is loaded, and an unknown command with the list', async () => {
    const content = async (text: string): Promise<string> => {
      const c = callback(text, { userid: 'zhaoliu' });
      expect((await postCallback(svc.url!, BOT.id, c.signed)).status).toBe(200);
      await waitFor(() => repliesFor(c.code).length > 0);
      return (repliesFor(c.code)[0]!.body as { markdown: { content: string } }).markdown.content;
    };
    // never the points-rules FAQ that 规则 lines up with
    const rules = await content('/规则');
    expect(rules).toContain('华东区加盟商服务群群规');
    expect(rules).not.toContain('积分');
    expect(await content('群规发一下')).toContain('群规');
    const status = await content('/状态');
    expect(status).toContain(`知识库 ${svc.store.get().kb.size} 条`);
    expect(status).toMatch(/配置加载于 \d+月\d+日 \d{2}:\d{2}/u);
    const unknown = await content('/查库存');
    expect(unknown).toContain('没有「/查库存」这个指令');
    expect(unknown).toContain('/规则');
    // a question about rules in the KB is still a question
    expect(await content('积分规则是什么')).toContain('积分');
  });

  it('works through the `qunzhu chat` simulator path', async () => {
    const turn = await sendChatLine({ serviceUrl: svc.url!, bot: svc.store.get().config.bots[0]! as never, chatId: CHAT, groupName: '华东区加盟商服务群', userId: 'lisi' }, api, '怎么申请报销');
    expect(turn.status).toBe(200);
    expect(turn.replies.length).toBeGreaterThan(0);
    expect(JSON.stringify(turn.replies[0]!.body)).toContain('<@lisi>');
  });
});
