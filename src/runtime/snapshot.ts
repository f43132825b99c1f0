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

export interface RuntimeSnapshot {
  readonly config: AppConfig;
  readonly kb: KnowledgeBase;
  readonly location: ConfigLocation;
  /** Every file this snapshot was built from (watched for hot reload). */
  readonly files: string[];
  readonly loadedAt: number;
}

export function loadSnapshot(location: ConfigLocation, env: NodeJS.ProcessEnv = process.env): RuntimeSnapshot {
  const { config } = loadConfig(location, env);
  const kbFiles = expandFilePatterns(location.dir, config.kb.files);
  const entries = kbFiles.length ? loadKbYamlFiles(kbFiles) : [];
  const kb = KnowledgeBase.build(entries, { synonyms: config.kb.synonyms as unknown as SynonymGroup[] });
  return { config, kb, location, files: [location.file, ...kbFiles], loadedAt: Date.now() };
}
