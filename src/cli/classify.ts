/**
 * `qunzhu classify --in FILE --out preds.jsonl`: runs the message classifier over a file of
 * messages, with the KB and bands of the config (or --kb). FILE is one message per line, or a TSV
 * whose header has a `text` column; if it also has a `class` column, per-class precision and recall
 * are printed (that is how the labelled store-group sets are measured).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeBase } from '../kb/knowledge-base';
import { classify, type MessageClass } from '../pipeline/classify';
import { resolveConfigLocation } from '../config/load';
import { fitUrgentModel, urgentTrainingSet } from '../pipeline/urgent-fit';
import { loadSnapshot } from '../runtime/snapshot';
import { guarded, kbFromConfig, kbFromFile, UsageError } from './kb';

const USAGE = 'usage: qunzhu classify --in FILE --out preds.jsonl [--config DIR | --kb FILE] [--answer X --clarify Y]';

export interface LabelledMessage {
  text: string;
  gold?: string;
}

/** One message per line, or a TSV with a header naming a `text` (and optionally `class`) column. */
export function readMessages(file: string): LabelledMessage[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((c) => c.trim());
  const ti = header.indexOf('text');
  if (ti < 0) return lines.filter((l) => l.trim()).map((text) => ({ text }));
  const ci = header.indexOf('class');
  return lines
    .slice(1)
    .filter((l) => l.trim())
    .map((line, i) => {
      const cells = line.split('\t');
      const text = cells[ti];
      if (text === undefined) throw new UsageError(`${file}:${i + 2}: expected a "text" cell`);
      return ci >= 0 ? { text, gold: cells[ci]?.trim() } : { text };
    });
}

export interface ClassMetrics {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
}

export function perClassMetrics(gold: readonly string[], predicted: readonly string[]): Record<string, ClassMetrics> {
  const classes = [...new Set([...gold, ...predicted])].sort();
  return Object.fromEntries(
    classes.map((c) => {
      const support = gold.filter((g) => g === c).length;
      const pred = predicted.filter((p) => p === c).length;
      const hit = gold.filter((g, i) => g === c && predicted[i] === c).length;
      return [c, { support, predicted: pred, precision: pred ? hit / pred : 0, recall: support ? hit / support : 0 }];
    }),
  );
}

export function formatClassReport(m: Record<string, ClassMetrics>, accuracy: number): string {
  const rows = Object.entries(m).map(([c, v]) => `  ${c.padEnd(9)} ${String(v.support).padStart(4)} ${String(v.predicted).padStart(5)}   ${v.precision.toFixed(3)}   ${v.recall.toFixed(3)}`);
  return [`  class     gold  pred   precision recall`, ...rows, `  accuracy ${accuracy.toFixed(3)}`].join('\n');
}

export async function classifyCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return guarded(out, () => {
    const { values } = parseArgs({
      args: argv,
      options: { in: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' }, kb: { type: 'string' }, answer: { type: 'string' }, clarify: { type: 'string' } },
    });
    if (!values.in || !values.out) throw new UsageError(USAGE);
    if (!fs.existsSync(values.in)) throw new UsageError(`input file not found: ${values.in}`);
    const source = values.kb ? kbFromFile(values.kb) : kbFromConfig(values.config);
    const thresholds = {
      answerThreshold: values.answer !== undefined ? Number(values.answer) : source.thresholds.answerThreshold,
      clarifyThreshold: values.clarify !== undefined ? Number(values.clarify) : source.thresholds.clarifyThreshold,
    };
    const kb = KnowledgeBase.build(source.entries, { synonyms: source.synonyms });
    const messages = readMessages(values.in);
    const preds = messages.map((m) => {
      const c = classify(m.text, kb, thresholds, source.rules);
      const reasons = [c.reason, ...(c.kb?.candidates[0] ? [`kb top ${c.kb.candidates[0].id} ${c.kb.candidates[0].score.toFixed(3)}`] : [])];
      return { text: m.text, class: c.label as MessageClass, score: Number(c.score.toFixed(4)), reasons, ...(c.kb?.best ? { kbEntryId: c.kb.best.id } : {}) };
    });
    fs.writeFileSync(values.out, preds.map((p) => JSON.stringify(p)).join('\n') + (preds.length ? '\n' : ''));
    out.write(`classified ${preds.length} messages (KB ${kb.size} entries; answer ≥ ${thresholds.answerThreshold}, clarify ≥ ${thresholds.clarifyThreshold}) → ${values.out}\n`);
    const labelled = messages.map((m, i) => ({ gold: m.gold, pred: preds[i]!.class })).filter((x): x is { gold: string; pred: MessageClass } => Boolean(x.gold));
    if (labelled.length) {
      const metrics = perClassMetrics(
        labelled.map((x) => x.gold),
        labelled.map((x) => x.pred),
      );
      const accuracy = labelled.filter((x) => x.gold === x.pred).length / labelled.length;
      out.write(formatClassReport(metrics, accuracy) + '\n');
    }
    return 0;
  });
}

const FIT_URGENT_USAGE = 'usage: qunzhu classify fit-urgent [--fixtures test/fixtures/store] [--data ../shared/data] [--config DIR] [--out src/pipeline/urgent-weights.json]';

/**
 * Refits the urgent model (src/pipeline/urgent-model.ts) on the labelled store messages and the
 * public chat sets: `npm run urgent:fit` writes src/pipeline/urgent-weights.json.
 */
export async function urgentFitCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return guarded(out, () => {
    const { values } = parseArgs({ args: argv, options: { fixtures: { type: 'string', default: 'test/fixtures/store' }, data: { type: 'string', default: '../shared/data' }, out: { type: 'string' }, config: { type: 'string' } } });
    if (!fs.existsSync(values.fixtures!)) throw new UsageError(`fixtures directory not found: ${values.fixtures}\n${FIT_URGENT_USAGE}`);
    // The example KB's questions are routine store questions: negatives the model must not page for.
    const kb = loadSnapshot(resolveConfigLocation(values.config ?? path.resolve(__dirname, '../../config')), {}).kb;
    const routine = kb.allEntries.flatMap((e) => [e.question, ...e.similar]);
    const examples = urgentTrainingSet(values.fixtures!, values.data!, routine);
    const model = fitUrgentModel(examples, `${values.fixtures} + ${values.data}`);
    out.write(`${model.fittedBy}\n${Object.keys(model.weights).length} weighted grams, bias ${model.bias}, threshold ${model.threshold}\n`);
    if (values.out) {
      fs.writeFileSync(values.out, JSON.stringify(model, null, 1) + '\n');
      out.write(`model written to ${values.out} (rebuild to use it: npm run build)\n`);
    }
    return 0;
  });
}
