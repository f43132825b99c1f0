/**
 * Loads qunzhu's YAML configuration: `${ENV}` substitution for secrets, env overrides for
 * deployment-specific values, and zod validation whose errors name file, line and key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { configSchema, type AppConfig } from './schema';

export const MAIN_CONFIG_FILE = 'qunzhu.yaml';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigLocation {
  /** Directory that relative paths (KB files) are resolved against. */
  dir: string;
  /** The main YAML file. */
  file: string;
}

/** `--config` wins, then QUNZHU_CONFIG, then ./config. A directory means `<dir>/qunzhu.yaml`. */
export function resolveConfigLocation(cliPath: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfigLocation {
  const given = cliPath ?? env.QUNZHU_CONFIG ?? 'config';
  const abs = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ConfigError(
      `配置路径不存在 / config path not found: ${abs}. Pass --config <file-or-dir> or set QUNZHU_CONFIG (default: ./config).`,
    );
  }
  if (stat.isDirectory()) {
    const file = path.join(abs, MAIN_CONFIG_FILE);
    if (!fs.existsSync(file))
      throw new ConfigError(`${abs} has no ${MAIN_CONFIG_FILE}. Copy config/${MAIN_CONFIG_FILE} from the qunzhu repository as a start.`);
    return { dir: abs, file };
  }
  return { dir: path.dirname(abs), file: abs };
}

type PathSeg = string | number;

function formatPath(p: readonly PathSeg[]): string {
  return p.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

class YamlFile {
  readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  lineOf(node: Node | null | undefined): number | undefined {
    const start = node?.range?.[0];
    return start === undefined ? undefined : this.lines.linePos(start).line;
  }

  /** Line of the value at `p`, or of the closest existing ancestor. */
  lineAt(p: readonly PathSeg[]): number | undefined {
    for (let n = p.length; n >= 0; n--) {
      const node = this.doc.getIn(p.slice(0, n), true) as Node | undefined;
      const line = this.lineOf(node);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** Line of a key inside the mapping at `p` (for "unknown key" errors). */
  lineOfKey(p: readonly PathSeg[], key: string): number | undefined {
    const map = p.length ? this.doc.getIn(p, true) : this.doc.contents;
    if (isMap(map)) {
      for (const pair of map.items) if (isScalar(pair.key) && String(pair.key.value) === key) return this.lineOf(pair.key as Node);
    }
    return this.lineAt(p);
  }

  where(line: number | undefined): string {
    return line === undefined ? this.file : `${this.file}:${line}`;
  }
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` / `${NAME:-default}` inside string scalars. Substitution happens on the
 * parsed tree, not the raw text, so a secret containing ':' or '#' cannot break the YAML.
 */
function substituteEnv(y: YamlFile, env: NodeJS.ProcessEnv, problems: string[]): void {
  const visit = (node: unknown, p: PathSeg[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        visit(pair.value, [...p, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...p, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      node.value = node.value.replace(ENV_REF, (_m, name: string, fallback: string | undefined) => {
        const v = env[name];
        if (v !== undefined && v !== '') return v;
        if (fallback !== undefined) return fallback;
        problems.push(
          `${y.where(y.lineOf(node as Node))}: ${formatPath(p)}: environment variable ${name} is not set. ` +
            `Export it (e.g. in .env or the service's environment) or replace \${${name}} with a value.`,
        );
        return '';
      });
    }
  };
  visit(y.doc.contents, []);
}

/** Deployment-level env vars that override YAML values (documented in README). */
function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  const obj = (k: string): Record<string, unknown> => {
    const v = raw[k];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    raw[k] = created;
    return created;
  };
  if (env.REDIS_URL) obj('redis').url = env.REDIS_URL;
  if (env.PORT && /^\d+$/.test(env.PORT)) obj('server').port = Number(env.PORT);
  if (env.WECOM_API_BASE) {
    const platforms = obj('platforms');
    platforms.wecom = { ...((platforms.wecom as object | undefined) ?? {}), apiBase: env.WECOM_API_BASE };
  }
  if (env.DINGTALK_API_BASE || env.DINGTALK_OAPI_BASE) {
    const platforms = obj('platforms');
    const dt = { ...((platforms.dingtalk as object | undefined) ?? {}) } as Record<string, unknown>;
    if (env.DINGTALK_API_BASE) dt.apiBase = env.DINGTALK_API_BASE;
    if (env.DINGTALK_OAPI_BASE) dt.oapiBase = env.DINGTALK_OAPI_BASE;
    platforms.dingtalk = dt;
  }
}

function describeIssue(y: YamlFile, issue: z.core.$ZodIssue): string {
  const p = issue.path.filter((s): s is PathSeg => typeof s === 'string' || typeof s === 'number');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => {
        const at = formatPath([...p, k]);
        return `${y.where(y.lineOfKey(p, k))}: ${at}: unknown key "${k}". Check the spelling; every key is listed in README (配置项).`;
      })
      .join('\n');
  }
  const at = formatPath(p) || '(top level)';
  let msg = issue.message;
  if (issue.code === 'invalid_type') {
    const got = y.doc.getIn(p);
    msg = got === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}`;
  }
  return `${y.where(y.lineAt(p))}: ${at}: ${msg}`;
}

export interface LoadedConfig {
  config: AppConfig;
  location: ConfigLocation;
}

/** Reads, substitutes, validates. Throws ConfigError listing every problem (never secret values). */
export function loadConfig(location: ConfigLocation, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(location.file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read ${location.file}: ${(err as Error).message}`);
  }
  const y = new YamlFile(location.file, text);
  if (y.doc.errors.length) {
    const problems = y.doc.errors.map((e) => {
      const line = e.linePos?.[0]?.line ?? y.lines.linePos(e.pos[0]).line;
      return `${y.where(line)}: YAML syntax error: ${e.message.split('\n')[0]}`;
    });
    throw new ConfigError(problems.join('\n'), problems);
  }
  const problems: string[] = [];
  substituteEnv(y, env, problems);
  if (problems.length) throw new ConfigError(problems.join('\n'), problems);

  const raw = (y.doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(`${location.file}: the top level must be a mapping (key: value), see config/${MAIN_CONFIG_FILE}`);
  applyEnvOverrides(raw, env);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const list = parsed.error.issues.map((i) => describeIssue(y, i));
    throw new ConfigError(list.join('\n'), list);
  }
  return { config: parsed.data, location };
}
