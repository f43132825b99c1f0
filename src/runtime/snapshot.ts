/**
 * A runtime snapshot: one validated config plus the knowledge base built from it. Snapshots are
 * immutable; hot reload builds a new one off to the side and swaps the reference, so a message
 * being processed always sees one consistent config + KB pair.
 */
import { expandFilePatterns } from '../config/files';
import { loadConfig, type ConfigLocation } from '../config/load';
import type { AppConfig } from '../config/schema';
import { KnowledgeBase } from '../kb/knowledge-base';
import { loadKbYamlFiles } from '../kb/load';
import type { SynonymGroup } from '../kb/synonyms';
import type { KbEntry } from '../kb/types';
import { compileClassifierRules, type ClassifierRules } from '../pipeline/rules';

export interface RuntimeSnapshot {
  readonly config: AppConfig;
  readonly kb: KnowledgeBase;
  /** the classifier's built-in rules plus the config's `classify` section, compiled once */
  readonly rules: ClassifierRules;
  readonly location: ConfigLocation;
  /** Every file this snapshot was built from (watched for hot reload). */
  readonly files: string[];
  readonly loadedAt: number;
}

function readSources(location: ConfigLocation, env: NodeJS.ProcessEnv): { config: AppConfig; kbFiles: string[]; entries: KbEntry[] } {
  const { config } = loadConfig(location, env);
  const kbFiles = expandFilePatterns(location.dir, config.kb.files);
  const entries = kbFiles.length ? loadKbYamlFiles(kbFiles) : [];
  return { config, kbFiles, entries };
}

const buildOptions = (config: AppConfig) => ({ synonyms: config.kb.synonyms as unknown as SynonymGroup[] });

export function loadSnapshot(location: ConfigLocation, env: NodeJS.ProcessEnv = process.env): RuntimeSnapshot {
  const { config, kbFiles, entries } = readSources(location, env);
  const kb = KnowledgeBase.build(entries, buildOptions(config));
  return { config, kb, rules: compileClassifierRules(config.classify, config.conversation.handoffPhrases), location, files: [location.file, ...kbFiles], loadedAt: Date.now() };
}

/** Like loadSnapshot, but the KB is built in small steps so the event loop keeps serving (hot reload). */
export async function loadSnapshotAsync(location: ConfigLocation, env: NodeJS.ProcessEnv = process.env): Promise<RuntimeSnapshot> {
  const { config, kbFiles, entries } = readSources(location, env);
  const kb = await KnowledgeBase.buildAsync(entries, buildOptions(config));
  return { config, kb, rules: compileClassifierRules(config.classify, config.conversation.handoffPhrases), location, files: [location.file, ...kbFiles], loadedAt: Date.now() };
}
