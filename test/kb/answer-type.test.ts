import { askKinds, suppliedKinds, unansweredAsks } from '../../src/kb/answer-type';
import { normalizeText } from '../../src/kb/normalize';
import { DEFAULT_OPTS, exampleKb } from './example-kb';

const asks = (s: string) => askKinds(normalizeText(s));

describe('expected answer types', () => {
  it.each([
    ['外卖袋多少钱一包', ['cost']],
    ['营业款存银行的手续费谁出', ['cost', 'payer']],
    ['健康证的体检费公司给报吗', ['payer']],
    ['请病假扣不扣全勤奖', ['payer']],
    ['备用金多久盘点一次', ['frequency']],
    ['退款多久到账', ['duration']],
    ['健康证有效期是一年还是两年', ['validity']],
    ['优惠券能用多久', ['validity']],
    ['等修的这几天茶怎么泡', []],
    ['收银机连不上网怎么办', []],
  ])('%s asks for %j', (text, kinds) => {
    expect(asks(text)).toEqual(kinds);
  });

  it('reads what an entry can answer from all it says, overrides included', () => {
    const entry = { id: 'x', question: '营业款怎么存？', similar: [], answer: '每天营业结束后存入指定账户。', overrides: [{ tags: { region: '华南' }, answer: '手续费由门店承担。' }] };
    expect([...suppliedKinds(entry)].sort()).toEqual(['cost', 'frequency', 'payer']);
    expect(unansweredAsks(normalizeText('存款要多久到账'), suppliedKinds(entry))).toEqual(['duration']);
  });

  describe('in the shipped KB', () => {
    const kb = exampleKb();
    it('offers, and does not answer, an entry that never states what was asked (same subject, another ask)', () => {
      const d = kb.decide('健康证的体检费公司给报吗', DEFAULT_OPTS);
      expect(d.candidates[0]?.id).toBe('health-certificate');
      expect(d.decision).toBe('clarify');
      expect(d.reason).toContain('谁出钱');
    });
    it('still answers when the entry does state it', () => {
      const d = kb.decide('门店备用金多久盘点一次', DEFAULT_OPTS);
      expect(d.decision).toBe('answer');
      expect(d.best?.id).toBe('petty-cash');
    });
  });
});
