import path from 'node:path';
import { TextAnalyzer } from '../../src/kb/analyzer';
import { compactChars, FEATURE_COUNT, FEATURE_NAMES, pairFeatures, prepareQuery, secondLookScore, secondLookWeightsOf, type Indexes } from '../../src/kb/features';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { loadKbJsonl } from '../../src/kb/load';
import { MatchModel } from '../../src/kb/model';
import { SynonymTable } from '../../src/kb/synonyms';
import { TermIndex } from '../../src/kb/term-index';

describe('the second look past retrieval', () => {
  it('scores exactly what the ranker gives its character and length features', () => {
    // The second look must be the full ranker restricted to a few features, or it would choose
    // candidates by a different idea of "alike" than the one that ranks them.
    const analyzer = new TextAnalyzer(SynonymTable.withBuiltins());
    const questions = ['借呗为什么不能十二期了', '花呗怎么还款', '会员卡积分怎么查', '收银机开不了机怎么办'].map((t) => analyzer.analyze(t));
    const ix: Indexes = {
      words: new TermIndex(questions.map((a) => a.words)),
      grams: new TermIndex(questions.map((a) => a.grams)),
      chars: new TermIndex(questions.map((a) => a.chars)),
      pinyin: new TermIndex(questions.map((a) => a.pinyin)),
    };
    const ranker = MatchModel.default().weights.ranker;
    const w = secondLookWeightsOf(ranker);
    const picked = ['char_q', 'char_d', 'char_min', 'charn_q', 'charn_d', 'len_ratio'];
    for (const query of ['借呗为什么不能分期久一点', '会员积分在哪看', '收款机坏了']) {
      const q = prepareQuery(analyzer.analyze(query), ix);
      questions.forEach((a, doc) => {
        const d = { compact: compactChars(a.match), qtype: a.qtype, negated: a.negated, match: a.match };
        const full = new Float64Array(FEATURE_COUNT);
        pairFeatures(q, doc, d, ix, 0.5, full);
        const expected = picked.reduce((sum, name) => sum + (ranker[name] ?? 0) * full[FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number])]!, 0);
        expect(secondLookScore(q, doc, d, ix, w)).toBeCloseTo(expected, 10);
      });
    }
  });

  it('finds a paraphrase that word BM25 puts past the ranked depth in a large KB', () => {
    // In faq-afqmc's 8,354 questions, dozens of 蚂蚁借呗…还款 questions outscore the paraphrase on
    // words; before the second look the gold entry was not among the ten candidates at all. (Since
    // 蚂蚁借呗 folds to 借呗 on both sides, the characters it shared count for less: it ranks fourth.)
    const entries = loadKbJsonl(path.resolve(__dirname, '../../../shared/data/faq-afqmc/kb.jsonl'));
    const kb = KnowledgeBase.build(entries, { selfCalibrate: false, answerField: false });
    const gold = entries.find((e) => e.question === '买，蚂蚁借呗可以提前还款吗')!.id;
    const ids = kb.search('蚂蚁借呗用了一天可以提前还款吗', { limit: 10 }).map((c) => c.id);
    expect(ids.slice(0, 5)).toContain(gold);
  });
});
