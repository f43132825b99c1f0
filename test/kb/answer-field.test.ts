import { TextAnalyzer } from '../../src/kb/analyzer';
import { ANSWER_WEIGHT_GRID, answerMatchText } from '../../src/kb/answer-field';
import { compactChars, FEATURE_COUNT, FEATURE_NAMES, pairFeatures, prepareQuery, type Indexes } from '../../src/kb/features';
import { SynonymTable } from '../../src/kb/synonyms';
import { TermIndex } from '../../src/kb/term-index';
import { KnowledgeBase, steadyBest } from '../../src/kb/knowledge-base';
import type { KbEntry } from '../../src/kb/types';
import { DEFAULT_OPTS, exampleKb } from './example-kb';

const entry = (id: string, question: string, answer: string, similar: string[] = []): KbEntry => ({ id, question, similar, answer });

describe('answers as a second field to match on', () => {
  it('plain text of an answer: no markdown, links, template variables or line breaks', () => {
    expect(answerMatchText({ answer: '**先**看[报修指南](https://x.cn/a)\n![图](https://x.cn/b.png)\n找 {duty.contact}' })).toBe('先 看报修指南。图。找');
  });

  it('a question about what an answer says finds that entry', () => {
    const entries = [
      entry('points-rule', '会员积分怎么算？', '实付 1 元累计 1 积分，积分有效期到次年 12 月 31 日。'),
      entry('points-missing', '积分没到账怎么办？', '订单完成 1 小时后仍未到账，在小程序提交补录。'),
      entry('member-register', '顾客怎么注册会员？', '扫码进入小程序，手机号授权即可，免费。'),
    ];
    const withAnswers = KnowledgeBase.build(entries);
    const questionsOnly = KnowledgeBase.build(entries, { answerField: false });
    expect(withAnswers.answerWeight).toBeGreaterThan(0);
    expect(questionsOnly.answerWeight).toBe(0);
    expect(withAnswers.search('有效期到什么时候')[0]?.id).toBe('points-rule');
    expect(questionsOnly.search('有效期到什么时候')[0]?.id).not.toBe('points-rule');
  });

  it('an answer has no polarity: its 不/没 is not the opposite of the question asked', () => {
    // 「先检查进水阀门…不出冰时」 is how a fix reads, not a question asked in the negative; the
    // polarity check had pushed the ice-machine answer below a cleaning answer for 冰块出得很少.
    const analyzer = new TextAnalyzer(SynonymTable.withBuiltins());
    const answer = analyzer.analyze('先检查进水阀门是否打开，仍不出冰时拍照报修');
    expect(answer.negated).toBe(true);
    const ix: Indexes = {
      words: new TermIndex([answer.words]),
      grams: new TermIndex([answer.grams]),
      chars: new TermIndex([answer.chars]),
      pinyin: new TermIndex([answer.pinyin]),
    };
    const q = prepareQuery(analyzer.analyze('制冰机出冰很少'), ix);
    const negationDiffers = FEATURE_NAMES.indexOf('negation_differs');
    const features = (negated: boolean | undefined): number => {
      const out = new Float64Array(FEATURE_COUNT);
      pairFeatures(q, 0, { compact: compactChars(answer.match), qtype: '', negated, match: answer.match }, ix, 0.5, out);
      return out[negationDiffers]!;
    };
    expect(features(true)).toBe(1); // a question asked in the negative still counts
    expect(features(undefined)).toBe(0); // a statement does not
  });

  it('a KB without answers ranks by its questions alone', () => {
    const kb = KnowledgeBase.build([entry('a', '花呗怎么还款', ''), entry('b', '借呗额度怎么提升', '')]);
    expect(kb.answerWeight).toBe(0);
    expect(kb.search('花呗还款')[0]?.id).toBe('a');
  });

  it('the example KB tunes its weight on its own held-out similar questions, inside the grid', () => {
    const w = exampleKb().answerWeight;
    expect(w).toBeGreaterThanOrEqual(Math.min(...ANSWER_WEIGHT_GRID));
    expect(w).toBeLessThanOrEqual(Math.max(...ANSWER_WEIGHT_GRID));
  });

  it('the tuned weight moves a little when one probe turns, not a grid step', () => {
    const grid = [0, 0.5, 1, 1.5, 2];
    const before = steadyBest(grid, [140, 160, 167, 168, 163], 400);
    const after = steadyBest(grid, [140, 160, 168, 168, 163], 400); // one probe turned at 1
    expect(Math.abs(after - before)).toBeLessThan(0.05);
    expect(before).toBeGreaterThan(0.9);
    expect(before).toBeLessThan(1.6);
    // a clear winner is chosen as such
    expect(steadyBest(grid, [100, 120, 140, 200, 120], 400)).toBeCloseTo(1.5, 1);
  });

  it('an entry found only through its answer words is offered, never answered', () => {
    const kb = exampleKb();
    for (const q of ['告诉我', '等待', '坚持']) {
      const d = kb.decide(q, DEFAULT_OPTS);
      expect(d.decision).not.toBe('answer');
    }
  });

  it('confidences never rise down the ranking', () => {
    const scores = exampleKb().search('会员卡退款怎么处理').map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
