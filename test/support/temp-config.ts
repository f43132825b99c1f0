/**
 * A throwaway copy of the shipped example config (same KB, same bot) with a unique Redis key
 * prefix, so every test file gets its own queues and keys and files can run in parallel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ConfigLocation } from '../../src/config/load';
import { deleteByPrefix } from '../../src/queue/redis';

export const EXAMPLE_CONFIG_DIR = path.resolve(__dirname, '../../config');

const created: string[] = [];
// Temp configs are small; remove them when the test process ends.
process.once('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

export function uniquePrefix(tag: string): string {
  return `qzt-${tag}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Copies config/ to a temp dir and applies `edit` to the parsed main YAML (a plain object). */
export function tempExampleConfig(prefix: string, edit: (cfg: Record<string, unknown>) => void = () => undefined): ConfigLocation {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-e2e-'));
  created.push(dir);
  fs.cpSync(EXAMPLE_CONFIG_DIR, dir, { recursive: true });
  const file = path.join(dir, 'qunzhu.yaml');
  const cfg = parseDocument(fs.readFileSync(file, 'utf8')).toJS() as Record<string, unknown>;
  cfg.redis = { ...(cfg.redis as object), url: 'redis://127.0.0.1:6379', keyPrefix: prefix };
  cfg.server = { ...(cfg.server as object), host: '127.0.0.1', port: 0 };
  edit(cfg);
  fs.writeFileSync(file, JSON.stringify(cfg, null, 2)); // JSON is valid YAML
  return { dir, file };
}

/** Deletes every key under a prefix. */
export const deletePrefix = deleteByPrefix;
