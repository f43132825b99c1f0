import { askContent } from '../../src/kb/near-miss';
import { exampleKb } from './example-kb';

describe('near misses: same subject, another ask', () => {
  it('what a question asks for beyond its subject, without the question words', () => {
    expect(askContent('健康证的钱能报吗')).toEqual(['报']);
    expect(askContent('员工健康证怎么办理')).toEqual(['办', '理']);
    expect(askContent('饿了么店铺变灰色了 顾客搜不到')).toEqual([]); // no ask marker: nothing beyond the subject
  });

  it('an entry that never speaks to part of the ask is flagged, however confident the match', () => {
    const kb = exampleKb();
    const [top] = kb.search('健康证的钱能报吗');
    expect(top?.id).toBe('health-certificate');
    expect(top!.score).toBeGreaterThanOrEqual(0.8); // above kb.nameQuestionBelow: confidence alone would not name it
    expect(kb.asksBeyond('健康证的钱能报吗', 'health-certificate')).toEqual(['报']);
    expect(kb.asksBeyond('健康证在哪办', 'health-certificate')).toEqual([]);
    expect(kb.asksBeyond('收银机连不上网了怎么办', 'pos-offline')).toEqual([]);
  });

  it('an answer names its question when unsure or when the entry misses part of the ask', () => {
    const kb = exampleKb();
    expect(kb.shouldNameQuestion('健康证的钱能报吗', { id: 'health-certificate', score: 0.84 }, 0.8)).toBe(true);
    expect(kb.shouldNameQuestion('健康证在哪办', { id: 'health-certificate', score: 0.7 }, 0.8)).toBe(true);
    expect(kb.shouldNameQuestion('健康证在哪办', { id: 'health-certificate', score: 0.9 }, 0.8)).toBe(false);
  });
});
