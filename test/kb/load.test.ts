import path from 'node:path';
import { KbLoadError, lineInText, loadKbJsonl, loadKbYamlFiles, loadKbYamlFilesWithSources } from '../../src/kb/load';
import { FIXTURES, exampleKbFiles } from './example-kb';

const fixture = (name: string) => path.join(FIXTURES, name);

function loadError(files: string[]): KbLoadError {
  try {
    loadKbYamlFiles(files);
  } catch (err) {
    if (err instanceof KbLoadError) return err;
    throw err;
  }
  throw new Error('expected a KbLoadError');
}

describe('loadKbYamlFiles', () => {
  it('loads the example KB: ≥ 60 entries, 2–5 similar questions each, concise answers', () => {
    const entries = loadKbYamlFiles(exampleKbFiles());
    expect(entries.length).toBeGreaterThanOrEqual(60);
    for (const e of entries) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(e.similar.length).toBeGreaterThanOrEqual(2);
      expect(e.similar.length).toBeLessThanOrEqual(5);
      expect(Buffer.byteLength(e.answer)).toBeLessThan(600);
      expect(e.category).toBeTruthy();
    }
  });

  it('names file, line and key of an unknown key', () => {
    const err = loadError([fixture('bad-key.yaml')]);
    expect(err.message).toContain('bad-key.yaml:9');
    expect(err.message).toContain('entries[1].simliar');
    expect(err.message).toMatch(/expected one of id, question, similar/);
  });

  it('names file, line and key of a malformed id', () => {
    const err = loadError([fixture('bad-id.yaml')]);
    expect(err.message).toContain('bad-id.yaml:5');
    expect(err.message).toContain('entries[1].id');
    expect(err.message).toMatch(/lower-case letters, digits/);
  });

  it('says what is missing', () => {
    const err = loadError([fixture('missing-answer.yaml')]);
    expect(err.message).toContain('missing-answer.yaml:2');
    expect(err.message).toContain('entries[0].answer');
    expect(err.message).toMatch(/expected the answer/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(loadError([fixture('syntax.yaml')]).message).toMatch(/syntax\.yaml:\d+: YAML syntax error/);
  });

  it('rejects an id used in two files, naming both', () => {
    const err = loadError([fixture('dup-a.yaml'), fixture('dup-b.yaml')]);
    expect(err.message).toMatch(/dup-b\.yaml: id "same-id" is already used in .*dup-a\.yaml/);
  });
});

describe('loadKbJsonl', () => {
  it('reads {id, question, similar, answer?} lines and skips blank ones', () => {
    const entries = loadKbJsonl(fixture('mini.jsonl'));
    expect(entries.map((e) => e.id)).toEqual(['pos-offline', 'missed-punch', 'ice-machine', 'health-cert']);
    expect(entries[0]).toEqual({ id: 'pos-offline', question: '收银机连不上网怎么办', similar: ['收银系统断网了'], answer: '' });
    expect(entries[3]?.answer).toBe('到当地疾控中心办理。');
  });

  it('names the line of a broken record', () => {
    expect(() => loadKbJsonl(fixture('queries.tsv'))).toThrow(/queries\.tsv:1: not valid JSON/);
  });
});

describe('loadKbYamlFiles: effective dates, overrides', () => {
  it('maps effective_from / effective_until / overrides to camelCase fields', () => {
    const [promo, payment] = loadKbYamlFiles([fixture('new-fields.yaml')]);
    expect(promo).toMatchObject({ id: 'promo-new-year', effectiveFrom: '2026-12-20', effectiveUntil: '2027-01-03' });
    expect(promo).not.toHaveProperty('overrides');
    expect(payment?.overrides).toEqual([
      { tags: { storeType: '加盟' }, answer: '请在「订货系统-账户充值」用对公账户转账，到账后余额自动更新。' },
      { tags: { storeType: '直营' }, answer: '直营店由总部统一结算，不需要充值。' },
    ]);
    expect(payment).not.toHaveProperty('effectiveFrom');
  });

  it('lists the new keys among the known ones and suggests the snake_case spelling', () => {
    const err = loadError([fixture('camel-key.yaml')]);
    expect(err.message).toContain('camel-key.yaml:5: entries[0].effectiveUntil: unknown key');
    expect(err.message).toContain('expected one of id, question, similar, answer, category, tags, effective_from, effective_until, overrides');
    expect(err.message).toContain('did you mean "effective_until"?');
  });

  it('rejects a date not written YYYY-MM-DD, with file:line', () => {
    const err = loadError([fixture('bad-date.yaml')]);
    expect(err.message).toMatch(/bad-date\.yaml:6: entries\[0\]\.effective_from: expected a date like 2026-12-01 \(YYYY-MM-DD, Asia\/Shanghai\), got "2026-12-1"/);
  });

  it('rejects a day that does not exist', () => {
    expect(loadError([fixture('bad-calendar.yaml')]).message).toMatch(/bad-calendar\.yaml:5: entries\[0\]\.effective_until: .*got "2027-02-30"/);
  });

  it('rejects effective_until before effective_from, pointing at effective_until', () => {
    expect(loadError([fixture('bad-window.yaml')]).message).toMatch(/bad-window\.yaml:7: entries\[0\]\.effective_until: effective_until 2026-12-01 is before effective_from 2026-12-12; expected from ≤ until/);
  });

  it('names an unknown key inside an override with the override keys', () => {
    const err = loadError([fixture('bad-override.yaml')]);
    expect(err.message).toContain('bad-override.yaml:10: entries[0].overrides[1].anwser: unknown key; expected one of tags, answer (did you mean "answer"?)');
  });

  it('requires at least one tag on an override', () => {
    expect(loadError([fixture('empty-override-tags.yaml')]).message).toMatch(/empty-override-tags\.yaml:6: entries\[0\]\.overrides\[0\]\.tags: expected at least one tag/);
  });

  it('explains that an answer starting with a markdown link must be a block', () => {
    expect(loadError([fixture('markdown-start.yaml')]).message).toMatch(/markdown-start\.yaml:5: YAML syntax error: .*write "answer: \|"/);
  });
});

describe('loadKbYamlFilesWithSources', () => {
  it('gives the line of every entry, question, answer line and override', () => {
    const { entries, sources } = loadKbYamlFilesWithSources([fixture('new-fields.yaml'), fixture('dup-a.yaml')]);
    expect(entries.map((e) => e.id)).toEqual(['promo-new-year', 'order-payment', 'same-id']);
    const promo = sources.get('promo-new-year')!;
    expect(promo).toMatchObject({ line: 3, questionLines: [4, 5, 5], answer: { line: 7, literal: true }, effectiveFromLine: 9, effectiveUntilLine: 10 });
    expect(promo.file).toMatch(/new-fields\.yaml$/);
    const payment = sources.get('order-payment')!;
    expect(payment.answer).toEqual({ line: 14, literal: true });
    expect(payment.overrides.map((o) => o.line)).toEqual([16, 18]);
    expect(payment.overrides.map((o) => o.answer.line)).toEqual([17, 19]);
    expect(sources.get('same-id')?.file).toMatch(/dup-a\.yaml$/);
  });

  it('maps a position inside a | answer to its file line, after leading blank lines', () => {
    const { entries, sources } = loadKbYamlFilesWithSources([fixture('leading-blank.yaml')]);
    const answer = entries[0]!.answer;
    const src = sources.get('blank-start')!.answer;
    expect(src).toEqual({ line: 7, literal: true });
    expect(lineInText(src, answer, answer.indexOf('第一行'))).toBe(7);
    expect(lineInText(src, answer, answer.indexOf('{group.nmae}'))).toBe(8);
  });
});
