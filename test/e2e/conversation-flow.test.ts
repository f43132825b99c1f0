/**
 * Conversation context end to end, through the production path (signed, encrypted AI-bot callbacks
 * → ingest → pipeline → outbox → the local response_url): clarify choices per person, follow-ups,
 * "没用" → hand-off and counting, WeCom feedback events, all state in a real Redis.
 *
 * The KB bands are set from the KB's own scores at start-up, so that the ambiguous question lands
 * in the clarify band and the precise ones are answered whatever the matcher's current calibration.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import type { InboundEvent } from '../../src/channels/types';
import { FakeWecomApi } from '../../src/devtools/wecom-fake-api';
import { aibotFeedback, aibotText, postCallback, signedCallback } from '../../src/devtools/wecom-peer';
import { feedbackReport, recentFeedbackCases, unattributedFeedback } from '../../src/feedback/store';
import { handoffInboxKey } from '../../src/handoff/port';
import type { Decision } from '../../src/pipeline/types';
import { startService, type RunningService } from '../../src/service';
import { exampleKb } from '../kb/example-kb';
import { deletePrefix, tempExampleConfig, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('e2e-conv');
const BOT = { id: 'hq-assistant', name: '茶小满总部助手', token: 'qunzhuDemoToken', aesKey: 'qunzhuDemoAESKeyForLocalTrialOnly0000000000' };
const CHAT = 'wrkHuadongFranchise01';
const OTHER_CHAT = 'wrkShanghaiXuhui03';
const TAGS: Record<string, Record<string, string>> = {
  [CHAT]: { region: '华东', brand: '茶小满', storeType: '加盟' },
  [OTHER_CHAT]: { region: '华东', city: '上海', storeType: '直营' },
};

/** Ambiguous: several refund entries. */
const AMBIGUOUS = '退款';
/** Precise: answered directly. */
const PRECISE = '外卖退款怎么处理';
const PRECISE_ID = 'delivery-refund-request';
/** After PRECISE, "那会员卡呢" means this question… */
const FOLLOW_UP = '那会员卡呢？';
const FOLLOW_UP_MEANS = '会员卡退款怎么处理';
const FOLLOW_UP_ID = 'member-balance-refund';

let api: FakeWecomApi;
let svc: RunningService;
let redis: Redis;
let seq = 0;
const decisions = new Map<string, Decision>();
let bands: { answerThreshold: number; clarifyThreshold: number };
/** The options the service will offer for AMBIGUOUS, in order. */
let offered: string[];

function eventIdOf(msgid: string): string {
  return `wecom:${BOT.id}:${msgid}`;
}

async function waitFor<T>(get: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends one message as `user` in `chat`; resolves with the decision and the text posted back. */
async function say(user: string, text: string, chat = CHAT): Promise<{ decision: Decision; reply: string; msgid: string }> {
  const msgid = `m-${prefix}-${++seq}`;
  const code = `rc-${prefix}-${seq}`;
  const plaintext = aibotText({ msgid, chatid: chat, userid: user, text: `@${BOT.name} ${text}`, responseUrl: `${api.url}/cgi-bin/aibot/response?response_code=${code}` });
  const res = await postCallback(svc.url!, BOT.id, signedCallback({ token: BOT.token, aesKey: BOT.aesKey, plaintext, format: 'json' }));
  expect(res.status).toBe(200);
  const decision = await waitFor(() => decisions.get(eventIdOf(msgid)));
  const reply = decision.replies.length ? await waitFor(() => api.messages.find((m) => m.key === code)) : undefined;
  const body = reply?.body as { markdown?: { content?: string } } | undefined;
  return { decision, reply: body?.markdown?.content ?? '', msgid };
}

async function feedback(user: string, feedbackId: string, type: 1 | 2 | 3, chat = CHAT): Promise<Decision> {
  const msgid = `fb-${prefix}-${++seq}`;
  const plaintext = aibotFeedback({ msgid, chatid: chat, userid: user, feedbackId, type, content: type === 2 ? '答非所问' : '' });
  expect((await postCallback(svc.url!, BOT.id, signedCallback({ token: BOT.token, aesKey: BOT.aesKey, plaintext, format: 'json' }))).status).toBe(200);
  return waitFor(() => decisions.get(eventIdOf(msgid)));
}

function computeBands(): { answerThreshold: number; clarifyThreshold: number } {
  const kb = exampleKb();
  const top = (q: string) => kb.search(q, { groupTags: TAGS[CHAT] })[0];
  const ambiguous = top(AMBIGUOUS);
  const precise = top(PRECISE);
  const meant = top(FOLLOW_UP_MEANS);
  const alone = top(FOLLOW_UP);
  const why = `KB scores changed: ${AMBIGUOUS}=${ambiguous?.id}:${ambiguous?.score} ${PRECISE}=${precise?.id}:${precise?.score} ${FOLLOW_UP_MEANS}=${meant?.id}:${meant?.score} ${FOLLOW_UP}=${alone?.id}:${alone?.score}; pick other example questions`;
  if (!ambiguous || precise?.id !== PRECISE_ID || meant?.id !== FOLLOW_UP_ID || !alone) throw new Error(why);
  const high = Math.min(precise.score, meant.score);
  // The ambiguous question and the follow-up alone must fall below the answer band, the precise ones above it.
  if (Math.max(ambiguous.score, alone.score) >= high) throw new Error(why);
  const answerThreshold = (Math.max(ambiguous.score, alone.score) + high) / 2;
  const clarifyThreshold = Math.min(ambiguous.score, answerThreshold) / 2;
  const d = kb.decide(AMBIGUOUS, { answerThreshold, clarifyThreshold, groupTags: TAGS[CHAT] });
  if (d.decision !== 'clarify' || d.candidates.length < 2) throw new Error(`${AMBIGUOUS} does not clarify: ${why}`);
  offered = d.candidates.slice(0, 3).map((c) => c.id);
  return { answerThreshold, clarifyThreshold };
}

beforeAll(async () => {
  bands = computeBands();
  api = await FakeWecomApi.start();
  const location = tempExampleConfig(prefix, (cfg) => {
    cfg.kb = { ...(cfg.kb as object), ...bands };
  });
  svc = await startService({
    location,
    logger: pino({ level: 'silent' }),
    env: { WECOM_API_BASE: api.url },
    watchConfig: false,
    onDecision: (event: InboundEvent, decision: Decision) => decisions.set(event.id, decision),
  });
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  await svc.close();
  await api.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

async function handoffs(): Promise<Array<{ senderId: string; reason: string; severity: string; chatId: string }>> {
  return (await redis.lrange(handoffInboxKey(prefix), 0, -1)).map((r) => JSON.parse(r) as { senderId: string; reason: string; severity: string; chatId: string });
}

describe('clarify choices', () => {
  it('answers the 2nd option when the asker replies "2", and only the asker', async () => {
    const asked = await say('zhangsan', AMBIGUOUS);
    expect(asked.decision).toMatchObject({ label: 'faq' });
    expect(asked.decision.kbEntryId).toBeUndefined();
    expect(asked.decision.offered?.map((o) => o.id)).toEqual(offered);
    expect(asked.reply).toMatch(/1\. .+\n2\. /);

    // Someone else in the group says "2": not a choice of theirs.
    const other = await say('lisi', '2');
    expect(other.decision.reason).not.toMatch(/clarify choice/);
    expect(other.decision.via).toBeUndefined();
    // The same person in another group: not a choice either.
    const elsewhere = await say('zhangsan', '2', OTHER_CHAT);
    expect(elsewhere.decision.reason).not.toMatch(/clarify choice/);

    const chose = await say('zhangsan', '2');
    expect(chose.decision).toMatchObject({ label: 'faq', kbEntryId: offered[1], via: 'clarify' });
    expect(chose.decision.reason).toMatch(/^clarify choice 2 → /);
    const entry = svc.store.get().kb.getEntry(offered[1]!)!;
    expect(chose.reply).toContain('<@zhangsan>');
    expect(chose.reply).toContain(entry.question);
    expect(chose.reply).toContain(entry.answer.trim().slice(0, 20));

    // The clarify is consumed: "2" again is just "2".
    const again = await say('zhangsan', '2');
    expect(again.decision.reason).not.toMatch(/clarify choice/);
  });

  it('takes 第一个 as a choice too', async () => {
    await say('qianba', AMBIGUOUS);
    expect((await say('qianba', '第一个')).decision).toMatchObject({ kbEntryId: offered[0], via: 'clarify' });
  });

  it('lets anything else through as a new message, clearing the clarify', async () => {
    await say('zhouba', AMBIGUOUS);
    const fresh = await say('zhouba', '店里停电了');
    expect(fresh.decision.label).toBe('urgent');
    expect((await say('zhouba', '3')).decision.reason).not.toMatch(/clarify choice/);
  });

  it('reads the asker typing one option\'s question as choosing it', async () => {
    await say('zhoujiu', AMBIGUOUS);
    const entry = svc.store.get().kb.getEntry(offered[1]!)!;
    const typed = await say('zhoujiu', entry.question);
    expect(typed.decision).toMatchObject({ label: 'faq', kbEntryId: offered[1] });
  });
});

describe('follow-ups', () => {
  it('answers "那会员卡呢？" on the previous topic', async () => {
    expect((await say('wangwu', PRECISE)).decision).toMatchObject({ label: 'faq', kbEntryId: PRECISE_ID });
    const next = await say('wangwu', FOLLOW_UP);
    expect(next.decision).toMatchObject({ label: 'faq', kbEntryId: FOLLOW_UP_ID, via: 'followup', query: FOLLOW_UP_MEANS });
    expect(next.decision.reason).toMatch(/follow-up/);
    expect(next.reply).toContain(svc.store.get().kb.getEntry(FOLLOW_UP_ID)!.question);
  });

  it('does not resolve a follow-up against somebody else\'s question', async () => {
    expect((await say('wuyi', PRECISE)).decision.kbEntryId).toBe(PRECISE_ID);
    const other = await say('zhenger', FOLLOW_UP);
    expect(other.decision.via).toBeUndefined();
    expect(other.decision.kbEntryId).not.toBe(FOLLOW_UP_ID);
  });
});

describe('failed answers and hand-off', () => {
  it('hands off on "没用" after an answer and counts it against the entry', async () => {
    const before = (await feedbackReport(redis, prefix))[PRECISE_ID] ?? { answered: 0, helpful: 0, notHelpful: 0 };
    expect((await say('zhaoliu', PRECISE)).decision.kbEntryId).toBe(PRECISE_ID);
    const complaint = await say('zhaoliu', '没用，顾客还是退不了');
    expect(complaint.decision).toMatchObject({ label: 'handoff' });
    expect(complaint.decision.reason).toMatch(new RegExp(`^answer for ${PRECISE_ID} did not help: `));
    expect(complaint.reply).toContain('转给值班同事');
    expect(complaint.reply).toContain('30 分钟');

    const inbox = await handoffs();
    expect(inbox.find((h) => h.senderId === 'zhaoliu')).toMatchObject({ severity: 'normal', chatId: CHAT, reason: expect.stringContaining(`answer for ${PRECISE_ID} did not help`) });

    const after = (await feedbackReport(redis, prefix))[PRECISE_ID]!;
    expect(after.answered).toBe(before.answered + 1);
    expect(after.notHelpful).toBe(before.notHelpful + 1);
    const [latest] = await recentFeedbackCases(redis, prefix, PRECISE_ID, 1);
    expect(latest).toMatchObject({ source: 'chat', chatId: CHAT, groupName: '华东区加盟商服务群', query: PRECISE, text: '没用，顾客还是退不了' });
    expect(latest!.sender).not.toBe('zhaoliu');

    // Saying it again does not open a second hand-off.
    const repeat = await say('zhaoliu', '还是不行');
    expect(repeat.decision).toMatchObject({ label: 'handoff' });
    expect(repeat.decision.reason).toMatch(/already handed off/);
    expect((await handoffs()).filter((h) => h.senderId === 'zhaoliu')).toHaveLength(1);
  });

  it('hands off a bare "转人工" with no answer before it', async () => {
    const asked = await say('sunqi', '转人工');
    expect(asked.decision).toMatchObject({ label: 'handoff', reason: expect.stringMatching(/^asked for a person/) });
    expect(asked.reply).toContain('转给值班同事');
    expect((await handoffs()).some((h) => h.senderId === 'sunqi')).toBe(true);
  });
});

describe('WeCom feedback events', () => {
  it('marks the answering entry inaccurate (and accurate), once per person', async () => {
    const before = (await feedbackReport(redis, prefix))[PRECISE_ID] ?? { answered: 0, helpful: 0, notHelpful: 0 };
    const answered = await say('chenjiu', PRECISE);
    expect(answered.decision.kbEntryId).toBe(PRECISE_ID);
    const ref = `${eventIdOf(answered.msgid)}#0`; // the first reply's id

    const bad = await feedback('chenjiu', ref, 2);
    expect(bad).toMatchObject({ label: 'feedback', reason: expect.stringContaining(`inaccurate on ${PRECISE_ID}`) });
    let now = (await feedbackReport(redis, prefix))[PRECISE_ID]!;
    expect(now).toEqual({ answered: before.answered + 1, helpful: before.helpful, notHelpful: before.notHelpful + 1 });
    const [latest] = await recentFeedbackCases(redis, prefix, PRECISE_ID, 1);
    expect(latest).toMatchObject({ source: 'wecom', text: '答非所问', query: PRECISE });

    // Another member finds it accurate; the asker changes their mind.
    await feedback('linshi', answered.msgid, 1);
    await feedback('chenjiu', ref, 1);
    now = (await feedbackReport(redis, prefix))[PRECISE_ID]!;
    expect(now).toEqual({ answered: before.answered + 1, helpful: before.helpful + 2, notHelpful: before.notHelpful });
  });

  it('keeps feedback it cannot place as unattributed', async () => {
    const d = await feedback('chenjiu', 'no-such-answer', 2);
    expect(d.reason).toMatch(/unattributed/);
    expect((await unattributedFeedback(redis, prefix))[0]).toMatchObject({ feedbackId: 'no-such-answer', type: 2, chatId: CHAT });
  });
});
