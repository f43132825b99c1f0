import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { resolveConfigLocation } from '../../src/config/load';
import { RuntimeStore } from '../../src/runtime/store';

const AES = 'qunzhuDemoAESKeyForLocalTrialOnly0000000000';

function writeConfig(dir: string, port: number): void {
  fs.writeFileSync(
    path.join(dir, 'qunzhu.yaml'),
    `server: { port: ${port} }\nbots:\n  - { id: b1, platform: wecom, name: 助手, token: t, encodingAESKey: ${AES} }\nkb: { files: [kb/*.yaml] }\n`,
  );
}

function writeKb(dir: string, entries: Array<{ id: string; q: string }>): void {
  fs.mkdirSync(path.join(dir, 'kb'), { recursive: true });
  const yaml = 'entries:\n' + entries.map((e) => `  - id: ${e.id}\n    question: ${e.q}\n    similar: []\n    answer: 答案${e.id}\n`).join('');
  fs.writeFileSync(path.join(dir, 'kb', 'faq.yaml'), yaml);
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('hot reload', () => {
  let dir: string;
  let store: RuntimeStore;
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-reload-'));
    writeConfig(dir, 8081);
    writeKb(dir, [{ id: 'a1', q: '收银机连不上网怎么办' }]);
    store = RuntimeStore.open(resolveConfigLocation(dir), logger, {});
    store.watch(50);
    lines.length = 0;
  });

  afterEach(() => store.close());

  it('swaps in a valid edit of the main file and of a KB file without restart', async () => {
    expect(store.get().config.server.port).toBe(8081);
    writeConfig(dir, 8082);
    await waitFor(() => store.get().config.server.port === 8082);
    writeKb(dir, [
      { id: 'a1', q: '收银机连不上网怎么办' },
      { id: 'a2', q: '会员积分怎么查' },
    ]);
    await waitFor(() => store.get().kb.size === 2);
    expect(lines.some((l) => l.event === 'config_reloaded')).toBe(true);
  });

  it('rejects an invalid edit, logs file and line, and keeps the last good config', async () => {
    const before = store.get();
    fs.writeFileSync(path.join(dir, 'qunzhu.yaml'), `server: { port: "nope" }\nbots: []\n`);
    await waitFor(() => lines.some((l) => l.event === 'config_reload_rejected'));
    expect(store.get()).toBe(before);
    const rejected = lines.find((l) => l.event === 'config_reload_rejected');
    expect(String(rejected?.error)).toContain(`${path.join(dir, 'qunzhu.yaml')}:1: server.port`);

    // A broken KB file is rejected too.
    writeConfig(dir, 8081);
    fs.writeFileSync(path.join(dir, 'kb', 'faq.yaml'), 'entries:\n  - id: x\n    question: [oops\n');
    await waitFor(() => lines.filter((l) => l.event === 'config_reload_rejected').length >= 2);
    expect(store.get()).toBe(before);

    // Fixing it is picked up.
    writeKb(dir, [{ id: 'a9', q: '怎么订货' }]);
    await waitFor(() => store.get().kb.getEntry('a9') !== undefined);
  });
});
