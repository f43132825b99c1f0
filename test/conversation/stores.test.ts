/** The Redis side of conversation context and feedback, against a real Redis. */
import { Redis } from 'ioredis';
import { conversationKey, RedisConversationStore, RETRY_GRACE_MS } from '../../src/conversation/store';
import { feedbackReport, RedisFeedbackStore, recentFeedbackCases, unattributedFeedback, FEEDBACK_CASES_MAX, type AnswerRecord } from '../../src/feedback/store';
import type { ConversationState } from '../../src/pipeline/conversation';
import { deletePrefix, uniquePrefix } from '../support/temp-config';

const prefix = uniquePrefix('conv-store');
let redis: Redis;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('RedisConversationStore', () => {
  const alice = { botId: 'bot', chatId: 'chatA', userId: 'alice' };
  const state = (until: number): ConversationState => ({ last: { entryId: 'pos-offline', query: '收银机连不上网', eventId: 'e1', until } });

  it('keeps one document per bot + chat + person, never shared', async () => {
    const store = new RedisConversationStore(redis, prefix);
    await store.save(alice, 'e1', state(Date.now() + 60_000), {});
    expect(await store.load(alice, 'e2')).toEqual(state(expect.any(Number) as unknown as number));
    expect(await store.load({ ...alice, userId: 'bob' }, 'e2')).toEqual({});
    expect(await store.load({ ...alice, chatId: 'chatB' }, 'e2')).toEqual({});
    expect(await store.load({ ...alice, botId: 'other' }, 'e2')).toEqual({});
  });

  it('encodes ids so that different people never share a key', () => {
    expect(conversationKey('p', { botId: 'b', chatId: 'c:d', userId: 'e' })).not.toBe(conversationKey('p', { botId: 'b', chatId: 'c', userId: 'd:e' }));
  });

  it('gives a retried event the state its first attempt saw', async () => {
    const store = new RedisConversationStore(redis, prefix);
    const carol = { ...alice, userId: 'carol' };
    const before = state(Date.now() + 60_000);
    await store.save(carol, 'e1', before, {});
    await store.save(carol, 'e2', {}, before); // e2 consumed the state
    expect(await store.load(carol, 'e2')).toEqual(before); // e2 retried
    expect(await store.load(carol, 'e3')).toEqual({});
  });

  it('expires with the longest-lived part, but not before a retry could read it', async () => {
    const store = new RedisConversationStore(redis, prefix);
    const dave = { ...alice, userId: 'dave' };
    await store.save(dave, 'e1', state(Date.now() + 600_000), {});
    const ttl = await redis.pttl(conversationKey(prefix, dave));
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    await store.save(dave, 'e2', {}, {});
    expect(await redis.pttl(conversationKey(prefix, dave))).toBeGreaterThan(RETRY_GRACE_MS - 5_000);
  });
});

describe('RedisFeedbackStore', () => {
  const answer = (eventId: string, entryId = 'pos-offline'): AnswerRecord => ({ eventId, botId: 'bot', chatId: 'chatA', userId: 'alice', entryId, query: '收银机连不上网', via: 'kb', at: Date.now() });
  const base = { source: 'chat' as const, eventId: 'x', botId: 'bot', chatId: 'chatA', sender: 'al***ce', text: '没用', at: Date.now() };

  it('counts answers once per message, and one verdict per person per answer', async () => {
    const p = `${prefix}:a`;
    const fb = new RedisFeedbackStore(redis, p);
    await fb.recordAnswer(answer('m1'), 3600);
    await fb.recordAnswer(answer('m1'), 3600); // a retried job
    await fb.recordAnswer(answer('m2'), 3600);
    expect(await feedbackReport(redis, p)).toEqual({ 'pos-offline': { answered: 2, helpful: 0, notHelpful: 0 } });

    expect(await fb.rate(['m1'], 'alice', 'notHelpful', base)).toMatchObject({ found: true, entryId: 'pos-offline', changed: true });
    expect(await fb.rate(['m1'], 'alice', 'notHelpful', base)).toMatchObject({ found: true, changed: false });
    expect(await fb.rate(['m1'], 'bob', 'helpful', base)).toMatchObject({ changed: true });
    expect(await feedbackReport(redis, p)).toEqual({ 'pos-offline': { answered: 2, helpful: 1, notHelpful: 1 } });

    // Changing one's mind moves the count; cancelling takes it back.
    expect(await fb.rate(['m1'], 'alice', 'helpful', base)).toMatchObject({ previous: 'notHelpful', changed: true });
    expect(await feedbackReport(redis, p)).toEqual({ 'pos-offline': { answered: 2, helpful: 2, notHelpful: 0 } });
    expect(await fb.rate(['m1'], 'bob', 'cancel', base)).toMatchObject({ previous: 'helpful', changed: true });
    expect(await fb.rate(['m1'], 'bob', 'cancel', base)).toMatchObject({ changed: false });
    expect(await feedbackReport(redis, p)).toEqual({ 'pos-offline': { answered: 2, helpful: 1, notHelpful: 0 } });
  });

  it('keeps a capped list of negative cases per entry', async () => {
    const p = `${prefix}:b`;
    const fb = new RedisFeedbackStore(redis, p);
    await fb.recordAnswer(answer('m1', 'member-register'), 3600);
    await fb.rate(['m1'], 'alice', 'notHelpful', { ...base, groupName: '华东区加盟商服务群', text: '没用，还是注册不了' });
    const [c] = await recentFeedbackCases(redis, p, 'member-register');
    expect(c).toMatchObject({ source: 'chat', answerEventId: 'm1', chatId: 'chatA', groupName: '华东区加盟商服务群', sender: 'al***ce', query: '收银机连不上网', text: '没用，还是注册不了' });
    for (let i = 0; i < FEEDBACK_CASES_MAX + 5; i++) {
      await fb.recordAnswer(answer(`n${i}`, 'member-register'), 3600);
      await fb.rate([`n${i}`], 'alice', 'notHelpful', base);
    }
    expect(await redis.llen(`${p}:fb:cases:member-register`)).toBe(FEEDBACK_CASES_MAX);
  });

  it('finds the answer among several candidate references, else reports it unknown', async () => {
    const p = `${prefix}:c`;
    const fb = new RedisFeedbackStore(redis, p);
    await fb.recordAnswer(answer('wecom:bot:MSG1'), 3600);
    expect(await fb.rate(['MSG1#0', 'MSG1', 'wecom:bot:MSG1'], 'alice', 'notHelpful', base)).toMatchObject({ found: true, ref: 'wecom:bot:MSG1' });
    expect(await fb.rate(['nope'], 'alice', 'notHelpful', base)).toEqual({ found: false });
    await fb.recordUnattributed({ source: 'wecom', eventId: 'ev', feedbackId: 'nope', type: 2, botId: 'bot', chatId: 'chatA', sender: 'al***ce', at: 1 });
    expect(await unattributedFeedback(redis, p)).toEqual([expect.objectContaining({ feedbackId: 'nope', type: 2 })]);
  });

  it('lets answer records expire after the feedback TTL', async () => {
    const p = `${prefix}:d`;
    const fb = new RedisFeedbackStore(redis, p);
    await fb.recordAnswer(answer('m1'), 7 * 86400);
    const ttl = await redis.ttl(`${p}:fb:answer:m1`);
    expect(ttl).toBeGreaterThan(7 * 86400 - 10);
  });
});
