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
    ['这张券几天内有效', ['validity']],
    ['外卖差评多了总部会不会罚款', ['penalty']],
    ['制冰机出的冰块大小能调吗', ['size']],
    ['顾客喝出异物要赔偿 最多能赔多少钱', ['cost', 'compensation']],
    ['报损的钱要当班的人赔吗', ['payer']],
    ['制冰机的清洁剂在哪订', ['supply']],
    ['工服破了怎么申请新的', ['supply']],
    ['储值卡现在充值有没有赠送', ['bonus']],
    ['冷藏柜温度计显示7度 算超标不', ['standard']],
    ['现在储值是充多少送多少', ['bonus']],
    ['营业执照年检要交费吗', ['cost']],
    ['办这个证费用大概多少', ['cost']],
    ['等修的这几天茶怎么泡', []],
    ['收银机连不上网怎么办', []],
    // who pays, as two parties side by side
    ['这钱店里出还是公司出', ['payer']],
    ['损失算门店的还是总部的', ['payer']],
    ['是总部补贴还是门店自己担', ['payer']],
    ['交班差了五十 要当班的店员自己赔吗', ['payer']],
    // 自己出 is also "comes out by itself"; 还是 alone is no alternative of payers
    ['美团来单了小票不自己出，每次都得手动点打印', []],
    ['这个月还是按原来的付吗', []],
    // how many a pack or a machine gives, dimensions and models, a share, a cap, what to bring
    ['一桶糖浆大概能做多少杯', ['quantity']],
    ['新的纸杯尺寸是多少', ['size']],
    ['净水器滤芯要买啥型号', ['size']],
    ['美团的扣点是多少', ['rate']],
    ['补卡一个月最多能补几次', ['limit']],
    ['调休有次数限制吗', ['limit']],
    ['补卡最多能补几回', ['limit']],
    ['入职体检需要准备哪些材料', ['documents']],
    ['开发票要提交什么资料', ['documents']],
    // the words without the ask
    ['订单规格选错了', []],
    ['这个点还能订货吗', []],
    ['物料少了几张海报', []],
  ])('%s asks for %j', (text, kinds) => {
    expect(asks(text)).toEqual(kinds);
  });

  it('reads what an entry can answer from all it says, overrides included', () => {
    const entry = { id: 'x', question: '营业款怎么存？', similar: [], answer: '每天营业结束后存入指定账户。', overrides: [{ tags: { region: '华南' }, answer: '手续费由门店承担。' }] };
    expect([...suppliedKinds(entry)].sort()).toEqual(['cost', 'frequency', 'payer']);
    expect(unansweredAsks(normalizeText('存款要多久到账'), suppliedKinds(entry))).toEqual(['duration']);
  });

  it('takes only an outright statement of who pays as answering it (支付宝 is a way to pay)', () => {
    const till = { id: 't', question: '交班对不上账怎么办？', similar: [], answer: '核对现金、微信、支付宝分别对比。' };
    expect(suppliedKinds(till).has('payer')).toBe(false);
    expect(suppliedKinds({ ...till, answer: '差额由当班店员承担。' }).has('payer')).toBe(true);
  });

  describe('in the shipped KB', () => {
    const kb = exampleKb();
    it('offers, and does not answer, an entry that never states what was asked (same subject, another ask)', () => {
      const d = kb.decide('健康证的体检费公司给报吗', DEFAULT_OPTS);
      expect(d.candidates[0]?.id).toBe('health-certificate');
      expect(d.decision).toBe('clarify');
      expect(d.reason).toContain('谁出钱');
    });
    it('offers the till entry, not its answer, to "who pays for the shortfall"', () => {
      const d = kb.decide('交班现金差了五十多 要当班的店员自己赔吗', DEFAULT_OPTS);
      expect(d.candidates[0]?.id).toBe('pos-shift-handover');
      expect(d.decision).not.toBe('answer');
    });
    it('offers, and does not answer, an entry that never states a cap, a share or what to bring', () => {
      for (const [text, id, kind] of [
        ['跟同事换班一个月最多能换几次', 'shift-swap', '次数上限'],
        ['第一次办健康证 去的时候要带什么证件', 'health-certificate', '所需材料'],
      ] as const) {
        const d = kb.decide(text, DEFAULT_OPTS);
        expect(d.candidates[0]?.id).toBe(id);
        expect(d.decision).toBe('clarify');
        expect(d.reason).toContain(kind);
      }
    });
    it('answers what to hand in when the entry says it (留下…截图)', () => {
      const d = kb.decide('顾客非要退储值的钱 门店要交什么资料', DEFAULT_OPTS);
      expect(d.best?.id).toBe('member-balance-refund');
      expect(d.decision).toBe('answer');
    });
    it('still answers when the entry does state it', () => {
      const d = kb.decide('门店备用金多久盘点一次', DEFAULT_OPTS);
      expect(d.decision).toBe('answer');
      expect(d.best?.id).toBe('petty-cash');
    });
  });
});
