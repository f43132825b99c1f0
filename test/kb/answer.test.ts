import { DEFAULT_OPTS, exampleKbFiles } from './example-kb';
import { loadKbYamlFiles } from '../../src/kb/load';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { answerFor, isEntryActive, markdownSafe, renderAnswer, selectOverride, shanghaiDate } from '../../src/kb/answer';
import type { KbEntry } from '../../src/kb/types';

const entry = (extra: Partial<KbEntry> = {}): KbEntry => ({ id: 'promo', question: '元旦活动有哪些？', similar: [], answer: '默认答案', ...extra });

describe('shanghaiDate', () => {
  it.each([
    ['2026-12-31T15:59:59Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-12-31T16:30:00Z', '2027-01-01'],
    ['2027-01-01T00:00:00+08:00', '2027-01-01'],
    ['2028-02-28T16:00:00Z', '2028-02-29'],
  ])('%s is %s in Asia/Shanghai', (iso, day) => {
    expect(shanghaiDate(new Date(iso))).toBe(day);
  });
});

describe('isEntryActive', () => {
  const promo = entry({ effectiveFrom: '2027-01-01', effectiveUntil: '2027-01-03' });

  it('is always active without dates', () => {
    expect(isEntryActive(entry(), new Date('1999-01-01T00:00:00Z'))).toBe(true);
  });

  it('starts at 00:00 Shanghai time of effective_from, which is 16:00 UTC the day before', () => {
    expect(isEntryActive(promo, new Date('2026-12-31T15:59:59Z'))).toBe(false);
    expect(isEntryActive(promo, new Date('2026-12-31T16:00:00Z'))).toBe(true);
    expect(isEntryActive(promo, new Date('2026-12-31T16:30:00Z'))).toBe(true);
  });

  it('includes the whole of effective_until in Shanghai, even when UTC is still on the day before', () => {
    expect(isEntryActive(promo, new Date('2027-01-03T15:59:59Z'))).toBe(true); // 23:59:59 on the 3rd in Shanghai
    expect(isEntryActive(promo, new Date('2027-01-03T16:00:00Z'))).toBe(false); // 00:00 on the 4th
    // 2027-01-03T20:00 in New York is already the 4th in Shanghai.
    expect(isEntryActive(promo, new Date('2027-01-03T20:00:00-05:00'))).toBe(false);
  });

  it('handles open-ended windows', () => {
    expect(isEntryActive(entry({ effectiveFrom: '2027-01-01' }), new Date('2030-06-01T00:00:00Z'))).toBe(true);
    expect(isEntryActive(entry({ effectiveFrom: '2027-01-01' }), new Date('2026-12-31T12:00:00Z'))).toBe(false);
    expect(isEntryActive(entry({ effectiveUntil: '2026-12-31' }), new Date('2026-12-31T15:00:00Z'))).toBe(true);
    expect(isEntryActive(entry({ effectiveUntil: '2026-12-31' }), new Date('2026-12-31T16:30:00Z'))).toBe(false);
  });

  it('a one-day window is active for exactly that Shanghai day', () => {
    const oneDay = entry({ effectiveFrom: '2026-11-11', effectiveUntil: '2026-11-11' });
    expect(isEntryActive(oneDay, new Date('2026-11-10T15:59:59Z'))).toBe(false);
    expect(isEntryActive(oneDay, new Date('2026-11-10T16:00:00Z'))).toBe(true);
    expect(isEntryActive(oneDay, new Date('2026-11-11T15:59:59Z'))).toBe(true);
    expect(isEntryActive(oneDay, new Date('2026-11-11T16:00:00Z'))).toBe(false);
  });
});

describe('answerFor / selectOverride', () => {
  const withOverrides = entry({
    answer: '默认：见订货系统。',
    overrides: [
      { tags: { region: '华东' }, answer: '华东：对公转账。' },
      { tags: { region: '华东', storeType: '加盟' }, answer: '华东加盟：先充值后订货。' },
      { tags: { storeType: '直营' }, answer: '直营：总部统一结算。' },
      { tags: { city: '上海' }, answer: '上海：见上海仓通知。' },
    ],
  });

  it('gives the entry answer without overrides, without group tags, or when none matches', () => {
    expect(answerFor(entry(), { region: '华东' })).toBe('默认答案');
    expect(answerFor(withOverrides, undefined)).toBe('默认：见订货系统。');
    expect(answerFor(withOverrides, {})).toBe('默认：见订货系统。');
    expect(answerFor(withOverrides, { region: '华北', storeType: '加盟' })).toBe('默认：见订货系统。');
  });

  it('needs every tag of an override, with the same value', () => {
    expect(answerFor(withOverrides, { region: '华南', storeType: '直营' })).toBe('直营：总部统一结算。');
    expect(answerFor(withOverrides, { region: '华东 ' })).toBe('默认：见订货系统。');
  });

  it('prefers the most specific override, whatever the order', () => {
    expect(answerFor(withOverrides, { region: '华东', storeType: '加盟', brand: '茶小满' })).toBe('华东加盟：先充值后订货。');
    const reversed = { ...withOverrides, overrides: [...withOverrides.overrides!].reverse() };
    expect(answerFor(reversed, { region: '华东', storeType: '加盟' })).toBe('华东加盟：先充值后订货。');
  });

  it('among equally specific matches, the first listed wins', () => {
    // 上海徐汇3店: region 华东 and city 上海 both match with one tag each; region is listed first.
    expect(answerFor(withOverrides, { region: '华东', city: '上海', storeType: '直营' })).toBe('华东：对公转账。');
    expect(selectOverride(withOverrides, { city: '上海', storeType: '直营' })?.answer).toBe('直营：总部统一结算。');
  });
});

describe('renderAnswer', () => {
  const now = new Date('2026-12-31T16:30:00Z');
  const vars = { 'group.name': '华东区加盟商服务群', 'sender.name': '张三', 'bot.name': '茶小满总部助手', 'duty.contact': '李四（分机 8001）' };

  it('fills in the known variables; today is the Shanghai date', () => {
    const e = entry({ answer: '{sender.name}您好，{group.name}今天（{today}）由{duty.contact}值班，有问题 @{bot.name}。\n' });
    expect(renderAnswer(e, { vars, now })).toBe('张三您好，华东区加盟商服务群今天（2027-01-01）由李四（分机 8001）值班，有问题 @茶小满总部助手。');
  });

  it('falls back to plain Chinese words when a value is missing or blank', () => {
    const e = entry({ answer: '请联系{duty.contact}。{sender.name}在{group.name}问 {bot.name}' });
    expect(renderAnswer(e, { vars: {}, now })).toBe('请联系值班同事。您在本群问 群助');
    expect(renderAnswer(e, { vars: { 'duty.contact': '  ', 'sender.name': undefined }, now })).toBe('请联系值班同事。您在本群问 群助');
  });

  it('leaves unknown variables and anything else in braces as written', () => {
    const e = entry({ answer: '{group.nmae} {eta} {bot} { today } ｛today｝ {"a": 1} {{today}} {today}' });
    expect(renderAnswer(e, { vars: { ...vars, eta: '30 分钟', bot: 'x' }, now })).toBe('{group.nmae} {eta} {bot} { today } ｛today｝ {"a": 1} {2027-01-01} 2027-01-01');
  });

  it('renders the override for the group, then its variables', () => {
    const e = entry({ answer: '默认，找{duty.contact}', overrides: [{ tags: { region: '华南' }, answer: '华南请找{duty.contact}（{group.name}）' }] });
    expect(renderAnswer(e, { groupTags: { region: '华南' }, vars, now })).toBe('华南请找李四（分机 8001）（华东区加盟商服务群）');
    expect(renderAnswer(e, { groupTags: { region: '华东' }, vars: {}, now })).toBe('默认，找值班同事');
  });

  it('keeps the answer markdown, and cannot be turned into links or mentions by a value', () => {
    const e = entry({ answer: '见[手册](https://docs.example.com/a)，{sender.name}' });
    expect(renderAnswer(e, { vars: { 'sender.name': '[点我](http://evil.example)\n<@all> *x*' }, now })).toBe('见[手册](https://docs.example.com/a)，［点我］(http://evil.example) ＜@all＞ ＊x＊');
    expect(markdownSafe('  王 五 ')).toBe('王 五');
  });

  it('does not replace a variable inside a value (no second pass)', () => {
    const e = entry({ answer: '{sender.name}' });
    expect(renderAnswer(e, { vars: { 'sender.name': '{today}' }, now })).toBe('{today}');
  });
});

describe('validity windows in search', () => {
  const entries = [
    { id: 'promo-2026', question: '双十二活动怎么参加', similar: [], answer: '2026 规则', effectiveFrom: '2026-12-10', effectiveUntil: '2026-12-12' },
    { id: 'points', question: '会员积分怎么查', similar: [], answer: '小程序' },
  ];
  it('an entry outside its window does not compete', () => {
    const during = KnowledgeBase.build(entries, { now: () => new Date('2026-12-11T04:00:00Z'), selfCalibrate: false });
    const after = KnowledgeBase.build(entries, { now: () => new Date('2026-12-13T04:00:00Z'), selfCalibrate: false });
    expect(during.search('双十二活动怎么参加')[0]?.id).toBe('promo-2026');
    expect(after.search('双十二活动怎么参加').map((c) => c.id)).not.toContain('promo-2026');
  });

  it('a question only an out-of-window entry answers is told it starts or ended, not given the answer', () => {
    // The example KB's New Year promotion is answered from 2026-12-28 to 2027-01-03.
    const files = exampleKbFiles();
    const at = (iso: string) => KnowledgeBase.build(loadKbYamlFiles(files), { now: () => new Date(iso) });
    const q = '元旦跨年活动能和会员券一起用吗';
    const early = at('2026-12-04T04:00:00Z');
    const before = early.decide(q, DEFAULT_OPTS);
    expect(before).toMatchObject({ decision: 'none', outOfWindow: { id: 'mkt-new-year-2027', state: 'upcoming', effectiveFrom: '2026-12-28' } });
    expect(before.best).toBeUndefined();
    expect(before.candidates[0]?.id).toBe('mkt-new-year-2027');
    expect(before.reason).toMatch(/out of its window \(answered from 2026-12-28\)/);
    const during = at('2026-12-30T04:00:00Z').decide(q, DEFAULT_OPTS);
    expect(during).toMatchObject({ decision: 'answer', best: { id: 'mkt-new-year-2027' } });
    expect(during.outOfWindow).toBeUndefined();
    expect(at('2027-01-10T04:00:00Z').decide(q, DEFAULT_OPTS)).toMatchObject({ decision: 'none', outOfWindow: { state: 'ended', effectiveUntil: '2027-01-03' } });
    // a question a live entry answers is not touched, and neither is one nothing answers
    expect(early.decide('收银机连不上网了怎么办', DEFAULT_OPTS)).toMatchObject({ decision: 'answer', best: { id: 'pos-offline' } });
    expect(early.decide('明天天气怎么样', DEFAULT_OPTS).outOfWindow).toBeUndefined();
  });
});
