import path from 'node:path';
import { PassThrough } from 'node:stream';
import { kbLintCommand } from '../../src/cli/kb';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { checkLinks, lintKb, type LintFinding } from '../../src/kb/lint';
import type { KbEntry } from '../../src/kb/types';
import { EXAMPLE_KB_DIR, FIXTURES } from './example-kb';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

interface JsonReport {
  ok: boolean;
  counts: { error: number; warning: number; info: number };
  notes: string[];
  findings: LintFinding[];
}

async function lintJson(args: string[], now?: Date): Promise<{ code: number; report: JsonReport; text: string }> {
  const { out, text } = capture();
  const code = await kbLintCommand([...args, '--json'], out, now);
  return { code, report: JSON.parse(text()) as JsonReport, text: text() };
}

const LINT_DIR = path.join(FIXTURES, 'lint');
const PROBLEMS = path.join('test/fixtures/kb/lint/kb/problems.yaml');

describe('qunzhu kb lint on a KB with every kind of problem', () => {
  let code: number;
  let report: JsonReport;
  const find = (code: string, entryId: string) => report.findings.filter((f) => f.code === code && f.entryId === entryId);
  const one = (code: string, entryId: string): LintFinding => {
    const list = find(code, entryId);
    expect(list).toHaveLength(1);
    return list[0]!;
  };

  beforeAll(async () => {
    ({ code, report } = await lintJson(['--config', LINT_DIR]));
  });

  it('exits 1 because there are errors', () => {
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.counts.error).toBeGreaterThan(0);
  });

  it('sorts findings by severity, then file and line', () => {
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const keys = report.findings.map((f) => [rank[f.severity], f.file ?? '', f.line ?? 0] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  });

  it('exact duplicate question across entries: error with both places', () => {
    const f = one('duplicate-question', 'pos-offline-copy');
    expect(f).toMatchObject({ severity: 'error', file: PROBLEMS, line: 9, related: { entryId: 'pos-offline', file: PROBLEMS, line: 4 } });
    expect(f.message).toContain('收银机连不上网怎么办');
    // An exact duplicate is not reported a second time as a near duplicate.
    expect(report.findings.filter((x) => x.code === 'near-duplicate' && [x.entryId, x.related?.entryId].includes('pos-offline-copy'))).toEqual([]);
  });

  it('near-duplicate questions: warning with the pair and the ranker scores', () => {
    const pair = report.findings.filter((f) => f.code === 'near-duplicate');
    expect(pair).toHaveLength(1);
    const f = pair[0]!;
    expect(f.severity).toBe('warning');
    expect([f.entryId, f.related?.entryId].sort()).toEqual(['fridge-broken', 'fridge-warm']);
    const data = f.data as { ownRankScore: number; otherRankScore: number; gap: number; margin: number; question: string; otherQuestion: string };
    expect(data.gap).toBeLessThanOrEqual(data.margin);
    expect(data.ownRankScore - data.otherRankScore).toBeCloseTo(data.gap, 3);
    expect([data.question, data.otherQuestion].sort()).toEqual(['冰箱不制冷了怎么处理？', '冰箱不制冷怎么办？']);
    expect(f.line).toBe(f.entryId === 'fridge-warm' ? 14 : 19);
  });

  it('similar questions: none is a warning, one is info', () => {
    expect(one('no-similar', 'wifi-password')).toMatchObject({ severity: 'warning', line: 24 });
    expect(one('few-similar', 'health-certificate')).toMatchObject({ severity: 'info', line: 29 });
  });

  it('an answer longer than one WeCom markdown message: warning with its size', () => {
    const f = one('answer-too-long', 'opening-checklist');
    expect(f.severity).toBe('warning');
    expect(f.file).toMatch(/long\.yaml$/);
    expect((f.data as { bytes: number }).bytes).toBeGreaterThan(4096);
  });

  it('expired (warning) and not yet active (info) entries, at their date lines', () => {
    expect(one('expired', 'promo-mid-autumn')).toMatchObject({ severity: 'warning', line: 37 });
    expect(one('not-yet-active', 'promo-anniversary')).toMatchObject({ severity: 'info', line: 43 });
  });

  it('overrides: no configured group (warning), contradicting the entry tags and shadowed (errors), ambiguous (info)', () => {
    const overrides = find('override-no-group', 'order-deadline');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({ severity: 'warning', line: 51 });
    expect(overrides[0]!.message).toContain('region:西北');
    expect(one('override-never-applies', 'order-deadline')).toMatchObject({ severity: 'error', line: 53 });
    expect(one('override-shadowed', 'order-deadline')).toMatchObject({ severity: 'error', line: 57 });
    const ambiguous = one('override-ambiguous', 'order-payment');
    expect(ambiguous).toMatchObject({ severity: 'info', line: 67 });
    expect(ambiguous.message).toContain('华东区加盟商服务群');
  });

  it('entry tags no configured group has: warning', () => {
    expect(one('tags-no-group', 'northwest-warehouse')).toMatchObject({ severity: 'warning', line: 70 });
  });

  it('unknown template variables: errors on their line, with a suggestion', () => {
    const unknown = find('unknown-variable', 'bad-variables');
    expect(unknown.map((f) => [f.severity, f.line, (f.data as { variable: string }).variable])).toEqual([
      ['error', 81, 'group.nmae'],
      ['error', 81, 'bot'],
    ]);
    expect(unknown[0]!.message).toContain('did you mean {group.name}?');
    expect(unknown[1]!.message).toContain('did you mean {bot.name}?');
    expect(one('variable-syntax', 'bad-variables')).toMatchObject({ severity: 'warning', line: 82 });
  });

  it('malformed links and non-http(s) URLs: errors on their line; plain http is info', () => {
    const links = report.findings.filter((f) => f.entryId === 'bad-links').map((f) => [f.code, f.severity, f.line]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['malformed-link', 'error', 88],
        ['bad-url', 'error', 89],
        ['malformed-link', 'error', 89],
        ['insecure-url', 'info', 90],
      ]),
    );
    expect(links).toHaveLength(4); // the image on line 91 is fine
  });

  it('has nothing to say about the entries without problems', () => {
    expect(report.findings.filter((f) => f.entryId === 'pos-offline' && f.code !== 'duplicate-question')).toEqual([]);
  });

  it('prints a readable report grouped errors → warnings → info, ending with the counts', async () => {
    const { out, text } = capture();
    expect(await kbLintCommand(['--config', LINT_DIR], out)).toBe(1);
    const t = text();
    expect(t).toMatch(/^KB: 14 entries \(/);
    expect(t).toContain('groups: 2 from test/fixtures/kb/lint/qunzhu.yaml');
    const [e = -1, w = -1, i = -1] = ['错误 errors (', '警告 warnings (', '提示 info ('].map((h) => t.indexOf(h));
    expect(e).toBeGreaterThan(0);
    expect(w).toBeGreaterThan(e);
    expect(i).toBeGreaterThan(w);
    expect(t).toContain(`✘ ${PROBLEMS}:9  pos-offline-copy  重复问题 duplicate-question`);
    expect(t).toContain(`↔ pos-offline (${PROBLEMS}:4)`);
    expect(t).toMatch(/结果 result: \d+ errors, \d+ warnings, \d+ info → exit 1\n$/);
  });
});

describe('qunzhu kb lint exit codes and inputs', () => {
  it('a clean KB: exit 0, "no problems found"', async () => {
    const { out, text } = capture();
    expect(await kbLintCommand(['--config', path.join(FIXTURES, 'lint-clean')], out)).toBe(0);
    expect(text()).toContain('✔ 没有发现问题 / no problems found');
  });

  it('only warnings and info: exit 0; without a config, groups are unknown', async () => {
    const { code, report } = await lintJson(['--kb', path.join(FIXTURES, 'lint-warnings.yaml')]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ error: 0, warning: 1, info: 1 });
  });

  it('--kb FILE with --config DIR takes groups from the config', async () => {
    const { report } = await lintJson(['--kb', path.join(LINT_DIR, 'kb/problems.yaml'), '--config', LINT_DIR]);
    expect(report.findings.some((f) => f.code === 'override-no-group')).toBe(true);
    const { report: alone } = await lintJson(['--kb', path.join(LINT_DIR, 'kb/problems.yaml')]);
    expect(alone.findings.some((f) => f.code === 'override-no-group' || f.code === 'tags-no-group')).toBe(false);
    expect(alone.notes.join(' ')).toMatch(/groups unknown/);
    // Checks that need no groups still run.
    expect(alone.findings.some((f) => f.code === 'override-shadowed')).toBe(true);
  });

  it('checks effective dates against the day in Asia/Shanghai', async () => {
    // promo-anniversary starts 2099-01-01: at 2098-12-31T16:30Z it is already that day in Shanghai.
    const before = await lintJson(['--kb', path.join(LINT_DIR, 'kb/problems.yaml')], new Date('2098-12-31T15:30:00Z'));
    const after = await lintJson(['--kb', path.join(LINT_DIR, 'kb/problems.yaml')], new Date('2098-12-31T16:30:00Z'));
    expect(before.report.findings.some((f) => f.code === 'not-yet-active' && f.entryId === 'promo-anniversary')).toBe(true);
    expect(after.report.findings.some((f) => f.code === 'not-yet-active' && f.entryId === 'promo-anniversary')).toBe(false);
  });

  it('lints a JSONL KB, pointing at record lines', async () => {
    const { code, report } = await lintJson(['--kb', path.join(FIXTURES, 'mini.jsonl')]);
    expect(code).toBe(0);
    expect(report.findings.find((f) => f.entryId === 'pos-offline')).toMatchObject({ code: 'few-similar', line: 1 });
  });

  it('a KB that does not load: exit 1 with the loader message (file:line)', async () => {
    const { out, text } = capture();
    expect(await kbLintCommand(['--kb', path.join(FIXTURES, 'bad-window.yaml')], out)).toBe(1);
    expect(text()).toMatch(/✘ .*bad-window\.yaml:7: entries\[0\]\.effective_until/);
  });

  it('bad usage: exit 2', async () => {
    for (const args of [['--margin', 'x'], ['--margin', '-1'], ['stray'], ['--kb', path.join(FIXTURES, 'missing.yaml')]]) {
      const { out, text } = capture();
      expect(await kbLintCommand(args, out)).toBe(2);
      expect(text()).toMatch(/--margin|usage: qunzhu kb lint|not found/);
    }
  });

  it('runs on the shipped example KB without errors', async () => {
    const { code, report } = await lintJson(['--config', path.dirname(EXAMPLE_KB_DIR)]);
    expect(report.counts.error).toBe(0);
    expect(code).toBe(0);
    // Every entry has at least 2 similar questions.
    expect(report.findings.filter((f) => f.code === 'no-similar' || f.code === 'few-similar')).toEqual([]);
  });
});

describe('lintKb', () => {
  const now = new Date('2026-12-05T04:00:00Z');
  const lint = (entries: KbEntry[], groups?: Array<{ name: string; tags: Record<string, string> }>) => lintKb({ entries, kb: KnowledgeBase.build(entries, { ignoreValidity: true, answerField: false }), groups, now }).findings;
  const e = (id: string, question: string, similar: string[], extra: Partial<KbEntry> = {}): KbEntry => ({ id, question, similar, answer: '见手册。', ...extra });

  it('finds duplicates as the matcher sees them (particles, fillers), not only identical text', () => {
    const f = lint([e('claim', '怎么报销', ['报销流程是什么', '垫付的钱怎么报']), e('claim-2', '请问怎么报销呢', ['发票怎么贴', '报销单在哪'])]);
    expect(f.find((x) => x.code === 'duplicate-question')).toMatchObject({ severity: 'error', entryId: 'claim-2', related: { entryId: 'claim' } });
  });

  it('the same question for groups that never overlap is a warning (regional variants), not an error', () => {
    const f = lint([
      e('deadline-east', '订货几点截止？', ['几点前要下订单', '今天还能订货吗'], { tags: { region: '华东' } }),
      e('deadline-south', '订货几点截止', ['华南仓几点截单', '华南订货时间'], { tags: { region: '华南' } }),
    ]);
    expect(f.filter((x) => x.code === 'duplicate-question').map((x) => x.severity)).toEqual(['warning']);
    expect(f.some((x) => x.code === 'near-duplicate')).toBe(false);
  });

  it('the same question in promotions that never run at the same time is fine; with an expired one, the live ones still clash', () => {
    const promo = (id: string, from: string, until: string) => e(id, '双十一活动怎么参加？', ['双十一有什么优惠', '双十一物料在哪'], { effectiveFrom: from, effectiveUntil: until });
    const years = lint([promo('promo-2026', '2026-11-01', '2026-11-11'), promo('promo-2027', '2027-11-01', '2027-11-11')]);
    expect(years.filter((x) => x.severity === 'error')).toEqual([]);
    const clash = lint([promo('promo-2025', '2025-11-01', '2025-11-11'), promo('promo-a', '2027-11-01', '2027-11-11'), promo('promo-b', '2027-11-05', '2027-11-30')]);
    const dup = clash.filter((x) => x.code === 'duplicate-question');
    expect(new Set(dup.map((x) => `${x.entryId}↔${x.related?.entryId}`))).toEqual(new Set(['promo-b↔promo-a']));
    expect(dup.every((x) => x.severity === 'error')).toBe(true);
  });

  it('entries whose effective windows never overlap do not compete', () => {
    const f = lint([
      e('fridge-a', '冰箱不制冷怎么办？', ['冰箱不冷了', '冷藏柜温度降不下来'], { effectiveUntil: '2027-01-31' }),
      e('fridge-b', '冰箱不制冷了怎么处理？', ['冰柜坏了', '冰箱一直响'], { effectiveFrom: '2027-02-01' }),
    ]);
    expect(f.some((x) => x.code === 'near-duplicate')).toBe(false);
    const overlapping = lint([e('fridge-a', '冰箱不制冷怎么办？', ['冰箱不冷了', '冷藏柜温度降不下来']), e('fridge-b', '冰箱不制冷了怎么处理？', ['冰柜坏了', '冰箱一直响'])]);
    expect(overlapping.filter((x) => x.code === 'near-duplicate')).toHaveLength(1);
  });

  it('an expired entry competes with nothing', () => {
    const f = lint([e('fridge-a', '冰箱不制冷怎么办？', ['冰箱不冷了', '冷藏柜温度降不下来'], { effectiveUntil: '2026-12-04' }), e('fridge-b', '冰箱不制冷了怎么处理？', ['冰柜坏了', '冰箱一直响'])]);
    expect(f.map((x) => x.code)).toEqual(['expired']);
  });

  it('is expired from the first Shanghai minute after effective_until', () => {
    const entries = [e('promo', '元旦活动有哪些？', ['元旦有什么活动', '新年活动怎么做'], { effectiveUntil: '2027-01-03' })];
    const at = (iso: string) => lintKb({ entries, kb: KnowledgeBase.build(entries, { ignoreValidity: true, answerField: false }), now: new Date(iso) }).findings.map((x) => x.code);
    expect(at('2027-01-03T15:59:00Z')).toEqual([]);
    expect(at('2027-01-03T16:01:00Z')).toEqual(['expired']);
  });

  it('checks override answers too (variables, links, length)', () => {
    const f = lint([e('pay', '订货款怎么付？', ['货款怎么交', '订货账户怎么充值'], { overrides: [{ tags: { region: '华南' }, answer: '找{duty.contct}，见[说明](www.example.com/pay)' }] })], [{ name: '华南群', tags: { region: '华南' } }]);
    expect(f.map((x) => [x.code, x.message.split(':')[0]])).toEqual([
      ['bad-url', 'overrides[0].answer'],
      ['unknown-variable', 'overrides[0].answer'],
    ]);
    expect(f.find((x) => x.code === 'bad-url')?.message).toContain('write https://www.example.com/pay');
  });
});

describe('checkLinks', () => {
  const codes = (text: string) => checkLinks(text).map((p) => p.code);

  it('accepts links and images with http(s) URLs, titles and nested parentheses', () => {
    expect(codes('见[手册](https://docs.example.com/a)和![图](https://img.example.com/b.png "示意")')).toEqual([]);
    expect(codes('[维基](https://zh.wikipedia.org/wiki/奶茶_(饮品))')).toEqual([]);
    expect(codes('[注意] 不是链接，【重要】也不是')).toEqual([]);
  });

  it.each([
    ['[手册](https://docs.example.com/a', 'missing its closing'],
    ['[手册](https://docs.example.com/a）', 'full-width ）'],
    ['[手册]（https://docs.example.com/a）', 'full-width （'],
    ['[手册] (https://docs.example.com/a)', 'space between ] and ('],
    ['[手册]()', 'has no URL'],
    ['[](https://docs.example.com/a)', 'has no text'],
    ['[手册](https://docs.example.com/a b)', 'contains a space'],
    ['[手册](https//docs.example.com)', 'not absolute'],
    ['［手册］(https://docs.example.com/a)', 'full-width ［ ］'],
    ['[手册](https:docs.example.com)', 'not a valid address'],
  ])('%s is malformed (%s)', (text, why) => {
    const problems = checkLinks(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' ')).toContain(why);
  });

  it.each(['javascript:alert(1)', 'ftp://files.example.com/a.pdf', 'file:///C:/a.doc', 'weixin://dl/business', '/docs/a', 'docs.example.com/a'])('flags the non-http(s) URL %s', (url) => {
    expect(codes(`[手册](${url})`)).toEqual(['bad-url']);
  });

  it('plain http is only worth a note', () => {
    expect(codes('[手册](http://docs.example.com/a)')).toEqual(['insecure-url']);
  });
});
