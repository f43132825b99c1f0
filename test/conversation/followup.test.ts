import { followUpQueries, parseFollowUp, pickFollowUp, type ScoredQuery } from '../../src/pipeline/followup';
import { DEFAULT_OPTS, exampleKb } from '../kb/example-kb';

describe('parseFollowUp', () => {
  it.each([
    ['那会员卡呢？', '会员卡'],
    ['那会员卡呢', '会员卡'],
    ['那退款呢', '退款'],
    ['外卖的呢', '外卖'],
    ['那么外卖呢', '外卖'],
    ['那如果是加盟店呢', '加盟店'],
    ['那如果是直营店的话呢', '直营店'],
    ['还有会员卡呢', '会员卡'],
    ['那外卖也一样吗', '外卖'],
    ['小票机呢？', '小票机'],
    ['那饿了么呢', '饿了么'],
  ])('%s → subject %s', (text, core) => {
    expect(parseFollowUp(text)).toEqual({ kind: 'topic', core });
  });

  it.each(['还有呢', '还有吗', '还有别的吗', '还有其他办法吗', '然后呢', '还有呢？'])('%s asks for more', (text) => {
    expect(parseFollowUp(text)).toEqual({ kind: 'more', core: '' });
  });

  it.each([
    '收银机连不上网怎么办', // a question of its own
    '收银机连不上网怎么办呢', // too much for a subject
    '那我怎么补卡', // asks its own question
    '那个呢', // "that one?" names nothing
    '那个收银机连不上网', // 那个 = that
    '那怎么办',
    '人呢', // too short to be a subject
    '在吗',
    '外卖吗', // neither 那… nor …呢
    '会员卡',
    '谢谢',
    '那家店的收银机和小票机和扫码枪都坏了呢',
  ])('%s is not a follow-up', (text) => {
    expect(parseFollowUp(text)).toBeUndefined();
  });
});

describe('followUpQueries', () => {
  it('replaces each subject of the previous question in turn, head first', () => {
    const v = followUpQueries('会员卡', '外卖退款怎么处理');
    expect(v[0]).toBe('会员卡退款怎么处理');
    expect(v).toContain('外卖会员卡怎么处理');
    expect(v).toContain('会员卡外卖退款怎么处理');
    expect(v.length).toBeLessThanOrEqual(8);
  });

  it('never returns the previous question itself, nor duplicates', () => {
    const v = followUpQueries('外卖', '外卖退款怎么处理');
    expect(v).not.toContain('外卖退款怎么处理');
    expect(new Set(v).size).toBe(v.length);
  });

  it('leaves question words alone', () => {
    for (const q of followUpQueries('小票机', '收银机连不上网怎么办')) expect(q).toMatch(/怎么办$/);
  });
});

describe('pickFollowUp', () => {
  const table: Record<string, ScoredQuery> = {
    会员卡退款怎么处理: { decision: 'answer', entryId: 'member-balance-refund', score: 0.7 },
    外卖会员卡怎么处理: { decision: 'clarify', entryId: 'member-register', score: 0.3 },
    会员卡外卖退款怎么处理: { decision: 'answer', entryId: 'delivery-refund-request', score: 0.75 },
  };
  const score = (q: string): ScoredQuery => table[q] ?? { decision: 'none', score: 0 };
  const variants = Object.keys(table);

  it('takes the most confident answer that is not the entry already given', () => {
    expect(pickFollowUp(variants, score, { previousEntryId: 'delivery-refund-request' })).toEqual({ query: '会员卡退款怎么处理', entryId: 'member-balance-refund', score: 0.7 });
  });

  it('lets the message stand alone when alone it is answered at least as confidently', () => {
    expect(pickFollowUp(variants, score, { previousEntryId: 'delivery-refund-request', alone: { decision: 'answer', entryId: 'member-register', score: 0.8 } })).toBeUndefined();
    expect(pickFollowUp(variants, score, { previousEntryId: 'delivery-refund-request', alone: { decision: 'answer', entryId: 'member-register', score: 0.5 } })?.entryId).toBe('member-balance-refund');
    expect(pickFollowUp(variants, score, { previousEntryId: 'delivery-refund-request', alone: { decision: 'clarify', entryId: 'member-register', score: 0.9 } })?.entryId).toBe('member-balance-refund');
  });

  it('gives up when no variant is answered confidently', () => {
    expect(pickFollowUp(['外卖会员卡怎么处理', '别的'], score, { previousEntryId: 'x' })).toBeUndefined();
  });
});

describe('follow-ups on the example KB', () => {
  const kb = exampleKb();
  const resolve = (previous: string, message: string): string | undefined => {
    const fu = parseFollowUp(message);
    if (fu?.kind !== 'topic') return undefined;
    const prev = kb.decide(previous, DEFAULT_OPTS);
    expect(prev.decision).toBe('answer');
    const scoreOf = (q: string): ScoredQuery => {
      const d = kb.decide(q, DEFAULT_OPTS);
      return { decision: d.decision, entryId: d.candidates[0]?.id, score: d.candidates[0]?.score ?? 0 };
    };
    return pickFollowUp(followUpQueries(fu.core, previous), scoreOf, { previousEntryId: prev.best!.id, alone: scoreOf(message) })?.entryId;
  };

  it('"那会员卡呢" after a question about 外卖退款 is about the member card refund', () => {
    expect(resolve('外卖退款怎么处理', '那会员卡呢？')).toBe('member-balance-refund');
  });

  it('"那退款呢" after 外卖差评 is about 外卖退款', () => {
    expect(resolve('外卖差评怎么处理', '那退款呢')).toBe('delivery-refund-request');
  });
});
