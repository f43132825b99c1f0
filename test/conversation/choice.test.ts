import { parseChoice, parseOrdinal, type ChoiceOption } from '../../src/pipeline/choice';

const OPTIONS: ChoiceOption[] = [
  { id: 'delivery-refund-request', question: '外卖顾客申请退款要同意吗？' },
  { id: 'member-balance-refund', question: '会员卡储值余额能退吗？' },
  { id: 'pos-refund', question: '顾客要退款在收银机上怎么操作？' },
];

describe('parseOrdinal', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['３', 3],
    ['2.', 2],
    ['2、', 2],
    [' 2 ', 2],
    ['2号', 2],
    ['第2个', 2],
    ['第二个', 2],
    ['第二', 2],
    ['第三条', 3],
    ['二', 2],
    ['三', 3],
    ['一', 1],
    ['选2', 2],
    ['我选2', 2],
    ['就第二个吧', 2],
    ['是第一个', 1],
    ['第一个问题', 1],
    ['2吧', 2],
    ['②', 2],
    ['1️⃣', 1],
    ['最后一个', -1],
  ])('%s → %s', (text, n) => {
    expect(parseOrdinal(text)).toBe(n);
  });

  it.each(['', '2号店收银机坏了', '我是3店的', '两个', '第二杯半价', '200', '好的', '收银机', '0'])('%s is no ordinal', (text) => {
    expect(parseOrdinal(text)).toBeUndefined();
  });
});

describe('parseChoice', () => {
  it('reads numbers in range, in every spelling', () => {
    for (const t of ['2', '２', '第二个', '2号', '二', '选2']) expect(parseChoice(t, OPTIONS)).toMatchObject({ index: 1, how: 'number' });
    expect(parseChoice('最后一个', OPTIONS)).toMatchObject({ index: 2, how: 'number' });
  });

  it('ignores numbers out of range and numbers inside a sentence', () => {
    expect(parseChoice('4', OPTIONS)).toBeUndefined();
    expect(parseChoice('第五个', OPTIONS)).toBeUndefined();
    expect(parseChoice('2号店的收银机退不了款', OPTIONS)).toBeUndefined();
    expect(parseChoice('3', OPTIONS.slice(0, 2))).toBeUndefined();
  });

  it('takes a piece of one question when it fits that one clearly better', () => {
    expect(parseChoice('会员卡的', OPTIONS)).toMatchObject({ index: 1, how: 'text' });
    expect(parseChoice('储值余额', OPTIONS)).toMatchObject({ index: 1, how: 'text' });
    expect(parseChoice('外卖的', OPTIONS)).toMatchObject({ index: 0, how: 'text' });
    expect(parseChoice('收银机上怎么操作', OPTIONS)).toMatchObject({ index: 2, how: 'text' });
    expect(parseChoice('我问的是外卖顾客申请退款', OPTIONS)).toMatchObject({ index: 0, how: 'text' });
  });

  it('does not guess when the text fits several options or none', () => {
    expect(parseChoice('退款', OPTIONS)).toBeUndefined(); // all three are about refunds
    expect(parseChoice('顾客', OPTIONS)).toBeUndefined(); // 1 and 3
    expect(parseChoice('小票机不出纸', OPTIONS)).toBeUndefined();
    expect(parseChoice('好的', OPTIONS)).toBeUndefined();
    expect(parseChoice('店里的收银机连不上网了，重启路由器也没用，会员卡也刷不了', OPTIONS)).toBeUndefined();
  });

  it('offers nothing without options', () => {
    expect(parseChoice('1', [])).toBeUndefined();
  });
});
