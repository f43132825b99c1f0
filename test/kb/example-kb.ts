/** The shipped example KB (config/kb/*.yaml), built once per test file. */
import fs from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { loadKbYamlFiles } from '../../src/kb/load';

export const EXAMPLE_KB_DIR = path.join(__dirname, '../../config/kb');
export const FIXTURES = path.join(__dirname, '../fixtures/kb');
import { parse as parseYaml } from 'yaml';

/** The bands the shipped example config uses (config/qunzhu.yaml kb.*Threshold). */
const exampleKbConfig = (parseYaml(fs.readFileSync(path.join(__dirname, '../../config/qunzhu.yaml'), 'utf8')) as { kb: { answerThreshold: number; clarifyThreshold: number } }).kb;
export const DEFAULT_OPTS = { answerThreshold: exampleKbConfig.answerThreshold, clarifyThreshold: exampleKbConfig.clarifyThreshold } as const;

export function exampleKbFiles(): string[] {
  return fs
    .readdirSync(EXAMPLE_KB_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(EXAMPLE_KB_DIR, f));
}

let cached: KnowledgeBase | undefined;
export function exampleKb(): KnowledgeBase {
  return (cached ??= KnowledgeBase.build(loadKbYamlFiles(exampleKbFiles())));
}
