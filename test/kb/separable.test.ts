import { joinSeparableVerbs } from '../../src/kb/separable';
import { exampleKb } from './example-kb';

describe('separable verbs (离合词)', () => {
  it.each([
    ['想请两天假', '请假'],
    ['打不上卡', '打卡'],
    ['加了三天班', '加班'],
    ['补一下卡', '补卡'],
    ['我想调个班', '调班'],
  ])('%s is matched as %s, the filling kept', (text, word) => {
    const joined = joinSeparableVerbs(text);
    expect(joined).toContain(word);
    expect(joined.replace(word, '').replace(/\s/g, '')).toBe(text.replace(word[0]!, '').replace(word[1]!, ''));
  });

  it('leaves words that only look split alone', () => {
    for (const text of ['上海班车几点', '上个月排班表', '请假怎么走流程', '打印机卡纸了']) expect(joinSeparableVerbs(text).replace(/\s/g, '')).toBe(text);
  });

  it('a split leave request is answered with the leave entry (it scored 0.17 when cut as 请 / 两天 / 假)', () => {
    const [top] = exampleKb().search('想请两天假');
    expect(top?.id).toBe('leave-request');
    expect(top!.score).toBeGreaterThanOrEqual(0.5);
  });
});
