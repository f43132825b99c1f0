import { askContent, firstTimeAgainstRenewal, negatedStates, otherDocuments, otherMachines, otherStoreType, unmentionedDelivery, unmentionedIncident, unmentionedMistake, unmentionedProcedures } from '../../src/kb/near-miss';
import { DEFAULT_OPTS, exampleKb } from './example-kb';

describe('near misses: same subject, another ask', () => {
  it('what a question asks for beyond its subject, without the question words', () => {
    expect(askContent('健康证的钱能报吗')).toEqual(['报']);
    expect(askContent('员工健康证怎么办理')).toEqual(['办', '理']);
    expect(askContent('饿了么店铺变灰色了 顾客搜不到')).toEqual([]); // no ask marker: nothing beyond the subject
    // the 号 of 几号, the 个 of 哪个, the 时候 of 什么时候 are how it is asked, not what
    expect(askContent('对账单每个月几号出来')).toEqual(['出', '来']);
    expect(askContent('效期标签应该贴在容器哪个位置')).toEqual(['位', '置']);
    expect(askContent('积分能转给朋友用吗')).toEqual(['转', '给', '朋', '友', '用']);
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

  it('a fairly sure match whose ask says several things the entry never does is offered, not answered', () => {
    const kb = exampleKb();
    // 自己印店名 and 拿来买抹布洗洁精 appear nowhere in the packaging or petty-cash entries
    for (const [query, entry] of [
      ['外卖袋能用我们自己印了店名的吗', 'delivery-packaging'],
      ['备用金能拿来买抹布洗洁精这种日用品吗', 'petty-cash'],
    ] as const) {
      const d = kb.decide(query, DEFAULT_OPTS);
      expect(d.candidates[0]?.id).toBe(entry);
      expect(d.candidates[0]!.score).toBeGreaterThanOrEqual(DEFAULT_OPTS.answerThreshold);
      expect(d.decision).toBe('clarify');
      expect(d.reason).toMatch(/never says/);
    }
    // a paraphrase whose ask the entry does speak to is still answered
    expect(kb.decide('积分可以换什么', DEFAULT_OPTS).decision).toBe('answer');
    expect(kb.decide('外卖袋用完了去哪订', DEFAULT_OPTS).decision).toBe('answer');
  });

  it('a procedure asked for by name that the entry never mentions is offered, not answered', () => {
    expect(unmentionedProcedures('食品经营许可证可以过户给新老板', '许可证到期|延续|提前30天')).toEqual(['过户']);
    expect(unmentionedProcedures('会员手机修改', '会员换了手机怎么修改')).toEqual([]);
    const kb = exampleKb();
    // written for this test: each subject is matched with confidence, the procedure is nowhere in the entry
    for (const [query, entry] of [
      ['营业执照名字要变更咋办', 'license-display'],
      ['积分能不能转给同事', 'member-points-redeem'],
    ] as const) {
      const d = kb.decide(query, DEFAULT_OPTS);
      expect(d.candidates[0]?.id).toBe(entry);
      expect(d.candidates[0]!.score).toBeGreaterThanOrEqual(DEFAULT_OPTS.answerThreshold);
      expect(d.decision).toBe('clarify');
      expect(d.reason).toMatch(/never mentions/);
    }
    // the entry's own procedure, in other words (换了 → 修改), is still answered
    const phone = kb.decide('会员手机号换了 怎么改', DEFAULT_OPTS);
    expect(phone.best?.id).toBe('member-phone-change');
    expect(phone.decision).toBe('answer');
  });

  it('a state the message rules out that the entry only speaks of as so is offered, not answered', () => {
    expect(negatedStates('未开封的奶油能放多久', '原料开封后能放多久|鲜奶开封后冷藏24小时')).toEqual(['未开封']);
    expect(negatedStates('未开封的奶油能放多久', '未开封的按包装保质期')).toEqual([]);
    // 有没有…的 asks; it rules nothing out
    expect(negatedStates('有没有应急的袋冰可以订', '应急|袋装冰')).toEqual([]);
    const kb = exampleKb();
    const d = kb.decide('还没开封的奶油放冷藏能放几天', DEFAULT_OPTS);
    expect(d.candidates[0]?.id).toBe('fs-shelf-life');
    expect(d.decision).toBe('clarify');
    expect(d.reason).toMatch(/never says 「还?没开封」, only the opposite/);
    expect(kb.decide('奶油开了能放多久', DEFAULT_OPTS)).toMatchObject({ decision: 'answer', best: { id: 'fs-shelf-life' } });
  });

  it('a machine the entry never mentions, when its questions are about another, is offered, not answered', () => {
    expect(otherMachines('封口机多久清洗1次', '制冰机多久清洗1次|制冰机怎么清洁', '制冰机每周深度清洁')).toEqual(['封口机']);
    expect(otherMachines('消毒柜坏了怎么报修', '设备坏了怎么报修', '在企业微信提交报修单')).toEqual([]); // the entry covers every machine
    expect(otherMachines('清洗制冰机的步骤', '制冰机多久清洗1次', '')).toEqual([]);
    const kb = exampleKb();
    const d = kb.decide('封口机每天下班前怎么清洗', DEFAULT_OPTS);
    expect(d.decision).not.toBe('answer');
  });

  it('a paper the entry never mentions, when its questions are about another, is offered, not answered', () => {
    expect(otherDocuments('加盟合同到期怎么续', '食品经营许可证快到期了怎么续|证照续期找谁', '向市场监管部门申请延续')).toEqual(['合同']);
    expect(otherDocuments('食品经营许可证怎么延期', '食品经营许可证快到期了怎么续', '')).toEqual([]);
    expect(otherDocuments('健康证过期了怎么办', '员工健康证怎么办理', '')).toEqual([]);
    expect(otherDocuments('合同到期怎么办', '忘记打卡了怎么补卡', '')).toEqual([]); // the entry names no paper
    const kb = exampleKb();
    expect(kb.decide('商铺租约快到期了 续租找谁', DEFAULT_OPTS).decision).not.toBe('answer');
  });

  it('a mistake already made is offered, not answered, by an entry that never speaks of one', () => {
    expect(unmentionedMistake('营业款存错账户了怎么办', '营业款怎么存银行|存款回单拍照上传')).toBe('存错');
    expect(unmentionedMistake('点错了1杯怎么退', '顾客要退款怎么操作|做错单了怎么退')).toBeUndefined();
    expect(unmentionedMistake('营业款怎么存', '营业款怎么存银行')).toBeUndefined();
    expect(unmentionedMistake('营业款不小心存到别的账户去了', '营业款怎么存银行|存款回单拍照上传')).toMatch(/存到别的账户|不小心/);
    expect(unmentionedMistake('货款转给别人了', '订货款怎么付')).toBe('转给别人');
    expect(unmentionedMistake('营业款存到公司账户要多久', '营业款怎么存银行')).toBeUndefined();
  });

  it('an incident is offered, not answered, by an entry on the routine that never speaks of one', () => {
    expect(unmentionedIncident('备用金被偷了怎么办', '门店备用金怎么申请|备用金不够用')).toBe('被偷');
    expect(unmentionedIncident('顾客手机丢了在店里', '顾客落下的东西|遗失物品登记')).toBeUndefined();
    expect(unmentionedIncident('备用金怎么申请', '门店备用金怎么申请')).toBeUndefined();
  });

  it('a question from the other kind of store is offered, not answered, by an entry that speaks only of one', () => {
    expect(otherStoreType('我们是加盟的 营业现金也要存到公司账户吗', '营业款怎么存银行|直营店现金营业款每天存入公司指定账户')).toBe('加盟');
    expect(otherStoreType('直营店发票抬头开什么', '报销发票抬头开什么|直营店见开票信息|加盟店请开加盟商自己的公司抬头')).toBeUndefined();
    expect(otherStoreType('营业款怎么存', '直营店现金营业款每天存入')).toBeUndefined();
  });

  it('a delivery order is offered, not answered, by an entry that never speaks of delivery', () => {
    expect(unmentionedDelivery('美团来单了但是小票机没吐单子出来', '小票机不出纸怎么处理|热敏面朝外')).toBe('美团');
    expect(unmentionedDelivery('美团订单不打印', '外卖订单不自动打单怎么办|美团订单不打印')).toBeUndefined();
    expect(unmentionedDelivery('小票机不出纸', '小票机不出纸怎么处理')).toBeUndefined();
  });

  it('a first application is offered, not answered, by an entry about renewing', () => {
    expect(firstTimeAgainstRenewal('新开的店第1次办食品经营许可证要什么材料', '食品经营许可证快到期了怎么续|经营许可证怎么延期', '到期前30个工作日申请延续')).toBe('第1次办');
    expect(firstTimeAgainstRenewal('食品经营许可证怎么续', '食品经营许可证快到期了怎么续', '')).toBeUndefined();
    expect(firstTimeAgainstRenewal('健康证第1次办去哪', '员工健康证怎么办理', '')).toBeUndefined(); // not a renewal entry
    expect(firstTimeAgainstRenewal('新店办许可证', '许可证快到期了怎么续', '新店开业前由总部办理')).toBeUndefined(); // the entry speaks of it
    const kb = exampleKb();
    expect(kb.decide('新店头一回办食品经营许可证 去哪里办', DEFAULT_OPTS).decision).not.toBe('answer');
    expect(kb.decide('食品经营许可证下个月到期 怎么续', DEFAULT_OPTS)).toMatchObject({ decision: 'answer', best: { id: 'license-renewal' } });
  });

  it('never holds back an entry from its own questions: every check is about asks the entry does not speak to', () => {
    const kb = exampleKb();
    const held: string[] = [];
    for (const e of kb.allEntries) {
      for (const q of [e.question, ...e.similar]) {
        const d = kb.decide(q, DEFAULT_OPTS);
        if (d.candidates[0]?.id === e.id && /offered, not answered/.test(d.reason ?? '')) held.push(`${e.id}: ${q}`);
      }
    }
    expect(held).toEqual([]);
  });
});
