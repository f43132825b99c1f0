import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { kbEvalCommand, kbSearchCommand } from '../../src/cli/kb';
import { EXAMPLE_KB_DIR, FIXTURES } from './example-kb';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('qunzhu kb eval', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qunzhu-kb-eval-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one prediction per query, in order, and prints the metrics', async () => {
    const preds = path.join(dir, 'preds.jsonl');
    const { out, text } = capture();
    const code = await kbEvalCommand(['--kb', path.join(FIXTURES, 'mini.jsonl'), '--queries', path.join(FIXTURES, 'queries.tsv'), '--out', preds], out);
    expect(code).toBe(0);

    const lines = fs.readFileSync(preds, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.query)).toEqual(['收银机没网了咋办', '我忘了打卡', '制冰机不出冰', '今天天气怎么样']);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['query', 'top', 'decision']));
      expect(['answer', 'clarify', 'none']).toContain(l.decision);
      const top = l.top as Array<{ id: string; score: number }>;
      expect(top.length).toBeLessThanOrEqual(10);
      for (const c of top) expect(Object.keys(c).sort()).toEqual(['id', 'score']);
    }
    expect((lines[0]!.top as Array<{ id: string }>)[0]?.id).toBe('pos-offline');
    expect(lines[3]!.decision).toBe('none');

    const report = text();
    expect(report).toContain('3 in-KB, 1 out-of-KB');
    expect(report).toMatch(/top-1 1\.000 {2}top-3 1\.000 {2}MRR@10 1\.000/);
    expect(report).toMatch(/baseline plain BM25 +top-1/);
    expect(report).toContain('out-of-KB wrongly answered 0.0%');
    expect(report).toMatch(/auto-answer precision/);
    expect(report).toMatch(/queries\/s, p99 latency/);
  });

  it('explains missing arguments with exit code 2', async () => {
    const { out, text } = capture();
    expect(await kbEvalCommand(['--kb', 'x.jsonl'], out)).toBe(2);
    expect(text()).toContain('usage: qunzhu kb eval');
  });
});

describe('qunzhu kb search', () => {
  it('prints ranked candidates with scores and the decision, from the config dir', async () => {
    const { out, text } = capture();
    const code = await kbSearchCommand(['收银机没网了咋办', '--config', path.dirname(EXAMPLE_KB_DIR), '--limit', '3'], out);
    expect(code).toBe(0);
    const report = text();
    expect(report).toMatch(/1\. \d\.\d{3} \(rank -?\d+\.\d{2}\) {2}pos-offline/);
    expect(report).not.toMatch(/^ +4\. \d\.\d{3}/m);
    expect(report).toMatch(/decision: (answer|clarify)/);
  });

  it('searches an explicit --kb file and says "none" for off-topic questions', async () => {
    const { out, text } = capture();
    expect(await kbSearchCommand(['今天天气怎么样', '--kb', path.join(FIXTURES, 'mini.jsonl')], out)).toBe(0);
    expect(text()).toContain('decision: none');
  });

  it('rejects a bad --limit', async () => {
    const { out, text } = capture();
    expect(await kbSearchCommand(['收银机', '--kb', path.join(FIXTURES, 'mini.jsonl'), '--limit', 'x'], out)).toBe(2);
    expect(text()).toContain('--limit');
  });
});
