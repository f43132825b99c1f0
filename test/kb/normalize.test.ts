import { normalizeText } from '../../src/kb/normalize';
import { charBigrams, tokenize } from '../../src/kb/tokenize';

describe('normalizeText', () => {
  it.each([
    ['全角字母数字 → 半角, lower-case', 'ＰＯＳ机１２３号', 'pos机123号'],
    ['punctuation removed', '收银机，连不上网？！', '收银机连不上网'],
    ['emoji removed', '小票机不出纸了😭😭👍', '小票机不出纸了'],
    ['repeated whitespace collapsed between latin words', 'POS   machine\t\toffline', 'pos machine offline'],
    ['spaces between Chinese characters dropped', '收银机  没网', '收银机没网'],
    ['leading @mention stripped', '@茶小满助手 收银机没网了', '收银机没网了'],
    ['several mentions with U+2005 spaces', '@茶小满助手\u2005@店长\u2005忘记打卡了', '忘记打卡了'],
    ['@ in the middle is kept as text', '请问邮箱a@b能收到吗', '请问邮箱a b能收到吗'],
    ['only punctuation → empty', '？？？', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('drops fillers and keeps the topic words', () => {
    const words = tokenize('请问一下，收银机连不上网了怎么办呢？');
    expect(words).toEqual(expect.arrayContaining(['收银机', '怎么办']));
    for (const filler of ['请问', '一下', '了', '呢']) expect(words).not.toContain(filler);
  });

  it('maps colloquial variants to one canonical word', () => {
    expect(tokenize('收银机没网了咋办')).toEqual(expect.arrayContaining(['收银机', '断网', '怎么办']));
    expect(tokenize('POS机掉线了')).toEqual(expect.arrayContaining(['收银机', '断网']));
    expect(tokenize('为啥积分没到账')).toContain('为什么');
  });

  it('returns nothing for text made only of fillers or symbols', () => {
    expect(tokenize('请问一下呢')).toEqual([]);
    expect(tokenize('👍！！')).toEqual([]);
  });

  it('character bigrams survive typos that break segmentation', () => {
    const typo = new Set(charBigrams(normalizeText('收营机连不上网')));
    const right = charBigrams(normalizeText('收银机连不上网'));
    expect(right.filter((g) => typo.has(g)).length).toBeGreaterThanOrEqual(1);
  });
});
