/**
 * `qunzhu serve` as a real process: it says what is running, answers health checks, and on
 * SIGTERM drains and exits 0 (a second signal forces exit).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { deletePrefix, tempExampleConfig, uniquePrefix } from '../support/temp-config';

const ROOT = path.resolve(__dirname, '../..');
const prefix = uniquePrefix('serve');

function startServe(dir: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', path.join(ROOT, 'test/support/swc-register.js'), path.join(ROOT, 'src/cli.ts'), 'serve', '--config', dir], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
}

async function readUntil(child: ChildProcessWithoutNullStreams, re: RegExp, ms = 20000): Promise<RegExpMatchArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${re} in output:\n${out}`)), ms);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = out.match(re);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  });
}

afterAll(async () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  await deletePrefix(redis, prefix);
  await redis.quit();
});

it('prints what is running, serves health checks and shuts down cleanly on SIGTERM', async () => {
  const location = tempExampleConfig(prefix);
  const child = startServe(location.dir);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const banner = await readUntil(child, /HTTP\s+(http:\/\/127\.0\.0\.1:\d+)[\s\S]*npx qunzhu chat/);
    const url = banner[1]!;
    expect(banner[0]).toContain('/callbacks/wecom/hq-assistant');
    expect(banner[0]).toContain('茶小满总部助手');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { status: string };
    expect(ready.status).toBe('ready');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

it('refuses a broken config with file, line and key, before touching Redis', async () => {
  const location = tempExampleConfig(uniquePrefix('serve-bad'), (cfg) => {
    cfg.server = { ...(cfg.server as object), prot: 1 };
  });
  const child = startServe(location.dir);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  expect(code).toBe(1);
  expect(err).toContain('server.prot: unknown key "prot"');
  expect(err).toContain(location.file);
});

it('the installed `qunzhu` launcher runs the compiled CLI (what `npx qunzhu` executes)', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/qunzhu.js'), 'config', 'check', path.join(ROOT, 'config')]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  expect(code).toBe(0);
  expect(out).toContain('配置有效 / config OK');
  expect(out).toMatch(/knowledge base: \d+ entries/);
});
