/**
 * `npm run bench:kb`: the knowledge base at 10,000 entries, built from ../shared/data/faq-afqmc
 * (its 8,354 entries, topped up with out-of-KB questions as extra entries), on one core:
 * index build time, queries per second, p50/p99 latency of `decide`, resident memory. The plain
 * BM25 baseline is timed on the same queries in the same run, as the reference point.
 * Flags: --entries N (default 10000), --queries N (default 5000), --data DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlainBm25Baseline } from '../kb/baseline';
import { readLabelledQueries } from '../kb/eval';
import { KnowledgeBase } from '../kb/knowledge-base';
import { loadKbJsonl } from '../kb/load';
import { DEFAULT_BANDS } from '../kb/model';
import { addWords } from '../kb/tokenize';
import type { KbEntry } from '../kb/types';

const out = (s = ''): void => void process.stdout.write(s + '\n');
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;
}

function timeQueries(run: (q: string) => unknown, queries: readonly string[]): { qps: number; p50: number; p99: number } {
  const lat = new Float64Array(queries.length);
  const t0 = performance.now();
  queries.forEach((q, i) => {
    const s = performance.now();
    run(q);
    lat[i] = performance.now() - s;
  });
  const wall = (performance.now() - t0) / 1000;
  lat.sort();
  return { qps: queries.length / wall, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99) };
}

function main(): void {
  const { values } = parseArgs({ options: { entries: { type: 'string', default: '10000' }, queries: { type: 'string', default: '5000' }, data: { type: 'string', default: path.resolve('../shared/data') } } });
  const target = Number(values.entries);
  const nQueries = Number(values.queries);
  const dir = path.join(values.data!, 'faq-afqmc');
  if (!fs.existsSync(dir)) throw new Error(`${dir} not found: pass --data DIR (the shared data folder with faq-afqmc/)`);
  const base = loadKbJsonl(path.join(dir, 'kb.jsonl'));
  const labelled = readLabelledQueries(path.join(dir, 'queries.tsv'));
  const extra: KbEntry[] = labelled
    .filter((q) => q.gold === 'OOK')
    .slice(0, Math.max(0, target - base.length))
    .map((q, i) => ({ id: `extra${i}`, question: q.query, similar: [], answer: '' }));
  const entries = [...base, ...extra].slice(0, target);
  const queries = labelled.filter((q) => q.gold !== 'OOK').slice(0, nQueries).map((q) => q.query);

  out(`qunzhu KB benchmark — ${os.cpus()[0]?.model.trim() ?? '?'}, node ${process.version}, ${new Date().toISOString()}`);
  out(`KB: ${entries.length} entries (faq-afqmc + out-of-KB questions as extra entries); ${queries.length} queries (faq-afqmc paraphrases)`);
  const t0 = performance.now();
  addWords([]); // load the jieba dictionary outside the timed build (a process does it once)
  const dictMs = performance.now() - t0;
  const rss0 = process.memoryUsage().rss;
  const t1 = performance.now();
  const kb = KnowledgeBase.build(entries);
  const buildMs = performance.now() - t1;
  const rssBuilt = process.memoryUsage().rss;
  for (const q of queries.slice(0, 200)) kb.decide(q, DEFAULT_BANDS); // JIT warm-up
  const engine = timeQueries((q) => kb.decide(q, DEFAULT_BANDS), queries);
  const rssAfter = process.memoryUsage().rss;
  const baseline = new PlainBm25Baseline(entries);
  const plain = timeQueries((q) => baseline.rank(q, 10), queries);

  out(`jieba dictionary load: ${dictMs.toFixed(0)} ms (once per process)`);
  out(`index build: ${buildMs.toFixed(0)} ms (target < 3000 ms), incl. self-calibration: ${kb.calibration.source}`);
  out(`engine   ${engine.qps.toFixed(0).padStart(6)} queries/s   p50 ${engine.p50.toFixed(2)} ms   p99 ${engine.p99.toFixed(2)} ms   (targets ≥ 2000 q/s, p99 < 5 ms)`);
  out(`baseline ${plain.qps.toFixed(0).padStart(6)} queries/s   p50 ${plain.p50.toFixed(2)} ms   p99 ${plain.p99.toFixed(2)} ms   (plain BM25 over jieba, same queries)`);
  out(`memory: RSS ${mb(rss0)} before the build, ${mb(rssBuilt)} after, ${mb(rssAfter)} after the queries (target < 300 MB)`);
  out(JSON.stringify({ bench: 'kb', entries: entries.length, queries: queries.length, buildMs, engine, baseline: plain, rss: { before: rss0, built: rssBuilt, after: rssAfter } }));
}

main();
