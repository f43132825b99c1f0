import { TextAnalyzer } from '../../src/kb/analyzer';
import { chineseNumeralValue, normalizeText, stripStorePrefix } from '../../src/kb/normalize';
import { SynonymTable } from '../../src/kb/synonyms';

const analyzer = new TextAnalyzer(SynonymTable.withBuiltins([['会员', '会员卡']]));
const tokenize = (s: string): string[] => analyzer.analyze(s).words;

describe('normalizeText', () => {
  it.each([
    ['全角字母数字 → 半角, lower-case', 'ＰＯＳ机１２３号', 'pos机123号'],
    ['punctuation becomes a word boundary (差评，说 is not 差 / 评说)', '收银机，连不上网？！', '收银机 连不上网'],
    ['emoji removed', '小票机不出纸了😭😭👍', '小票机不出纸了'],
    ['repeated whitespace collapsed between latin words', 'POS   machine\t\toffline', 'pos machine offline'],
    ['spaces between Chinese characters dropped', '收银机  没网', '收银机没网'],
    ['leading @mention stripped', '@茶小满助手 收银机没网了', '收银机没网了'],
    ['several mentions with U+2005 spaces', '@茶小满助手\u2005@店长\u2005忘记打卡了', '忘记打卡了'],
    ['@ in the middle is kept as text', '请问邮箱a@b能收到吗', '请问邮箱a b能收到吗'],
    ['only punctuation → empty', '？？？', ''],
    ['traditional → simplified', '會員卡積分怎麼查', '会员卡积分怎么查'],
    ['stretched characters collapse', '急急急急！收银机坏了啊啊啊', '急 收银机坏了啊'],
    ['Chinese numerals before a unit become digits', '订货截止是下午三点吗，十五天内能退吗', '订货截止是下午3点吗 15天内能退吗'],
    ['numerals that are words stay', '统一查一下，一直不行', '统一查一下 一直不行'],
    ['digits are never stretched', '订单202411230001234', '订单202411230001234'],
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

  it('drops 我想 / 我要, which say who wants, not what', () => {
    expect(tokenize('我想听周杰伦的歌')).not.toContain('我想');
    expect(tokenize('我要退款')).toContain('退款');
  });

  it('maps colloquial variants to one canonical word', () => {
    expect(tokenize('收银机没网了咋办')).toEqual(expect.arrayContaining(['收银机', '断网', '怎么办']));
    expect(tokenize('POS机掉线了')).toEqual(expect.arrayContaining(['收银机', '断网']));
    expect(tokenize('为啥积分没到账')).toContain('为什么');
  });

  it('drops a trailing particle, but not the last character of a word ending in one', () => {
    const a = new TextAnalyzer(SynonymTable.withBuiltins());
    expect(a.analyze('好了吧').match).toBe('好了');
    expect(a.analyze('这样对吗').match).toBe('这样对');
    expect(a.analyze('怎么开通花呗').words).toContain('花呗');
    expect(a.analyze('借呗呢').match).toBe('借呗');
    // 喝水吧 ends in a particle, so 水吧 stays a particle until a KB uses the word
    expect(a.analyze('送到水吧').match).toBe('送到水');
    a.learnWords(['水吧']);
    expect(a.analyze('送到水吧').match).toBe('送到水吧');
  });

  it('returns nothing for text made only of fillers or symbols', () => {
    expect(tokenize('请问一下呢')).toEqual([]);
    expect(tokenize('👍！！')).toEqual([]);
  });

  it('character bigrams survive typos that break segmentation', () => {
    const typo = new Set(analyzer.analyze('收营机连不上网').grams);
    const right = analyzer.analyze('收银机连不上网').grams;
    expect(right.filter((g) => typo.has(g)).length).toBeGreaterThanOrEqual(1);
  });

  it('pinyin bigrams make homophone typos match', () => {
    const typo = new Set(analyzer.analyze('收银鸡不出小票').pinyin);
    expect(analyzer.analyze('收银机').pinyin.every((p) => typo.has(p))).toBe(true);
  });

  it('admin synonyms apply to words and text', () => {
    expect(tokenize('会员卡积分怎么查')).toContain('会员');
    expect(analyzer.analyze('会员卡积分').match).toBe('会员积分');
  });

  it('a variant inside its own canonical word is left alone (冰机 → 制冰机, not 制制冰机)', () => {
    const table = SynonymTable.withBuiltins();
    expect(table.text('制冰机不出冰')).toBe('制冰机不出冰');
    expect(table.text('冰机罢工了')).toBe('制冰机不工作');
    expect(table.text('美团小哥还没影')).toBe('骑手还没到');
  });

  it('fixes misspellings that are never anything else, and leaves look-alikes alone', () => {
    expect(normalizeText('顾客的优惠劵用不了')).toBe('顾客的优惠券用不了');
    expect(normalizeText('客人以经付了')).toBe('客人已经付了');
    expect(normalizeText('对帐单在哪看')).toBe('对账单在哪看');
    expect(normalizeText('所以经常断网')).toBe('所以经常断网');
    expect(normalizeText('我们是自己经营的店')).toBe('我们是自己经营的店');
    expect(normalizeText('帐篷')).toBe('帐篷');
    expect(normalizeText('抖音团购的单子有积份吗')).toBe('抖音团购的单子有积分吗');
    expect(normalizeText('报消批下来多久到账')).toBe('报销批下来多久到账');
    expect(normalizeText('制冰鸡不出冰')).toBe('制冰机不出冰');
    expect(normalizeText('炸鸡好吃')).toBe('炸鸡好吃');
  });

  it('synonym rows written with Chinese numerals still match normalised text (一星 is 1星 there)', () => {
    const table = SynonymTable.withBuiltins();
    expect(table.text(normalizeText('顾客打了一星'))).toBe('顾客打了差评');
    expect(table.text(normalizeText('顾客给了一颗星'))).toBe('顾客给了差评');
    expect(table.text(normalizeText('饿了么有个顾客打了1星'))).toBe('饿了么有个顾客打了差评');
    // a row in traditional characters matches simplified text
    expect(new SynonymTable([['收银机', '收銀機']]).text('收银机')).toBe('收银机');
  });

  it('store prefixes and fillers are not part of what is matched', () => {
    expect(analyzer.analyze('我是徐汇3店的，麻烦问一下收银机没网了').match).toBe(analyzer.analyze('收银机没网了').match);
    expect(analyzer.analyze('【静安寺店】小票机不出纸').match).toBe(analyzer.analyze('小票机不出纸').match);
  });

  it('question type and negation flags', () => {
    expect(analyzer.analyze('为什么积分没到账').qtype).toBe('why');
    expect(analyzer.analyze('积分怎么兑换').qtype).toBe('how');
    expect(analyzer.analyze('能不能退款').qtype).toBe('can');
    expect(analyzer.analyze('会员积分没到账').negated).toBe(true);
    expect(analyzer.analyze('会员积分到账了').negated).toBe(false);
  });
});

describe('stripStorePrefix', () => {
  it.each([
    ['我是徐汇3店的，收银机坏了', '收银机坏了'],
    ['徐汇三店：小票机不出纸', '小票机不出纸'],
    ['南京西路店 小王：怎么订货', '怎么订货'],
    ['新店开业：需要准备什么', '新店开业:需要准备什么'], // NFKC folds the colon; nothing stripped
    ['新店的装修标准是什么', '新店的装修标准是什么'],
    ['我是徐汇3店的', '我是徐汇3店的'],
    // the kind of store is part of the question: franchised and company-run stores follow other rules
    ['我们是加盟店，营业款也要存到总部账户吗', '加盟营业款也要存到总部账户吗'],
    ['我是直营店的店长，发票抬头开什么', '直营发票抬头开什么'],
    // whom it is asked for goes off the end; a message that is nothing else stays whole
    ['积分多久过期 客人问的', '积分多久过期'],
    ['金卡会员有啥福利，顾客问的。', '金卡会员有啥福利'],
    ['顾客问的', '顾客问的'],
    ['客人问的那款还有吗', '客人问的那款还有吗'],
  ])('%s', (input, expected) => {
    expect(stripStorePrefix(input)).toBe(expected);
  });
});

describe('chineseNumeralValue', () => {
  it.each([
    ['三', 3],
    ['十五', 15],
    ['二十', 20],
    ['一百零八', 108],
    ['两千', 2000],
    ['三万五千', 35000],
  ])('%s = %d', (s, v) => {
    expect(chineseNumeralValue(s)).toBe(v);
  });
});

describe('descriptions that name a thing', () => {
  const analyzer = new TextAnalyzer(SynonymTable.withBuiltins());
  it('a stuck till is frozen, a paper jam is not', () => {
    expect(analyzer.analyze('收银机今天已经第三次卡住了').match).toContain('死机');
    expect(analyzer.analyze('小票机卡纸了').match).not.toContain('死机');
    expect(analyzer.analyze('客人说喝牛奶就拉肚子').match).toContain('乳糖不耐受');
    expect(analyzer.analyze('芋泥没了 外卖上咋让顾客点不了这款').match).toContain('售罄');
    expect(analyzer.analyze('上周的单顾客现在要退').match).toContain('顾客要退款'); // 退单 folds to 退款
    expect(analyzer.analyze('多订的货要退货').match).not.toContain('退款');
    expect(analyzer.analyze('收银课考了62分 还有机会吗').match).toContain('补考');
    expect(analyzer.analyze('收银屏幕冻住了 点哪都没反应').match).toContain('死机');
    expect(analyzer.analyze('芋泥用光了 怎么让外卖上那款先别卖').match).toContain('售罄');
    expect(analyzer.analyze('日结的时候微信那栏跟系统差了几十').match).toContain('差钱');
    expect(analyzer.analyze('对账差了3天').match).not.toContain('差钱');
    expect(analyzer.analyze('配方比例差了一点').match).not.toContain('差钱');
  });

  it('an ingredient named is also 原料, the word the KB uses for all of them', () => {
    expect(analyzer.analyze('有袋糖浆后天就到期了').words).toEqual(expect.arrayContaining(['糖浆', '原料']));
    expect(analyzer.analyze('过期原料怎么处理').words.filter((w) => w === '原料')).toHaveLength(1);
    expect(analyzer.analyze('有没有花生').words).not.toContain('原料');
  });
});

describe('dialect words fold to Mandarin', () => {
  it.each([
    ['今日芒果用晒啦，外卖嗰边点样唔畀人落单', '今日芒果用完啦 外卖那边怎么不给人下单'],
    ['珍珠煮好了几个钟还能用', '珍珠煮好了几个小时还能用'],
    ['冇電咗', '没有电了'],
    ['系唔系要重启', '是不是要重启'],
    ['呢个点解唔得', '这个为什么不行'],
    ['唔该晒', '谢谢'],
    ['咋个弄', '怎么弄'],
    ['点解会咁㗎', '为什么会这样'],
    ['间铺冇晒电啊，成条街都黑晒', '店里全没了电啊 整条街都黑了'],
    ['这个月补了三回卡', '这个月补了3次卡'],
    ['水喉爆咗啊，成地都係水', '水管爆了啊 满地都是水'],
    ['今晚打边炉食咩好', '今晚吃火锅吃什么好'],
    ['我又搞忘打卡了', '我又忘了打卡了'],
  ])('%s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    ['3点钟开门', '3点钟开门'],
    ['饮品有哪些', '饮品有哪些'],
    ['请问呢', '请问呢'],
    ['晒太阳', '晒太阳'],
    ['钟表坏了', '钟表坏了'],
    ['不是一回事', '不是一回事'],
    ['三回来了', '三回来了'],
    ['联系总部', '联系总部'],
    ['都系统升级了', '都系统升级了'],
  ])('leaves Mandarin alone: %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
