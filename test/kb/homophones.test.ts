import { DEFAULT_OPTS, exampleKb } from './example-kb';

describe('homophone typos of KB words', () => {
  const kb = exampleKb();
  const words = (text: string): string[] => kb.analyze(text).words;

  it.each([
    ['攒了两千多积份 能换杯喝的吗', '积分'],
    ['12月底才交的报消单会不会算到明年去', '报销'],
    ['会圆积分怎么查', '会员'],
    // one character of a longer word mistyped, the rest a word of its own
    ['员工健康正过期了怎么办', '健康证'],
    // zh/z, sh/s, -ng/-n typed as said, in words of three characters or more
    ['收营机连不上网', '收银机'],
  ])('%s is read with %s', (text, word) => {
    expect(words(text)).toContain(word);
  });

  it('finds the entry meant despite the typo', () => {
    expect(kb.decide('积份能换些啥东西', DEFAULT_OPTS).candidates[0]?.id).toBe('member-points-redeem');
  });

  it.each([
    // real words that sound like a KB word stay as written
    ['热门电影有哪些', '热门电影'],
    ['查一下广州到长沙的航班', '广州到长沙'],
    ['顾超是谁', '顾超是谁'],
    ['店里是间小店', '是间'],
    // two characters are not looked up loosely: 三去 is no 上去
    ['什么时候和张三去步行街', '张三去'],
  ])('leaves %s alone', (text, kept) => {
    expect(kb.analyze(text).match.replace(/ /g, '')).toContain(kept);
  });
});
