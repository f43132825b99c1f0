import path from 'node:path';
import { KbLoadError, loadKbJsonl, loadKbYamlFiles } from '../../src/kb/load';
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
