import { activeState, decideTurn, nextState, type ConversationState, type LastAnswer, type PendingClarify } from '../../src/pipeline/conversation';
import type { Classification } from '../../src/pipeline/classify';
import { DEFAULT_FAILURE_PHRASES, DEFAULT_HANDOFF_PHRASES } from '../../src/pipeline/phrases';
import type { Decision } from '../../src/pipeline/types';

const NOW = 1_700_000_000_000;
const clarify: PendingClarify = {
  options: [
    { id: 'delivery-refund-request', question: '外卖顾客申请退款要同意吗？' },
    { id: 'member-balance-refund', question: '会员卡储值余额能退吗？' },
    { id: 'pos-refund', question: '顾客要退款在收银机上怎么操作？' },
  ],
  query: '退款',
  eventId: 'e1',
  until: NOW + 60_000,
};
const last: LastAnswer = { entryId: 'pos-offline', query: '收银机连不上网', eventId: 'e0', until: NOW + 60_000 };
const unclear: Classification = { label: 'unclear', score: 0.5, reason: 'too short' };

function turn(text: string, state: ConversationState, classification: Classification = unclear) {
  return decideTurn({ text, classification, state, failurePhrases: DEFAULT_FAILURE_PHRASES, handoffPhrases: DEFAULT_HANDOFF_PHRASES });
}

describe('decideTurn', () => {
  it('reads a choice only while a clarify is pending', () => {
    expect(turn('2', { clarify })).toMatchObject({ kind: 'choice', option: { id: 'member-balance-refund' } });
    expect(turn('2', {})).toEqual({ kind: 'none' });
    expect(turn('2', { last })).toEqual({ kind: 'none' });
  });

  it('keeps urgent messages urgent whatever the context', () => {
    const urgent: Classification = { label: 'urgent', score: 1, reason: 'urgent critical: 火情' };
    expect(turn('收银机冒烟了', { clarify }, urgent)).toEqual({ kind: 'none' });
    expect(turn('那冒烟了呢', { last }, urgent)).toEqual({ kind: 'none' });
  });

  it('does not take a text choice over a KB answer to a new question', () => {
    const faq: Classification = {
      label: 'faq',
      score: 0.8,
      reason: 'kb answer',
      kb: { decision: 'answer', candidates: [{ id: 'pos-frozen', question: '收银机卡死了点不动怎么办？', score: 0.8 }], best: { id: 'pos-frozen', question: '收银机卡死了点不动怎么办？', similar: [], answer: '…' } },
    };
    expect(turn('收银机上卡死了', { clarify }, faq)).toEqual({ kind: 'none' });
  });

  it('hands off on 转人工, counting it against the last answer if there is one', () => {
    expect(turn('转人工', {})).toMatchObject({ kind: 'handoff', cause: 'request', repeat: false });
    // closing the message as a clause of its own, with what came before as the detail
    expect(turn('小票机还是不出纸，换了纸也不行，转人工吧', {})).toMatchObject({ kind: 'handoff', cause: 'request', detail: '小票机还是不出纸，换了纸也不行' });
    expect(turn('人工', { last })).toMatchObject({ kind: 'handoff', cause: 'failure', last });
  });

  it('hands off on 没用 after an answer, and on 都不是 after a clarify', () => {
    expect(turn('没用', { last })).toMatchObject({ kind: 'handoff', cause: 'failure', last });
    expect(turn('都不是', { clarify })).toMatchObject({ kind: 'handoff', cause: 'none-fit', clarify });
    // the clarify question says so: 「都不是的话回复「人工」」
    expect(turn('人工', { clarify })).toMatchObject({ kind: 'handoff', cause: 'request', clarify });
    expect(turn('没用', {})).toEqual({ kind: 'none' });
  });

  it('does not open a second hand-off moments after the first', () => {
    const handoff = { at: NOW, until: NOW + 60_000 };
    expect(turn('转人工', { handoff })).toMatchObject({ kind: 'handoff', repeat: true });
    expect(turn('还是不行', { handoff })).toMatchObject({ kind: 'handoff', repeat: true });
  });

  it('counts 解决了 as helpful and resolves follow-ups against the last answer', () => {
    expect(turn('解决了，谢谢', { last })).toMatchObject({ kind: 'helpful', last });
    expect(turn('那小票机呢', { last })).toMatchObject({ kind: 'followup', followUp: { kind: 'topic', core: '小票机' }, last });
    expect(turn('那小票机呢', {})).toEqual({ kind: 'none' });
  });
});

describe('activeState / nextState', () => {
  const ttl = { contextMs: 300_000, clarifyMs: 300_000 };
  const o = { eventId: 'e9', text: '收银机连不上网', now: NOW, ttl };
  const d = (x: Partial<Decision>): Decision => ({ label: 'faq', score: 1, reason: 'r', replies: [], ...x });

  it('drops expired parts', () => {
    expect(activeState({ clarify, last }, NOW + 61_000)).toEqual({});
    expect(activeState({ clarify, last }, NOW)).toEqual({ clarify, last });
  });

  it('remembers an answer and clears a pending clarify', () => {
    expect(nextState({ clarify }, d({ kbEntryId: 'pos-offline' }), o)).toEqual({ last: { entryId: 'pos-offline', query: '收银机连不上网', eventId: 'e9', until: NOW + 300_000 } });
    expect(nextState({}, d({ kbEntryId: 'member-balance-refund', query: '会员卡储值余额能退吗？' }), o).last?.query).toBe('会员卡储值余额能退吗？');
  });

  it('remembers offered options', () => {
    const offered = clarify.options;
    expect(nextState({ last }, d({ offered }), o)).toEqual({ clarify: { options: offered, query: '收银机连不上网', eventId: 'e9', until: NOW + 300_000 } });
  });

  it('keeps the last answer over small talk, drops it otherwise', () => {
    expect(nextState({ last, clarify }, d({ label: 'chitchat' }), o)).toEqual({ last });
    expect(nextState({ last }, d({ label: 'unclear' }), o)).toEqual({});
  });

  it('marks a hand-off', () => {
    expect(nextState({ last }, d({ label: 'handoff' }), o)).toEqual({ handoff: { at: NOW, until: NOW + 300_000, entryId: 'pos-offline' } });
  });

  it('remembers nothing when the TTLs are 0', () => {
    const off = { ...o, ttl: { contextMs: 0, clarifyMs: 0 } };
    expect(nextState({}, d({ kbEntryId: 'pos-offline' }), off)).toEqual({});
    expect(nextState({}, d({ offered: clarify.options }), off)).toEqual({});
    expect(nextState({}, d({ label: 'handoff' }), off)).toEqual({});
  });
});
