/**
 * The optional embeddings signal, wired end to end against the local fake embeddings API: question
 * vectors fetched once (then from the disk cache), fused into ranking, a semantic-only candidate
 * reaching the short list, and a failing server leaving answers lexical, never broken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { FakeEmbeddingsApi } from '../../src/devtools/fake-embeddings-api';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import type { KbEntry } from '../../src/kb/types';
import { attachQuestionVectors, queryVector, type EmbeddingsConfig } from '../../src/runtime/embeddings';
import { exampleKb } from './example-kb';

const quiet = pino({ level: 'silent' });
let api: FakeEmbeddingsApi;
let cacheDir: string;
let cfg: EmbeddingsConfig;
const entries: KbEntry[] = [...exampleKb().allEntries];

beforeAll(async () => {
  api = await FakeEmbeddingsApi.start({ models: ['fake-embed'], dimensions: 64 });
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-emb-'));
  cfg = { baseUrl: api.url, model: 'fake-embed', timeoutMs: 2000, batchSize: 64, cacheDir, weight: 4 };
});

afterAll(async () => {
  await api.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

describe('embeddings fused with the lexical signals', () => {
  it('fetches question vectors once, then reads them from the disk cache', async () => {
    const kb = KnowledgeBase.build(entries);
    expect(await attachQuestionVectors(kb, cfg, quiet)).toBe(true);
    expect(kb.hasVectors).toBe(true);
    const seen = api.inputsSeen;
    expect(seen).toBe(kb.questionTexts().length);
    const again = KnowledgeBase.build(entries);
    expect(await attachQuestionVectors(again, { ...cfg }, quiet)).toBe(true);
    expect(api.inputsSeen).toBe(seen);
  });

  it('changes ranking scores when a query vector is given, and still ranks the right entry first', async () => {
    const kb = KnowledgeBase.build(entries);
    await attachQuestionVectors(kb, cfg, quiet);
    const q = '收银机没网了咋办';
    const v = await queryVector(q, kb, cfg, quiet);
    expect(v).toBeDefined();
    const lexical = kb.search(q)[0]!;
    const fused = kb.search(q, { queryVector: v })[0]!;
    expect(fused.id).toBe('pos-offline');
    expect(fused.rankScore).not.toBe(lexical.rankScore);
  });

  it('lets a question that shares no word with the query into the short list by its vector', () => {
    const small: KbEntry[] = [
      { id: 'a', question: '会员积分怎么查', similar: [], answer: 'A' },
      { id: 'b', question: '制冰机不出冰', similar: [], answer: 'B' },
    ];
    const kb = KnowledgeBase.build(small, { selfCalibrate: false });
    // Hand-made vectors: the query points exactly at question b, which shares no word with it.
    kb.attachVectors([Float32Array.from([1, 0]), Float32Array.from([0, 1])], 4);
    const q = '冻块做不了';
    expect(kb.search(q).map((c) => c.id)).not.toContain('b');
    expect(kb.search(q, { queryVector: Float32Array.from([0, 1]) }).map((c) => c.id)).toContain('b');
  });

  it('a failing embeddings server leaves matching lexical, never broken', async () => {
    const kb = KnowledgeBase.build(entries);
    api.failNext({ kind: 'http', status: 503 }, { kind: 'http', status: 503 }, { kind: 'http', status: 503 });
    const fresh = { ...cfg, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qz-emb-down-')), batchSize: 2048 };
    expect(await attachQuestionVectors(kb, fresh, quiet)).toBe(false);
    expect(kb.hasVectors).toBe(false);
    expect(await queryVector('收银机没网了', kb, fresh, quiet)).toBeUndefined();
    expect(kb.search('收银机没网了')[0]?.id).toBe('pos-offline');
    fs.rmSync(fresh.cacheDir, { recursive: true, force: true });
  });
});
