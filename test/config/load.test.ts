import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, resolveConfigLocation } from '../../src/config/load';

const EXAMPLE_DIR = path.resolve(__dirname, '../../config');
const AES = 'qunzhuDemoAESKeyForLocalTrialOnly0000000000';

function tempConfig(yaml: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-cfg-'));
  const file = path.join(dir, 'qunzhu.yaml');
  fs.writeFileSync(file, yaml);
  return { dir, file };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const MINIMAL = `bots:
  - id: b1
    platform: wecom
    name: 助手
    token: \${T}
    encodingAESKey: ${AES}
`;

describe('config loading', () => {
  it('loads the shipped example config with defaults for secrets', () => {
    const { config } = loadConfig(resolveConfigLocation(EXAMPLE_DIR), {});
    expect(config.bots[0]?.id).toBe('hq-assistant');
    expect(config.groups.length).toBeGreaterThanOrEqual(3);
    expect(config.groups[0]?.tags.region).toBe('华东');
    expect(config.platforms.wecom.apiBase).toBe('https://qyapi.weixin.qq.com');
  });

  it('substitutes ${ENV} secrets and applies env overrides', () => {
    const loc = tempConfig(MINIMAL);
    const { config } = loadConfig(loc, { T: 'tok:en#1', REDIS_URL: 'redis://10.0.0.1:6390', PORT: '9999', WECOM_API_BASE: 'http://127.0.0.1:1234' });
    expect(config.bots[0]?.token).toBe('tok:en#1');
    expect(config.redis.url).toBe('redis://10.0.0.1:6390');
    expect(config.server.port).toBe(9999);
    expect(config.platforms.wecom.apiBase).toBe('http://127.0.0.1:1234');
  });

  it('names file, line and key of a missing secret, without printing any value', () => {
    const loc = tempConfig(MINIMAL);
    const problems = problemsOf(() => loadConfig(loc, {}));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${loc.file}:5: bots[0].token: environment variable T is not set`);
  });

  it('names file, line and key of an unknown key', () => {
    const loc = tempConfig(MINIMAL + '    tokn: oops\n');
    const problems = problemsOf(() => loadConfig(loc, { T: 'x' }));
    expect(problems.join('\n')).toContain(`${loc.file}:7: bots[0].tokn: unknown key "tokn"`);
  });

  it('explains wrong types and bad formats with the line', () => {
    const loc = tempConfig(`server:\n  port: "eighty"\n` + MINIMAL.replace(AES, 'short'));
    const problems = problemsOf(() => loadConfig(loc, { T: 'x' })).join('\n');
    expect(problems).toContain(`${loc.file}:2: server.port: expected number`);
    expect(problems).toContain(`${loc.file}:8: bots[0].encodingAESKey: EncodingAESKey must be exactly 43`);
    expect(problems).not.toContain('short');
  });

  it('reports YAML syntax errors with a line', () => {
    const loc = tempConfig('bots:\n  - id: b1\n   platform: wecom\n');
    const problems = problemsOf(() => loadConfig(loc, {}));
    expect(problems[0]).toMatch(new RegExp(`^${loc.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: YAML syntax error`));
  });

  it('rejects groups pointing at unknown bots and duplicate ids', () => {
    const loc = tempConfig(MINIMAL + `groups:\n  - { id: g1, bot: nope, name: 群 }\n`);
    const problems = problemsOf(() => loadConfig(loc, { T: 'x' })).join('\n');
    expect(problems).toContain('groups[0].bot: unknown bot "nope"; known: b1');
  });

  it('names the line of a broken regular expression in the classify rules', () => {
    const loc = tempConfig(MINIMAL + `classify:\n  urgent:\n    - topic: 冷库\n      pattern: "冷库(坏"\n`);
    const problems = problemsOf(() => loadConfig(loc, { T: 'x' })).join('\n');
    expect(problems).toMatch(/qunzhu\.yaml:\d+: classify\.urgent\[0\]\.pattern/);
    expect(problems).toMatch(/正则|regular expression/);
  });

  it('says what an urgent rule without words or pattern lacks', () => {
    const loc = tempConfig(MINIMAL + `classify:\n  urgent:\n    - topic: 冷库\n`);
    expect(problemsOf(() => loadConfig(loc, { T: 'x' })).join('\n')).toMatch(/words or a pattern/);
  });

  it('says what to do when the config path does not exist', () => {
    expect(() => resolveConfigLocation('/nonexistent/qz')).toThrow(/QUNZHU_CONFIG/);
  });
});
